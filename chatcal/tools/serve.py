"""A small static server for the built site, with the right content types.

Text is sent gzip-compressed to clients that accept it, as static hosts
(GitHub Pages, CDNs) send it: page weights and load times measured against
this server are then those visitors get.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONTENT_TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".json": "application/json",
    ".atom": "application/atom+xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
COMPRESSED = set(CONTENT_TYPES)
MIN_COMPRESSED_BYTES = 1024


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def send_head(self):
        path = self._file_path()
        if path is None or not self._accepts_gzip():
            return super().send_head()
        body = _compressed(path, os.stat(path).st_mtime_ns)
        if body is None:
            return super().send_head()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def _file_path(self) -> str | None:
        """The file a GET would send, when it is compressible text; else None."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the redirect to the slash is the base class's
            path = os.path.join(path, "index.html")
        return path if os.path.isfile(path) and os.path.splitext(path)[1] in COMPRESSED else None

    def send_error(self, code, message=None, explain=None):
        # A missing page gets the site's own 404.html, as static hosts send it.
        page = os.path.join(self.directory, "404.html")
        if code != HTTPStatus.NOT_FOUND or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        body = Path(page).read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _accepts_gzip(self) -> bool:
        return "gzip" in self.headers.get("Accept-Encoding", "")

    def log_message(self, format, *args):  # keep test output quiet
        if self.server.verbose:
            super().log_message(format, *args)


class _Body:
    """The file-like object `send_head` returns, over bytes already in memory."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@functools.lru_cache(maxsize=256)
def _compressed(path: str, mtime_ns: int) -> bytes | None:
    """The file gzip-compressed, remembered until it changes; None if too small to gain."""
    data = Path(path).read_bytes()
    return gzip.compress(data, compresslevel=6, mtime=0) if len(data) >= MIN_COMPRESSED_BYTES else None


@contextlib.contextmanager
def serving(directory: Path):
    """The built site served on 127.0.0.1, on a free port, while the block runs: yields its address."""
    server = make_server(directory, port=0, verbose=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000, verbose: bool = True) -> ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = ThreadingHTTPServer((host, port), handler)
    server.verbose = verbose
    return server
