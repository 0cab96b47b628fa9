"""The embedded network served on several origins of one host (compose: a port each), for browser tests."""
from __future__ import annotations

import threading
from contextlib import contextmanager

from werkzeug.serving import make_server


class Later:
    """A WSGI app given after its server has its port (the links must name the ports before the network is built)."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


@contextmanager
def serving(app):
    """Serve `app` on a free port of 127.0.0.1 (threaded, as a browser opens several connections); its origin."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
