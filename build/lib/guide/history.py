"""When each page last changed: its last commit where the guide is in git, else the file's time.

One `git log` and one `git status` per build answer for every page (one pair of git calls per
page cost more than the rest of the hook on a large guide). A file with uncommitted changes, or
outside git, gets its modification time.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=folder,
                              capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class FileDates:
    """`dates(path)`: the day `path` last changed."""

    def __init__(self, folder: Path):
        self.folder = Path(folder).resolve()
        self._committed: dict[Path, dt.date] | None = None
        self._changed: set[Path] = set()
        self._known: dict[str, dt.date] = {}  # a page's English source is asked for once per language

    def _read_git(self) -> None:
        self._committed = {}
        top = _git(self.folder, "rev-parse", "--show-toplevel")
        log = _git(self.folder, "log", "--format=@%cs", "--name-only", "--", ".") if top else None
        if not top or log is None:
            return
        top_dir = Path(top.strip())
        day = None
        for line in log.splitlines():  # newest commit first: the first date seen for a file is its last
            if line.startswith("@"):
                day = dt.date.fromisoformat(line[1:])
            elif line and day:
                self._committed.setdefault(top_dir / line, day)
        status = _git(self.folder, "status", "--porcelain", "--untracked-files=all", "--", ".") or ""
        for line in status.splitlines():
            name = line[3:].split(" -> ")[-1].strip('"')
            self._changed.add(top_dir / name)

    def __call__(self, path: Path) -> dt.date:
        if str(path) not in self._known:
            self._known[str(path)] = self._date(Path(path).resolve())
        return self._known[str(path)]

    def _date(self, path: Path) -> dt.date:
        if self._committed is None:
            self._read_git()
        if path in self._committed and path not in self._changed:
            return self._committed[path]
        return dt.date.fromtimestamp(path.stat().st_mtime)
