"""`kampus dev` (what `make dev` runs) serves the four services on one port."""
from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import urllib.request

import pytest

from shared.events.catalogue import SERVICES
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, json.loads(response.read())


def test_dev_server_serves_the_four_health_endpoints(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("AMQP_URL", "DATABASE_URL")}
    env["KAMPUS_DATA_DIR"] = str(tmp_path)
    log = tmp_path / "dev.log"  # a file, not a pipe: nobody reads a pipe while the demo is seeded, and it fills
    process = subprocess.Popen([sys.executable, "-m", "services.cli", "dev", "--port", str(port)], env=env,
                               stdout=log.open("w"), stderr=subprocess.STDOUT, text=True)
    try:
        def up() -> bool:
            try:
                return get(f"http://127.0.0.1:{port}/healthz")[0] == 200
            except OSError:
                return False

        eventually(up, timeout=120, interval=0.2, message="dev server up")  # the demo story is entered first
        for name in SERVICES:
            status, body = get(f"http://127.0.0.1:{port}/{name}/healthz")
            assert status == 200 and body == {"service": name, "status": "ok"}
            status, body = get(f"http://127.0.0.1:{port}/{name}/readyz")
            assert status == 200 and body["status"] == "ready"
        assert {f"{name}.sqlite3" for name in SERVICES} <= {p.name for p in tmp_path.iterdir()}
        for secret in ("jwt_secret", "secret_key"):  # made on the first start, beside the data, owner only
            assert stat.S_IMODE((tmp_path / secret).stat().st_mode) == 0o600
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert f"http://localhost:{port}/" in log.read_text()
