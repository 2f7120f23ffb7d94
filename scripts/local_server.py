"""A built site served on this machine, for the tools and tests that read it over HTTP (screenshots.py,
audit.py, bench.py, the tests), and the flags they launch Debian's chromium with (share_image.py too)."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

# Debian's chromium, quiet: no background connections to the (absent) network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # a line per request would bury the tool's own output
        pass


def serve(folder: Path, handler_class: type = QuietHandler):
    """Serve folder on 127.0.0.1 at a free port; returns (base URL, server to shut down)."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
