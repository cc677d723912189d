"""`python scripts/new_language.py`: the generator's guide.new_language module, which the `guide` command
runs too (hooks/guide/new_language.py; `--help` for its options)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from guide import new_language as module  # noqa: E402

if __name__ == "__main__":
    sys.exit(module.main())
sys.modules[__name__] = module  # `import new_language` (the tests, the benchmark) is the module itself
