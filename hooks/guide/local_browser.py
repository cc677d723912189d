"""Serve a built site on localhost and find Debian's chromium: for `guide audit`, the browser tests
and the benchmark (scripts/bench.py).

Nothing here downloads a browser: Playwright is pointed at /usr/bin/chromium (installed by
`make test` and `make bench` when missing).
"""

from __future__ import annotations

import functools
import gzip
import io
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


# What static hosts compress (Netlify, Cloudflare Pages, GitHub Pages): text, not images or fonts.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(QuietHandler):
    """Sends text files gzip-compressed to a browser that accepts it, as a static host does, so
    that what a tool such as Lighthouse measures is what a reader downloads."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        kind = self.guess_type(str(path))
        if not (accepts and path.is_file() and kind.startswith(COMPRESSED_TYPES)
                and self.path.split("?")[0].endswith(("/", path.name))):
            return super().send_head()  # a folder without its slash is redirected there
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


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
def serve(folder: Path, headers: dict[str, str] | None = None, sub_path: str = "", compress: bool = False,
          port: int = 0):
    """Serve `folder` at http://127.0.0.1:<port, or a free one>/<sub_path> for the duration of the
    block, sending `headers` with every response (as a static host would from `_headers`), and text
    gzip-compressed if `compress` (not with `sub_path`)."""
    base = SubPathHandler if sub_path else GzipHandler if compress else QuietHandler
    handler_class = type("Handler", (base,), {"extra_headers": headers or {}, "prefix": f"/{sub_path}/"})
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
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
