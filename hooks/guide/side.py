"""A second process for the hook's work that reads only files, so that the build does not wait for it.

MkDocs builds on one core. Two parts of the hook's work need nothing from MkDocs while it runs:
- the checks of the Markdown sources (numbers typed into a page, markers, a translation against
  its English page, the links each page makes): pure functions of the text and the contacts;
- after the build, Material's stylesheet pruned and the security headers written: they read the
  written pages.
They run in a second process on a second core while MkDocs goes on rendering (or while the hook
splits the search index). What they find comes back as data, and what they log is logged again
here, under the same logger: a warning still stops a strict build and a problem is still
reported by the hook, as if the work had been done in this process.

Where no second process can start (a sandbox without process support), or it dies, the work is
done in this process instead: the build is slower, never different.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import site
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger("mkdocs.hooks.guide.side")

# The folder that holds the `guide` package: MkDocs puts it on sys.path only while it loads the
# hook, and a new process starts without it.
HOOKS = str(Path(__file__).resolve().parent.parent)


class _Records(logging.Handler):
    """What the work logs in the second process, kept to be logged again in the build's process."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _run_logged(function: Callable, args: tuple) -> tuple[Any, list[tuple[str, int, str]]]:
    """In the second process: `function(*args)` and what it logged."""
    handler = _Records()
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        return function(*args), handler.records
    finally:
        root.removeHandler(handler)


def _run_pickled(payload: bytes) -> tuple[Any, list[tuple[str, int, str]]]:
    function, args = pickle.loads(payload)
    return _run_logged(function, args)


class Job:
    """Work handed to the second process. `result()` waits for it (or does it here)."""

    def __init__(self, function: Callable, args: tuple, future: Future | None):
        self.function, self.args, self.future = function, args, future

    def result(self) -> Any:
        if self.future is not None:
            try:
                value, records = self.future.result()
            except BrokenProcessPool as error:  # killed (out of memory?): do the work here
                log.debug(f"the second process stopped ({error}); doing its work in this one")
            else:
                for name, level, message in records:
                    logging.getLogger(name).log(level, message)
                return value
        return self.function(*self.args)


class SideProcess:
    """One worker process, started on first use and kept until `close()` (the end of a site build)."""

    def __init__(self):
        self._pool: ProcessPoolExecutor | None = None
        self._failed = False

    def run(self, function: Callable, *args: Any) -> Job:
        """Start `function(*args)` in the second process. `function` and `args` must be picklable:
        a module-level function of the `guide` package and plain data."""
        if self._pool is None and not self._failed:
            try:
                # "spawn": a fresh interpreter. Forking MkDocs' process is not safe under
                # `mkdocs serve`, whose server runs in threads.
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=site.addsitedir, initargs=(HOOKS,))
            except (OSError, ImportError, NotImplementedError) as error:
                self._failed = True
                log.debug(f"no second process ({error}); the hook's work is done in this one")
        future = None
        if self._pool is not None:
            try:
                # Pickled here, not by the pool's feeder thread later: the build goes on and fills
                # cached values (a phone's formatting) of the very objects being sent, and a
                # dictionary that changes while it is pickled stops the build ("dictionary
                # changed size during iteration", seen once in CI).
                payload = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
                future = self._pool.submit(_run_pickled, payload)
            except (OSError, RuntimeError, BrokenProcessPool, pickle.PicklingError, TypeError) as error:
                self.close()
                self._failed = True
                log.debug(f"no second process ({error}); the hook's work is done in this one")
        return Job(function, args, future)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
