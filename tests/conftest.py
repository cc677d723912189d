"""Shared fixtures: the real site built once per session, and small fixture sites built on demand."""

from __future__ import annotations

import logging
import os
import shutil
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from guide.building import build_site  # noqa: E402  (hooks/ and scripts/ are on pythonpath)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


# Tests that build a site are marked `build` (and those that drive chromium `browser`), so that
# `pytest -m "not build and not browser"` runs the fast ones in seconds.
BUILDING_FIXTURES = {"site", "fixture_site", "base_url", "example_site", "synthetic", "offline_site", "moved_site",
                     "served", "guide_css", "real_guide"}


def pytest_collection_modifyitems(items):
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The default guide, built strictly exactly as `make site` builds it."""
    out = tmp_path_factory.mktemp("default") / "site"
    return build_site(ROOT / "mkdocs.yml", out)


class FixtureSite:
    """A small site in a temporary folder that uses the project's real hook and theme overrides."""

    def __init__(self, path: Path):
        self.path = path
        self.docs = path / "docs"
        self.config = path / "mkdocs.yml"
        self.site_dir = path / "site"

    def write(self, relative: str, text: str) -> Path:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    def build(self) -> Path:
        return build_site(self.config, self.site_dir)


@pytest.fixture
def fixture_site(tmp_path) -> FixtureSite:
    """tests/fixtures/minimal copied into a temporary folder, ready to break."""
    fixture = FixtureSite(tmp_path / "guide")
    shutil.copytree(FIXTURES / "minimal", fixture.path)
    config = fixture.config.read_text(encoding="utf-8")
    config = config.replace("@ROOT@", str(ROOT))
    fixture.config.write_text(config, encoding="utf-8")
    return fixture


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for every browser test, watching every request it makes."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, GuardedBrowser, chromium_path
    from guide import settings

    exit_host = urlsplit(settings.guide_settings(settings.read_config(ROOT / "mkdocs.yml"))["exit_page"]["url"]).hostname
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield GuardedBrowser(chromium, {"127.0.0.1", "localhost", exit_host})
        chromium.close()


@pytest.fixture(scope="session")
def base_url(site):
    """The default guide served on localhost."""
    from browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture(autouse=True)
def nothing_is_fetched_from_another_host(request):
    """Every browser test also fails if the page asked anything of another host."""
    if "browser" not in request.fixturenames:
        yield
        return
    guarded = request.getfixturevalue("browser")
    guarded.off_site.clear()
    yield
    assert guarded.off_site == [], f"requests to other hosts: {guarded.off_site}"


@pytest.fixture
def build_log(caplog):
    caplog.set_level(logging.INFO)
    return caplog


def pytest_terminal_summary(terminalreporter):
    """Report every page's reading ease (issue: report the figure for every page)."""
    try:
        from test_content import FAMILY_PAGES, ROOT as root, SCORES
    except ImportError:
        return
    if SCORES:
        terminalreporter.section("Flesch reading ease (families' pages need 60+)")
        families = {str(p.relative_to(root)) for p in FAMILY_PAGES}
        for page, score in sorted(SCORES.items()):
            terminalreporter.write_line(f"{score:6.1f}  {'families' if page in families else 'other   '}  {page}")
