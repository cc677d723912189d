"""The default guide builds the same under ProperDocs (the maintained fork of MkDocs 1.6) as under
MkDocs: a guide can move to it, should MkDocs stop being maintained, without a changed page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')  # names the tool that built it


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file() and p.name != ".guide-site"}


def test_properdocs_builds_the_default_guide_byte_for_byte(site, tmp_path):
    properdocs = shutil.which("properdocs", path=os.path.dirname(sys.executable))
    assert properdocs, "properdocs is pinned in requirements.txt: run make test"
    out = tmp_path / "properdocs-site"
    run = subprocess.run([properdocs, "build", "--strict", "--quiet", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                         capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert run.returncode == 0, run.stderr
    ours, theirs = tree(site), tree(out)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert b"ProperDocs" in (out / "index.html").read_bytes()  # it really was ProperDocs that built it
