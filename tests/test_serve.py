"""`mkdocs serve` on a guide: an edit of the contacts file rebuilds the pages, and a bad edit
shows its problems in the browser instead of a page that never loads."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest

from test_build_errors import replace_in


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """The page, or the error MkDocs' server answers with; a request that hangs fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def wait_for(url: str, words: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
        except (urllib.error.URLError, ConnectionError):
            page = ""
        if words in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{words!r} never appeared at {url}; last answer:\n{page[:2000]}")


@contextmanager
def serving(fixture_site):
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": ""}  # `guide serve` itself keeps the theme's banner out
    process = subprocess.Popen([sys.executable, "-m", "guide.cli", "serve", "-f", str(fixture_site.config),
                                "--dev-addr", f"127.0.0.1:{port}"], cwd=fixture_site.path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(url, "Monday to Friday, 9:30am to 3pm")
        yield fixture_site, url
    finally:
        process.terminate()
        said = process.communicate(timeout=30)[1]
    assert "end of life" not in said, "guide serve shows no banner from the theme"


@pytest.fixture
def served(fixture_site):
    with serving(fixture_site) as running:
        yield running


@pytest.fixture
def served_with_own_words(fixture_site):
    """Served with the guide's own strings folder (strings_dir), which must exist when serving starts."""
    fixture_site.write("strings/en.yml", "hours: Opening hours\n")
    with serving(fixture_site) as running:
        yield running


def test_an_edit_of_the_contacts_file_rebuilds_the_pages(served):
    fixture_site, url = served
    time.sleep(1.1)  # the file's time must move for the watcher
    replace_in(fixture_site, "contacts.yml", 'closes: "15:00"', 'closes: "16:00"')
    wait_for(url, "Monday to Friday, 9:30am to 4pm")


def test_a_bad_edit_shows_its_problems_and_a_fix_brings_the_guide_back(served):
    fixture_site, url = served
    time.sleep(1.1)
    replace_in(fixture_site, "contacts.yml", "0808 801 0366", "0808 801 036")
    page = wait_for(url, "The guide did not build")
    assert "contacts.yml:14:" in page and "not a valid UK phone number" in page
    assert "The guide did not build" in fetch(url + "help/")  # every page, not only the one open
    replace_in(fixture_site, "contacts.yml", "0808 801 036", "0808 801 0366")
    wait_for(url, "Monday to Friday, 9:30am to 3pm")


def test_a_broken_link_in_a_page_is_shown_with_its_line(served):
    fixture_site, url = served
    time.sleep(1.1)
    replace_in(fixture_site, "docs/index.md", "(help.md#who-can-help)", "(helps.md)")
    page = wait_for(url + "help/", "The guide did not build")
    assert "docs/index.md:14: broken link &#x27;helps.md&#x27;" in page  # escaped, as every value written


def test_an_edit_of_the_guide_s_own_strings_rebuilds_the_pages(served_with_own_words):
    fixture_site, url = served_with_own_words
    time.sleep(1.1)
    replace_in(fixture_site, "strings/en.yml", "hours: Opening hours", "hours: When we are open")
    wait_for(url + "help/", "When we are open")
    replace_in(fixture_site, "strings/en.yml", "hours: When we are open", "hours: [When")
    page = wait_for(url + "help/", "The guide did not build")
    assert "strings/en.yml:2: this is not valid YAML" in page
