"""`import local_browser` (the tests, the benchmark): the generator's guide.local_browser module
(hooks/guide/local_browser.py), which `guide audit` uses too."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from guide import local_browser as module  # noqa: E402

sys.modules[__name__] = module
