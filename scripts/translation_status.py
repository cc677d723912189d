"""`python scripts/translation_status.py`: the generator's guide.translation_status module, which the `guide` command
runs too (hooks/guide/translation_status.py; `--help` for its options)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from guide import translation_status as module  # noqa: E402

if __name__ == "__main__":
    sys.exit(module.main())
sys.modules[__name__] = module  # `import translation_status` (the tests, the benchmark) is the module itself
