"""`python scripts/build_site.py`: the generator's guide.building module, which the `guide` command
runs too (hooks/guide/building.py; `--help` for its options)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from guide import building as module  # noqa: E402

if __name__ == "__main__":
    sys.exit(module.main())
sys.modules[__name__] = module  # `import build_site` (the tests, the benchmark) is the module itself
