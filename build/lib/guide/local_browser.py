"""Serve a built site on localhost and find Debian's chromium: for `guide audit`, the browser tests
and the benchmark (scripts/bench.py).

Nothing here downloads a browser: Playwright is pointed at /usr/bin/chromium (installed by
`make test` and `make bench` when missing).
"""

from __future__ import annotations

import functools
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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
        raise RuntimeError("Debian's chromium is needed: run `make test` or `make bench` as root, "
                           "or `sudo apt-get install chromium fonts-noto-core`")
    return path
