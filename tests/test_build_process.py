"""The build script stopped from outside (Ctrl-C, SIGTERM, SIGKILL) leaves the previous site as it
was and nothing behind; a finished build replaces the site in one step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guide import building as build_site
from test_build_errors import replace_in, tree_digest

ROOT = Path(__file__).resolve().parent.parent

# A hook that holds the build in the middle of writing the pages, until the test stops it.
SLOW_HOOK = '''
import time
from pathlib import Path


def on_page_content(html, page, config, files):
    Path(config.site_dir, "..", "building-now").resolve().touch()
    time.sleep(120)
    return html
'''


def start_a_slow_build(fixture_site) -> tuple[subprocess.Popen, Path]:
    """A good site built, then `guide build` started again and held mid-build."""
    fixture_site.build()
    fixture_site.write("slow.py", SLOW_HOOK)
    replace_in(fixture_site, "mkdocs.yml", "nav:\n", f"hooks:\n  - {fixture_site.path / 'slow.py'}\nnav:\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "guide.cli", "build", "-f", str(fixture_site.config)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    signal_file = fixture_site.path / "building-now"
    deadline = time.monotonic() + 60
    while not signal_file.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached the pages"
        time.sleep(0.05)
    return process, signal_file


def leftovers(fixture_site) -> list[str]:
    return sorted(p.name for p in fixture_site.path.iterdir() if p.name.startswith(".site-"))


@pytest.mark.parametrize("how, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"])
def test_a_stopped_build_says_so_in_one_line_and_leaves_nothing_behind(fixture_site, how, code):
    process, _ = start_a_slow_build(fixture_site)
    before = tree_digest(fixture_site.site_dir)  # the good site built first
    assert leftovers(fixture_site), "the build should be writing into a folder beside site/"
    process.send_signal(how)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code
    assert "Traceback" not in stderr and "Stopped before the end; the previous site (if any) is unchanged." in stderr
    assert leftovers(fixture_site) == []
    assert tree_digest(fixture_site.site_dir) == before


def test_what_a_killed_build_left_is_removed_by_the_next_build(fixture_site):
    process, _ = start_a_slow_build(fixture_site)
    process.kill()  # SIGKILL: no clean-up can run
    process.communicate(timeout=60)
    assert leftovers(fixture_site), "SIGKILL should have left the half-built folder"
    replace_in(fixture_site, "mkdocs.yml", f"hooks:\n  - {fixture_site.path / 'slow.py'}\n", "")
    fixture_site.build()
    assert leftovers(fixture_site) == []
    assert (fixture_site.site_dir / "index.html").is_file()


def test_a_build_under_way_beside_the_same_site_is_not_disturbed(fixture_site):
    process, _ = start_a_slow_build(fixture_site)
    try:
        busy = leftovers(fixture_site)
        build_site._remove_abandoned_builds(fixture_site.site_dir)
        assert leftovers(fixture_site) == busy
    finally:
        process.kill()
        process.communicate(timeout=60)


def test_the_new_site_takes_the_old_ones_place_in_one_step(fixture_site, monkeypatch):
    site = fixture_site.build()
    (site / "old-only.txt").write_text("from the previous build", encoding="utf-8")

    def no_rename(self, target):  # a two-step swap would leave a moment with no site/
        raise AssertionError(f"renamed {self} to {target}: the site was missing for a moment")

    monkeypatch.setattr(Path, "rename", no_rename)
    fixture_site.build()
    assert (site / "index.html").is_file() and not (site / "old-only.txt").exists()
    assert leftovers(fixture_site) == []


def test_a_site_that_cannot_be_replaced_is_a_message(fixture_site, monkeypatch, capsys):
    fixture_site.build()

    def refuse(new, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(build_site, "_swap", refuse)
    assert build_site.main(["-f", str(fixture_site.config)]) == 1
    err = capsys.readouterr().err
    assert "could not replace" in err and "Permission denied" in err and "The previous site is unchanged" in err
    assert "Traceback" not in err
    assert leftovers(fixture_site) == []
