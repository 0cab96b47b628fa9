"""Container health check: exit 0 when this process answers its health URL with 2xx.

    python deploy/healthcheck.py [URL]

Without a URL: web (ROLE=web, the default) asks http://127.0.0.1:$PORT$SCRIPT_NAME/readyz
(SCRIPT_NAME is the path prefix gunicorn serves the app under, e.g. /intake; usually empty),
a relay or consumer asks http://127.0.0.1:$METRICS_PORT/readyz: red while it has no broker
connection, while an event waits in the outbox longer than HEALTH_MAX_EVENT_AGE, or while a
consumer makes no progress. Standard library only, so the image needs neither curl nor wget.
"""
from __future__ import annotations

import os
import sys
import urllib.request


def default_url(environ=os.environ) -> str:
    """The URL that tells whether this container's process is healthy."""
    role = environ.get("ROLE", "web")
    if role == "web":
        # With SCRIPT_NAME set, gunicorn refuses paths outside the prefix (also /readyz).
        prefix = environ.get("SCRIPT_NAME", "").rstrip("/")
        return f"http://127.0.0.1:{environ.get('PORT', '8000')}{prefix}/readyz"
    port = environ.get("METRICS_PORT")
    if not port:
        raise SystemExit(f"healthcheck: METRICS_PORT must be set for ROLE={role}")
    return f"http://127.0.0.1:{port}/readyz"


def check(url: str, timeout: float = 4.0) -> bool:
    # No proxies: an HTTP_PROXY in the container must not route 127.0.0.1 elsewhere.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return 200 <= response.status < 300
    except (OSError, ValueError) as exc:  # URLError and HTTPError (e.g. 503) are OSErrors
        print(f"unhealthy: {url}: {exc}", file=sys.stderr)
        return False


def main(argv: list[str]) -> int:
    url = argv[1] if len(argv) > 1 else default_url()
    return 0 if check(url) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
