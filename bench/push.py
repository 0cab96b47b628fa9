"""Benchmark of push: change → visible on a manager's open page, in the embedded network (target p95 ≤ 2 s).

The embedded network (SQLite files in a temporary folder, relays and mailboxes in threads) is served over HTTP;
Sataedu's manager has a page open in headless Chromium. SAMK's manager then writes --changes messages in a
referral's conversation, one at a time. Each change goes request → intake's outbox → relay → the portal's
mailbox → notification → the page's server-sent event stream → the header counter. The page records when its
counter changed (a MutationObserver, the browser's clock), the benchmark when the change was asked for (the
same machine's clock); the difference is the latency.

Run: `python bench/push.py` (`--changes 50`). Needs Chromium (CHROMIUM, else /usr/bin/chromium) and Playwright.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from tests.support import network as net  # noqa: E402
from tests.support.intake_partners import add_client  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
WATCH = """() => {
    window.pushSeen = [];
    const counter = document.querySelector('.notify-counter');
    new MutationObserver(() => window.pushSeen.push([Number(counter.dataset.unread), Date.now()]))
        .observe(counter, {attributes: true, attributeFilter: ['data-unread']});
}"""


def referral_to_sataedu(network) -> str:
    service = net.client_as(network, "manager1").post("/intake/api/v1/services", json={"name": "Työhönvalmennus"})
    client = add_client(network.runtimes["intake"], "samk", "Joel", "Salonen")
    response = net.client_as(network, "manager2").post("/intake/api/v1/referrals", json={
        "client_id": client, "to_organisation": "sataedu", "service_id": service.get_json()["id"],
        "client_agreed": True})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        network = net.build(Path(folder)).start()
        httpd = make_server("127.0.0.1", 0, network.wsgi, threaded=True)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_port}"
        referral = referral_to_sataedu(network)
        samk = net.client_as(network, "manager2")
        latencies = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_context(locale="fi-FI").new_page()
                page.goto(url + "/login")
                page.get_by_label("Käyttäjätunnus").fill("manager1")
                page.get_by_label("Salasana").fill("demo")
                page.get_by_role("button", name="Kirjaudu sisään").click()
                page.wait_for_url(url + "/")
                page.goto(url + "/intake/referrals")
                counter = page.locator(".notify-counter")
                expect(counter).to_have_attribute("data-unread", "1", timeout=30_000)  # the referral's
                page.evaluate(WATCH)
                for n in range(args.changes):
                    asked = time.time() * 1000
                    response = samk.post(f"/intake/api/v1/conversations/referral/{referral}/messages",
                                         json={"body": f"Viesti {n}"})
                    assert response.status_code == 201
                    expect(counter).to_have_attribute("data-unread", str(n + 2), timeout=30_000)
                    seen = [at for unread, at in page.evaluate("() => window.pushSeen") if unread == n + 2]
                    latencies.append(seen[0] - asked)
                browser.close()
        finally:
            httpd.shutdown()
            network.shutdown()
    print(f"push: change -> visible on the open page, {len(latencies)} changes, embedded network")
    print(f"  p50 {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 95):.0f} ms, "
          f"max {max(latencies):.0f} ms (target p95 <= 2000 ms); load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
