"""Build the site strictly, and replace the published folder only if the build passed.

    guide build [-f mkdocs.yml] [--site-dir site]      (make site)

The site is built into a new folder beside the target; only a build with no problem is
moved into place, so a failed build never leaves a half-written site where a good one was.
Exit status: 0 built, 1 the build stopped (the problems are printed), 2 usage.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402


class BuildFailed(Exception):
    """The build stopped; the message holds every error MkDocs and the hook reported. `unlogged`
    is the part nobody has printed yet (a mistake in mkdocs.yml, an extension's own error)."""

    def __init__(self, message: str, unlogged: str = ""):
        super().__init__(message)
        self.unlogged = unlogged


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)  # strict mode: a warning stops the build too
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def build_site(config_file: Path, site_dir: Path | None = None, *, every_problem: bool = False) -> Path:
    """Build into a temporary folder and swap it in; raise BuildFailed on failure. With
    `every_problem`, the guide plugin goes on past a language with problems and lists them all."""
    config_file = config_file.resolve()
    said = _Errors()  # a bad option is logged as MkDocs reads the settings, before it aborts
    logging.getLogger("mkdocs").addHandler(said)
    try:
        cfg = load_config(str(config_file), strict=True)
    except MkDocsException as error:
        message = "\n".join(said.messages + [f"{config_file.name}: {error}"])
        raise BuildFailed(message, unlogged=f"{config_file.name}: {error}") from None
    except Exception as error:  # mkdocs.yml that is not YAML at all (a tab): no traceback
        message = f"{config_file.name}: {type(error).__name__}: {error}"
        raise BuildFailed(message, unlogged=message) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(said)
    target = Path(site_dir or cfg.site_dir).resolve()
    problem = target_problem(target, config_file.parent, Path(cfg.docs_dir).resolve())
    if problem:
        message = (f"Refusing to build into {target}: {problem}. Nothing was changed. Fix: give "
                   "--site-dir (or site_dir in mkdocs.yml) a new folder, such as site")
        raise BuildFailed(message, unlogged=message)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_builds(target)
        staging = Path(tempfile.mkdtemp(prefix=f".site-{target.name}-", dir=target.parent))
        (staging / BUILDING).write_text(str(os.getpid()), encoding="utf-8")
    except OSError as error:
        message = (f"Cannot build beside {target}: {error.strerror} ({error.filename}). Nothing was changed. "
                   "Fix: give --site-dir a folder you may write to")
        raise BuildFailed(message, unlogged=message) from None
    errors = _Errors()
    logging.getLogger("mkdocs").addHandler(errors)
    try:
        cfg = load_config(str(config_file), strict=True, site_dir=str(staging))
        guide = cfg.plugins.get("guide")
        if guide is not None:
            guide.every_problem = every_problem
        build(cfg)
        (staging / BUILDING).unlink()
        (staging / MARK).write_text("A site built by `guide build`: the next build may replace this folder.\n",
                                    encoding="utf-8")
        try:
            _swap(staging, target)
        except OSError as error:
            message = (f"The site was built but could not replace {target}: {error.strerror} ({error.filename}). "
                       "The previous site is unchanged. Fix: make the folder writable, or give --site-dir another one")
            raise BuildFailed(message, unlogged=message) from None
    except MkDocsException as error:
        raise BuildFailed("\n".join(errors.messages + [str(error)])) from None
    except Exception as error:  # a Markdown extension's own error (a missing snippet): no traceback
        unlogged = f"{type(error).__name__}: {error}"
        raise BuildFailed("\n".join(errors.messages + [unlogged]), unlogged=unlogged) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
        shutil.rmtree(staging, ignore_errors=True)
    return target


def check_site(config_file: Path) -> None:
    """`guide check`: the build itself, into a folder that is thrown away, going on through every
    language; raise BuildFailed naming every problem. It finds what the build finds because it is
    the build (not a second reading of the sources that could drift from it)."""
    with tempfile.TemporaryDirectory(prefix="guide-check-") as folder:
        build_site(config_file, Path(folder) / "site", every_problem=True)


MARK = ".guide-site"  # written into every site this script builds, so that it knows its own
BUILDING = ".guide-building"  # in a folder being built: the builder's process id


def target_problem(target: Path, config_dir: Path, docs_dir: Path) -> str | None:
    """Why building into `target` would destroy something (the swap deletes what was there), or
    None. Only a new or empty folder, or a site built before, may be replaced."""
    for name, folder in (("the guide's folder (with mkdocs.yml)", config_dir), ("docs_dir, the pages", docs_dir)):
        if target == folder:
            return f"it is {name}"
        if target in folder.parents:
            return f"it holds {name}"
        if folder in target.parents and name.startswith("docs_dir"):
            return "it is inside docs_dir"
    if not target.exists():
        return None
    if not target.is_dir():
        return "it is a file, not a folder"
    if (target / ".git").exists():
        return "it holds a git repository (.git)"
    if not any(target.iterdir()) or (target / MARK).exists():
        return None
    if (target / "index.html").is_file() and (target / "404.html").is_file() and (target / "assets").is_dir():
        return None  # a site built before this script marked its sites
    return "it is not empty and is not a site built before"


def _remove_abandoned_builds(target: Path) -> None:
    """Folders a killed build left beside the target (SIGKILL runs no clean-up): their builder is gone."""
    for folder in target.parent.glob(f".site-{target.name}-*"):
        try:
            pid = int((folder / BUILDING).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pid = None  # the old site of an interrupted swap, or a build from before this mark
        if pid is not None and pid != os.getpid() and _running(pid):
            continue  # another build of the same site is under way
        shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _exchange(new: Path, target: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE): the site is never missing.
    False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(target), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this filesystem cannot; rename instead
        return False
    raise OSError(code, os.strerror(code), str(target))


def _swap(new: Path, target: Path) -> None:
    """Put the new site where the old one was. The old site stays in place until the new one
    is complete; where the system can, the two change places at once."""
    new.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    if target.is_dir() and _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the old site
        return
    old = target.with_name(f".site-{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


class Stopped(BaseException):
    """SIGTERM (a CI timeout, `kill`): stop as Ctrl-C does, so the clean-up still runs."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), help="MkDocs config file")
    parser.add_argument("--site-dir", "-d", type=Path, default=None, help="where the site goes (default: site_dir)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    logging.getLogger("mkdocs").propagate = True
    signal.signal(signal.SIGTERM, _stop)
    try:
        target = build_site(args.config, args.site_dir)
    except (KeyboardInterrupt, Stopped) as stop:
        print("\nStopped before the end; the previous site (if any) is unchanged.", file=sys.stderr)
        return 130 if isinstance(stop, KeyboardInterrupt) else 143
    except BuildFailed as error:
        if error.unlogged:  # what MkDocs' log has not shown already
            print(error.unlogged, file=sys.stderr)
        print("\nThe build stopped; the previous site (if any) is unchanged.", file=sys.stderr)
        return 1
    print(f"Site built in {target}")
    return 0


def _stop(signum, frame) -> None:
    raise Stopped()


if __name__ == "__main__":
    sys.exit(main())
