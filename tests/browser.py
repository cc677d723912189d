"""Helpers for browser tests: serve a built site on localhost and drive Debian's headless chromium.

Nothing here downloads a browser: Playwright is pointed at /usr/bin/chromium (installed by
`make test` when missing). If it is missing the tests fail with the command to install it.
"""

from __future__ import annotations

import functools
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


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


class SubPathHandler(QuietHandler):
    """Serves the site under a folder of the host (/guide/), as a GitHub Pages project site."""
    prefix = ""

    def send_head(self):
        if not self.path.startswith(self.prefix):
            self.send_error(404, "outside the site's folder")
            return None
        self.path = self.path[len(self.prefix) - 1:]
        return super().send_head()


@contextmanager
def serve(folder: Path, headers: dict[str, str] | None = None, sub_path: str = ""):
    """Serve `folder` at http://127.0.0.1:<free port>/<sub_path> for the duration of the block,
    sending `headers` with every response (as a static host would from `_headers`)."""
    base = SubPathHandler if sub_path else QuietHandler
    handler_class = type("Handler", (base,), {"extra_headers": headers or {}, "prefix": f"/{sub_path}/"})
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/" + (f"{sub_path}/" if sub_path else "")
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError("Debian's chromium is needed for the browser tests: run `make test` as root, "
                           "or `sudo apt-get install chromium`")
    return path


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
