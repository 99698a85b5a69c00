"""Serve a built site on this computer with the right content types: `make serve`.

    python -m news_archive.serve output [--port 8000] [--base /archive/]

Python's own http.server sends .txt without a charset (browsers then guess, and Arabic turns to
mojibake), and .webmanifest as application/octet-stream. This serves every .txt, .js, .json,
.xml and .html as UTF-8, the manifest as application/manifest+json, and the site's 404.html for
a missing path, as GitHub Pages does. `--base /archive/` serves the site under that path (as a
project site is served), to try the 404 page and the service worker as they will run there.
Standard library only; binds 127.0.0.1 (a secure context, so the service worker runs).
"""

from __future__ import annotations

import argparse
import io
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

TYPES = {
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
    ".csl.json": "application/vnd.citationstyles.csl+json; charset=utf-8",
    ".bib": "application/x-bibtex; charset=utf-8",
    ".ris": "application/x-research-info-systems; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    "": "text/plain; charset=utf-8",  # SHA256SUMS
}


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves `directory` under `base`; 404.html for anything missing, never a folder listing."""

    def __init__(self, *args, base: str = "/", quiet: bool = False, **kwargs):
        self.base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
        self.quiet = quiet
        super().__init__(*args, **kwargs)

    def guess_type(self, path) -> str:
        name = str(path).lower()
        if name.endswith(".csl.json"):
            return TYPES[".csl.json"]
        suffix = Path(name).suffix
        return TYPES.get(suffix) or super().guess_type(path)

    def translate_path(self, path: str) -> str:
        url_path = unquote(urlsplit(path).path)
        if not url_path.startswith(self.base):
            return str(Path(self.directory) / ".sijill-outside-the-site")  # outside the site: not found
        return super().translate_path("/" + url_path[len(self.base) :])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            index = path / "index.html"
            if not index.is_file() or not urlsplit(self.path).path.endswith("/"):
                return self._not_found()
        elif not path.is_file():
            return self._not_found()
        return super().send_head()

    def list_directory(self, path):
        return self._not_found()

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        data = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", TYPES[".html"])
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def server(directory: Path, port: int = 8000, base: str = "/", quiet: bool = False) -> ThreadingHTTPServer:
    handler = partial(SiteHandler, directory=str(directory), base=base, quiet=quiet)
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("output"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--base", default="/", help="serve the site under this path, e.g. /archive/")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"Sijill: {args.site} holds no built site (run `make site`)", file=sys.stderr)
        return 1
    httpd = server(args.site, args.port, args.base)
    base = "/" + args.base.strip("/") + "/" if args.base.strip("/") else "/"
    print(f"Sijill: serving {args.site}/ at http://127.0.0.1:{httpd.server_port}{base} (Ctrl-C to stop)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
