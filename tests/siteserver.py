"""A static file server for the browser tests that compresses like a real host (gzip)
and records what it sends, so tests can measure what a page costs to load. The site does not
change while it is served: each file is compressed once (a host's precompressed files)."""
from __future__ import annotations

import gzip
import http.server
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map"}


class SiteServer:
    def __init__(self, directory: Path, port: int = 0, compress: bool = True):
        root = Path(directory).resolve()
        sent: list[tuple[str, int]] = []
        compressed: dict[Path, bytes] = {}

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = unquote(urlsplit(self.path).path)
                target = (root / path.lstrip("/")).resolve()
                if root not in target.parents and target != root:
                    return self.send_error(403)
                if target.is_dir():
                    if not path.endswith("/"):
                        self.send_response(301)
                        self.send_header("Location", path + "/")
                        self.end_headers()
                        return
                    target = target / "index.html"
                if not target.is_file():
                    return self.send_error(404)
                self.send_response(200)
                self.send_header("Content-Type", mimetypes.guess_type(target.name)[0] or "application/octet-stream")
                if compress and target.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
                    if target not in compressed:
                        compressed[target] = gzip.compress(target.read_bytes(), 6)
                    body = compressed[target]
                    self.send_header("Content-Encoding", "gzip")
                else:
                    body = target.read_bytes()
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                sent.append((path, len(body)))

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.sent = sent
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
