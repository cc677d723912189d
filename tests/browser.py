"""Helpers for browser tests: the site served on localhost (scripts/local_browser.py), Debian's
headless chromium with every request watched, and the hosting headers file read back.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from local_browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: F401  (the tests import them from here)


def read_headers_file(path: Path) -> dict[str, str]:
    """The headers of the `/*` rule in a Netlify / Cloudflare Pages `_headers` file."""
    headers, in_rule = {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if not line.startswith((" ", "\t")):
            in_rule = line.strip() == "/*"
        elif in_rule:
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
    return headers


class GuardedBrowser:
    """Debian's chromium, for the tests, with every request watched: anything asked of another
    host than the local test server (or the neutral site the exit button goes to) is recorded
    in `off_site`, and the tests fail on it (conftest.py)."""

    def __init__(self, chromium, allowed_hosts: set[str]):
        self.chromium = chromium
        self.allowed_hosts = allowed_hosts
        self.off_site: list[str] = []

    def _watch(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.hostname not in self.allowed_hosts:
            self.off_site.append(request.url)

    def new_context(self, **options):
        context = self.chromium.new_context(**options)
        context.on("request", self._watch)
        return context

    def new_page(self, **options):
        page = self.chromium.new_page(**options)
        page.on("request", self._watch)
        return page
