"""`python scripts/contacts_report.py`: the generator's guide.contacts_report module, which the `guide` command
runs too (hooks/guide/contacts_report.py; `--help` for its options)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from guide import contacts_report as module  # noqa: E402

if __name__ == "__main__":
    sys.exit(module.main())
sys.modules[__name__] = module  # `import contacts_report` (the tests, the benchmark) is the module itself
