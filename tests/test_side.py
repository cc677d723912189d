"""The second process the hook hands its file-only work to (hooks/guide/side.py): results and
log messages come back as if the work had been done in the build's process, and where no second
process can start, or it dies, the work is done in the build's process."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from pathlib import Path

from guide import checks, side, theme_css
from guide.contacts import load_contacts

ROOT = Path(__file__).resolve().parent.parent


def die_in_a_second_process(value: int) -> int:
    """Killed, as by the kernel when memory runs out, unless it runs in the test's own process."""
    if multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    return value * 2


def test_the_work_runs_in_another_process_and_its_result_comes_back():
    worker = side.SideProcess()
    try:
        assert worker.run(os.getpid).result() != os.getpid()
        book = load_contacts(ROOT / "contacts.yml")
        source = checks.Source("faq.md", "docs/faq.md", "# FAQ\n\nCall 0808 801 0366 now. [Help](help.md#top)\n")
        problems, links = worker.run(checks.source_problems, book, [source]).result()
    finally:
        worker.close()
    assert (problems, links) == checks.source_problems(book, [source])
    assert [(p.path, p.line) for p in problems] == [("docs/faq.md", 3)] and "typed into the page" in problems[0].message
    assert [link.target for link in links["faq.md"]] == ["help.md#top"]


def test_what_the_work_logs_is_logged_again_in_the_build(tmp_path, caplog):
    sheet = tmp_path / "assets" / "stylesheets" / "main.0123abcd.min.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(".tabbed-set{x:y", encoding="utf-8")  # not CSS the parser can rewrite: a warning
    worker = side.SideProcess()
    try:
        with caplog.at_level(logging.WARNING):
            assert worker.run(theme_css.prune_stylesheets, tmp_path, ["content tabs (pymdownx.tabbed)"]).result() == []
    finally:
        worker.close()
    assert [(r.name, r.levelno) for r in caplog.records if "could not be read as CSS" in r.getMessage()] == [
        ("guide.theme_css", logging.WARNING)]


def test_where_no_process_can_start_the_work_is_done_here(monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError("no semaphores in this sandbox")

    monkeypatch.setattr(side, "ProcessPoolExecutor", no_processes)
    worker = side.SideProcess()
    assert worker.run(os.getpid).result() == os.getpid()
    assert worker.run(die_in_a_second_process, 21).result() == 42


def test_when_the_second_process_dies_the_work_is_done_here():
    worker = side.SideProcess()
    try:
        assert worker.run(die_in_a_second_process, 21).result() == 42
    finally:
        worker.close()
