"""`python scripts/export_directory.py`: the generator's guide.export_directory module, which the `guide` command
runs too (hooks/guide/export_directory.py; `--help` for its options)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from guide import export_directory as module  # noqa: E402

if __name__ == "__main__":
    sys.exit(module.main())
sys.modules[__name__] = module  # `import export_directory` (the tests, the benchmark) is the module itself
