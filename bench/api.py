"""Load benchmark of the HTTP API: each service under gunicorn on PostgreSQL, beside a bare Flask app.

    python bench/api.py                      # seed, then 10 s of wrk at 20 connections per endpoint
    python bench/api.py --seconds 5 --only "client list" --only "POST client"
    python bench/api.py --keep               # keep the databases (prints how to reuse them)
    python bench/api.py --reuse bench_api_1a2b3c4d

How it runs, as the deployment does (deploy/gunicorn.conf.py, docker-compose.yml):
- fresh PostgreSQL databases for the portal and the four services, migrated;
- the seed is entered through the public API of the embedded network on those databases, as people
  would: the demo network, then 2,000 clients with needs and profiles, 50 partners with competence needs,
  200 project learning environments, and a synthetic history of 100,000 reporting events;
- then the portal and each service run under gunicorn with the deployment's settings (2 workers x 4
  threads, or --workers and --threads; each worker's pool one connection per thread as deploy/gunicorn.conf.py
  sets it unless DB_POOL_SIZE is given; JWT_SIGNING=eddsa with the portal's JWKS, the portal's token check), and
  a bare Flask "hello" app under the same settings;
- wrk (Debian's `wrk`) drives each endpoint for --seconds at --connections, with a 2 s timeout, and
  the script prints req/s, p50, p99, errors and the ratio to the bare app measured in the same run. Before wrk,
  each endpoint is asked 48 times, 16 at a time (`warm`), so that every worker has answered it.
  Writes use a Lua script so that every request carries its own Idempotency-Key.
- the rows `floor` and `floor page` are two trivial routes the benchmark adds to each service (`with_floor`):
  what every request pays around its own work. BENCH_LOG_LEVEL=INFO logs as the deployment does (default WARNING).

Targets (issue #18): every read >= 0.30 of bare Flask, every write >= 0.15, none under 0.10, and
p99 <= 200 ms for every read at 20 connections.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
SERVICES = ("portal", "intake", "matching", "environments", "reporting")
BASE_PORT = int(os.environ.get("BENCH_API_PORT", "18300"))
PORTS = {name: BASE_PORT + i for i, name in enumerate(("bare", *SERVICES))}
READ_P99_TARGET_MS = 200.0
TARGETS = {"read": 0.30, "write": 0.15}
FLOOR = 0.10
# gunicorn's settings for every process of the run, the bare app's too (--workers, --threads; the deployment's defaults)
GUNICORN = {"WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4"}

BARE_APP = '''
from flask import Flask

def create_app():
    app = Flask("bare")

    @app.get("/")
    def hello():
        return "hello"

    return app
'''

FLOOR_PATH = "/bench-floor"  # the floor routes of every measured service (bench only), under /api/v1 for JSON


def with_floor(app):
    """A service's app with two trivial routes for a manager, to measure what every request pays around its own
    work (the token and access check, the hooks, the response): `GET /api/v1/bench-floor` answers a small JSON
    object, `GET /bench-floor` the shared layout (base.html: the navigation and its counts) with no content
    (bench/templates/bench_floor.html). Added by the benchmark only; nothing else of the app changes."""
    from flask import Blueprint, jsonify, render_template

    from shared.auth import allow

    bp = Blueprint("bench_floor", __name__, template_folder=str(Path(__file__).resolve().parent / "templates"))

    @bp.get("/api/v1" + FLOOR_PATH)
    @allow("manager")
    def floor():
        return jsonify({"ok": True})

    @bp.get(FLOOR_PATH)
    @allow("manager")
    def floor_page():
        return render_template("bench_floor.html")

    app.register_blueprint(bp)
    return app


def service_app(service: str):
    """What each measured process serves: the service's app with the floor routes, or the bare Flask app."""
    if service == "bare":
        space: dict = {}
        exec(BARE_APP, space)  # the same app gunicorn serves from bare_app.py
        return space["create_app"]()
    import importlib

    return with_floor(importlib.import_module(f"services.{service}").create_app())


@dataclass
class Endpoint:
    name: str
    service: str
    kind: str  # read | write
    method: str
    path: str
    user: str
    body: dict | None = None
    html: bool = False


# --- databases ------------------------------------------------------------------------------------
def pg_url(name: str) -> str:
    return ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"


def create_databases(prefix: str) -> dict[str, str]:
    urls = {}
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        for service in SERVICES:
            conn.execute(f'CREATE DATABASE "{prefix}_{service}"')
            urls[service] = pg_url(f"{prefix}_{service}")
    return urls


def drop_databases(prefix: str) -> None:
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        for service in SERVICES:
            for suffix in ("", "_audit"):
                conn.execute(f'DROP DATABASE IF EXISTS "{prefix}_{service}{suffix}" WITH (FORCE)')


def analyse(prefix: str) -> None:
    """VACUUM and ANALYZE every database before measuring, as autovacuum would have in a steady state: right after a
    seed (or after earlier runs' POSTs added thousands of clients) the planner still thinks the tables are nearly
    empty and picks nested loops over thousands of rows (the desk's count of new suggestions took 13 ms); and this
    machine's PostgreSQL runs with `autovacuum = off`, where the deployment's has it on, so the seed's dead rows stay:
    matching's 307 suggestions lay among 6,105 dead versions in 1,399 pages, which each list read again."""
    for service in SERVICES:
        for suffix in ("", "_audit"):
            with contextlib.suppress(psycopg.OperationalError), \
                    psycopg.connect(ADMIN.rsplit("/", 1)[0] + f"/{prefix}_{service}{suffix}", autocommit=True) as conn:
                conn.execute("VACUUM (ANALYZE)")


def environment_for(urls: dict[str, str], data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "KAMPUS_DATA_DIR": data_dir, "KAMPUS_ENV": "development", "KAMPUS_DEMO": "1",
        "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),  # the deployment's is INFO (a line a request)
        "JWT_SIGNING": "eddsa", "PORTAL_INTERNAL_URL": f"http://127.0.0.1:{PORTS['portal']}",
        "SECRET_KEY": "bench-secret-key-" + "x" * 40, "MIGRATE_ON_START": "0",
        "KAMPUS_NETWORK_FILE": "",
    })
    # Where each part is, as docker-compose.yml says (PORTAL_URL, <SERVICE>_URL): without them a page's call to
    # another service (the desk's environment reminders) went to its own host and waited for a free worker.
    for name in ("portal", "intake", "matching", "environments", "reporting"):
        env[f"{name.upper()}_URL"] = f"http://127.0.0.1:{PORTS[name]}/"
    for service, url in urls.items():
        env[f"{service.upper()}_DATABASE_URL"] = url
    env.pop("DATABASE_URL", None)
    env.pop("AMQP_URL", None)
    return env


# --- seeding through the public API -----------------------------------------------------------------
FIRST = ["Aino", "Eetu", "Sara", "Leo", "Helmi", "Onni", "Venla", "Elias", "Iida", "Väinö", "Lilja", "Niilo"]
LAST = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen"]
MUNICIPALITIES = ["609", "684", "214", "102", "230", "271", "079", "531"]
FIELDS = ["041", "061", "071", "072", "081", "091", "101"]
GENDERS = ["woman", "man", "undisclosed", "other"]


def seed(env: dict[str, str], clients: int, environments: int, partners: int, events: int) -> dict:
    """Enter the seed in a child process (the settings are read from its environment); what the run needs."""
    # The demo's seeding signs its own tokens (HS256, as `kampus dev` does); the measured processes use EdDSA.
    seed_env = {k: v for k, v in env.items() if k not in ("JWT_SIGNING", "PORTAL_INTERNAL_URL")}
    out = subprocess.run([sys.executable, __file__, "--seed-child", json.dumps(
        {"clients": clients, "environments": environments, "partners": partners})],
        env=seed_env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"seeding failed:\n{out.stderr[-4000:]}")
    facts = json.loads(out.stdout.strip().splitlines()[-1])
    subprocess.run([sys.executable, "-m", "services.cli", "reporting", "synthesise", "--events", str(events)],
                   env=env, cwd=ROOT, check=True, capture_output=True)
    return facts


def business_ids(start: int):
    """Valid Y-tunnus numbers from `start` on, each used once (checked with python-stdnum, as intake checks)."""
    from stdnum.fi import ytunnus

    number = start
    while True:
        for digit in "0123456789":
            if ytunnus.is_valid(f"{number:07d}-{digit}"):
                yield f"{number:07d}-{digit}"
        number += 1


def seed_child(spec: dict) -> None:
    from demo import clients as demo_clients
    from demo import identity as demo_identity
    from demo.story import Api
    from shared import embedded
    from shared.config import Config

    network = embedded.build({name: Config.from_env(name) for name in SERVICES})
    demo_identity.seed(network.identity)
    demo_clients.seed(network)
    network.settle(timeout=120)
    api = Api(network)
    rng = random.Random(18)
    from demo.cast import NEEDS, people
    skills = sorted({uri for need in NEEDS for uri, _, _ in need.skills}
                    | {uri for person in people() for uri, _ in person.skills})
    from sqlalchemy import text

    with network.runtimes["intake"].db.engine.connect() as conn:  # a seed cut short is taken up again
        client_ids = [str(r[0]) for r in conn.execute(text("SELECT id FROM clients ORDER BY created_at"))]
    for i in range(len(client_ids), spec["clients"]):
        body = {"first_name": rng.choice(FIRST), "last_name": f"{rng.choice(LAST)}{i}",
                "birth_date": (date(1998, 1, 1) + timedelta(days=rng.randrange(365 * 9))).isoformat(),
                "home_municipality": rng.choice(MUNICIPALITIES), "gender": rng.choice(GENDERS),
                "field_of_education": rng.choice(FIELDS), "employment_status": "unemployed",
                "education_level": rng.choice([2, 3, 4]), "education_status": "studying", "mother_tongue": "fi",
                "languages": [{"code": "fi", "level": "native"}],
                "consents": dict(demo_clients.ALL_CONSENTS)}
        client_id = api.post("manager1", "/intake/api/v1/clients", body)["id"]
        client_ids.append(client_id)
        for uri in rng.sample(skills, min(4, len(skills))):
            api.post("manager1", f"/intake/api/v1/clients/{client_id}/profile/skills",
                     {"skill_uri": uri, "level": rng.randint(1, 5), "evidence": "self"})
        if i % 200 == 0:
            network.settle(timeout=120)
    partner_ids, need_ids = [], []
    numbers = business_ids(4100000)
    known = {p["name"]: p for p in api.get("manager1", "/intake/api/v1/partners")}
    for i in range(spec["partners"]):
        number = next(numbers)
        if f"Kuormitus Oy {i}" in known:
            continue
        partner = api.post("manager1", "/intake/api/v1/partners", {
            "name": f"Kuormitus Oy {i}", "kind": "company", "business_id": number,
            "municipality": rng.choice(MUNICIPALITIES), "industry": "25", "contacts": []})
        partner_ids.append(partner["id"])
        need = api.post("manager1", "/intake/api/v1/competence-needs", {
            "partner_id": partner["id"], "title": f"Osaamistarve {i}", "description": "Kuormitustesti",
            "work_type": "part_time", "hours_per_week": 10, "people": 2, "hidden_job": False,
            "municipality": rng.choice(MUNICIPALITIES), "languages": ["fi"], "start_date": None,
            "skills": [{"uri": uri, "essential": j == 0, "level": 2}
                       for j, uri in enumerate(rng.sample(skills, min(3, len(skills))))]})
        need_ids.append(need["id"])
    network.settle(timeout=300)  # environments learn of the partners from intake's events
    environment_ids = []
    for i in range(spec["environments"]):
        env = api.post("manager1", "/environments/api/v1/environments", {
            "name": f"Oppimisympäristö {i}", "description": "Monialainen kuormitustestiprojekti.",
            "learning_goals": "Asiakastyö ja tiimityö.", "fields_of_education": rng.sample(FIELDS, 2),
            "institutions": ["sataedu", "samk"], "municipality": rng.choice(MUNICIPALITIES),
            "starts_on": (date.today() + timedelta(days=30)).isoformat(),
            "ends_on": (date.today() + timedelta(days=120)).isoformat(), "capacity": 6,
            "partner_ids": [rng.choice(partner_ids)], "need_ids": [],
            "roles": [{"title": "Kehittäjä", "description": "Tekee", "seats": 3, "fields": [FIELDS[0]],
                       "skills": [{"uri": skills[0], "level": 2}]}]})
        environment_ids.append(env["id"])
    network.settle(timeout=600)
    # A participant who answers the survey (the POST survey answer endpoint): the demo story's completed ones.
    participant = None
    for env in api.get("coordinator", "/environments/api/v1/environments", status="completed"):
        for p in api.get("coordinator", f"/environments/api/v1/environments/{env['id']}/participants"):
            if p.get("client_id"):
                participant = p["id"]
                break
        if participant:
            break
    network.shutdown()
    print(json.dumps({"client_id": client_ids[len(client_ids) // 2], "need_id": need_ids[0],
                      "environment_id": environment_ids[0], "skills": skills[:3],
                      "partner_id": partner_ids[0], "participant_id": participant}))


# --- processes --------------------------------------------------------------------------------------
def start(name: str, env: dict[str, str], app: str, workdir: str) -> subprocess.Popen:
    proc_env = dict(env, PORT=str(PORTS[name]), SERVICE=name, **GUNICORN)
    with open(Path(workdir) / f"{name}.log", "w") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                                 "--bind", f"127.0.0.1:{PORTS[name]}", app],
                                env=proc_env, cwd=workdir if name == "bare" else ROOT, stdout=log, stderr=log,
                                start_new_session=True)


def wait_ready(name: str, timeout: float = 60.0) -> None:
    url = f"http://127.0.0.1:{PORTS[name]}/" + ("" if name == "bare" else "healthz")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{name} did not start (see its log)")


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def tokens(env: dict[str, str], users: list[str]) -> dict[str, str]:
    out = subprocess.run([sys.executable, __file__, "--token-child", ",".join(users)], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def token_child(users: str) -> None:
    from services.portal.handlers.identity import access_token
    from shared import embedded
    from shared.config import Config

    portal = embedded.definition("portal").runtime(Config.from_env("portal"))
    app = embedded.definition("portal").app_for(portal)
    store = app.extensions["kampus_identity"]
    settings = replace(portal.config.token_settings, signer=app.extensions["kampus_signing_keys"].active)
    print(json.dumps({u: access_token(settings, store.get(u)) for u in users.split(",")}))


# --- wrk ------------------------------------------------------------------------------------------
LUA = """
wrk.method = "{method}"
if "{token}" ~= "" then wrk.headers["Authorization"] = "Bearer {token}" end
wrk.headers["Accept"] = "{accept}"
wrk.headers["Content-Type"] = "application/json"
local body = [[{body}]]
local counter = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
request = function()
  counter = counter + 1
  local key = string.format("{run}-%d-%d", id, counter)
  local b = string.gsub(body, "@N@", key)
  wrk.headers["Idempotency-Key"] = key
  return wrk.format(nil, nil, nil, b ~= "" and b or nil)
end
-- the share of requests slower than the p99 target, found by halving over wrk's percentiles
local function share_over(latency, limit_us)
  if latency.max <= limit_us then return 0 end
  local low, high = 0, 100
  for _ = 1, 40 do
    local middle = (low + high) / 2
    if latency:percentile(middle) > limit_us then high = middle else low = middle end
  end
  return 100 - high
end
done = function(summary, latency, requests)
  io.write(string.format("JSON {{\\"requests\\": %d, \\"duration_us\\": %d, \\"p50_us\\": %d, \\"p99_us\\": %d, "
    .. "\\"errors_status\\": %d, \\"timeouts\\": %d, \\"connect\\": %d, \\"read\\": %d, "
    .. "\\"max_us\\": %d, \\"over_percent\\": %.4f}}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.timeout, summary.errors.connect, summary.errors.read,
    latency.max, share_over(latency, {p99_limit_us})))
end
"""


def run_wrk(url: str, seconds: int, connections: int, workdir: str, *, method: str = "GET", token: str = "",
            body: dict | None = None, html: bool = False) -> dict:
    script = Path(workdir) / f"wrk-{uuid.uuid4().hex[:6]}.lua"
    script.write_text(LUA.format(method=method, token=token, run=uuid.uuid4().hex[:12],
                                 p99_limit_us=int(READ_P99_TARGET_MS * 1000),
                                 accept="text/html" if html else "application/json",
                                 body=json.dumps(body) if body is not None else ""))
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "2s",
                          "-s", str(script), url], capture_output=True, text=True)
    match = re.search(r"^JSON (\{.*\})$", out.stdout, re.M)
    if not match:
        raise SystemExit(f"wrk gave no summary for {url}:\n{out.stdout}\n{out.stderr}")
    facts = json.loads(match.group(1))
    facts["rps"] = facts["requests"] / (facts["duration_us"] / 1e6)
    facts["non2xx"] = facts.pop("errors_status")
    return facts


FIRST_REQUESTS = 20  # a worker's requests counted as its first (a worker started again after GUNICORN_MAX_REQUESTS)


def worker_tails(workdir: str, service: str, since: str) -> dict:
    """What the service's access log says of its requests since `since` (ISO, UTC): how many took longer than
    the p99 target inside the worker, how many of those were among a worker's FIRST_REQUESTS, and how many
    workers answered their first request in that time (gunicorn started them again after max_requests)."""
    seen: dict[int, int] = {}
    slow = slow_first = new_workers = logged = 0
    first_ms = 0.0  # the longest of a worker's first requests
    with open(Path(workdir) / f"{service}.log", errors="replace") as log:
        for line in log:
            if '"gunicorn.access"' not in line:
                continue
            fields = json.loads(line)
            pid = fields["pid"]
            seen[pid] = seen.get(pid, 0) + 1
            if fields["timestamp"] < since:
                continue
            logged += 1
            new_workers += seen[pid] == 1
            if seen[pid] <= FIRST_REQUESTS:
                first_ms = max(first_ms, fields["duration_ms"])
            if fields["duration_ms"] > READ_P99_TARGET_MS:
                slow += 1
                slow_first += seen[pid] <= FIRST_REQUESTS
    return {"logged": logged, "slow_in_worker": slow, "slow_first": slow_first, "new_workers": new_workers,
            "first_max_ms": first_ms}


def probe(url: str, ep: Endpoint, token: str) -> str | None:
    """One request before the load: None when it answers 2xx, else what it said (the row is then not measured)."""
    body = json.dumps(ep.body).replace("@N@", uuid.uuid4().hex).encode() if ep.body is not None else None
    headers = {"Accept": "text/html" if ep.html else "application/json", "Content-Type": "application/json",
               "Idempotency-Key": uuid.uuid4().hex}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=body, method=ep.method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # a cold first request may build a report
            return None if response.status < 300 else f"{response.status}"
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.read()[:300]!r}"


WARM_ROUNDS = 3


def warm_at_once() -> int:
    """Every thread of every worker, twice over."""
    return 2 * int(GUNICORN["WEB_CONCURRENCY"]) * int(GUNICORN["GUNICORN_THREADS"])


def warm(url: str, ep: Endpoint, token: str) -> None:
    """Requests of the endpoint before the load, warm_at_once() at a time (on their own connections) for WARM_ROUNDS
    rounds, so that every worker of the service has answered some before wrk starts: one probe warmed one worker,
    and the other's first requests (a POST need's first loaded ESCO in it) fell inside the measured seconds."""
    from concurrent.futures import ThreadPoolExecutor

    at_once = warm_at_once()
    with ThreadPoolExecutor(at_once) as pool:
        for _ in range(WARM_ROUNDS):
            list(pool.map(lambda _i: probe(url, ep, token), range(at_once)))


USERS = ["manager1", "coordinator", "student1", "partner1"]  # whose tokens the endpoints send


def endpoints(facts: dict) -> list[Endpoint]:
    c, n, e = facts["client_id"], facts["need_id"], facts["environment_id"]
    new_client = {"first_name": "Kuorma", "last_name": "Testi-@N@", "birth_date": "2004-05-06",
                  "home_municipality": "609", "gender": "woman", "field_of_education": "041",
                  "employment_status": "unemployed", "education_level": 3, "education_status": "studying",
                  "mother_tongue": "fi", "languages": [{"code": "fi", "level": "native"}],
                  "consents": {"service": True, "profile_sharing": True, "contact_to_partner": False,
                               "statistics": True, "overlap": False}}
    new_need = {"partner_id": facts["partner_id"], "title": "Kuormitustarve @N@", "description": "Kuormitus",
                "work_type": "part_time", "hours_per_week": 8, "people": 1, "hidden_job": False,
                "municipality": "609", "languages": ["fi"], "start_date": None,
                "skills": [{"uri": facts["skills"][0], "essential": True, "level": 2}]}
    out = [
        # what every request pays around its own work (with_floor), and the bare app in the same process
        Endpoint("bare Flask", "bare", "read", "GET", "/", ""),
        Endpoint("floor", "intake", "read", "GET", "/api/v1" + FLOOR_PATH, "manager1"),
        Endpoint("floor page", "intake", "read", "GET", FLOOR_PATH, "manager1", html=True),
        Endpoint("client list", "intake", "read", "GET", "/api/v1/clients?per_page=50", "manager1"),
        Endpoint("client card", "intake", "read", "GET", f"/api/v1/clients/{c}", "manager1"),
        Endpoint("client search", "intake", "read", "POST", "/api/v1/clients/search", "manager1",
                 {"q": "Virtanen"}),
        Endpoint("environment list", "environments", "read", "GET", "/api/v1/environments", "manager1"),
        Endpoint("environment page", "environments", "read", "GET", f"/environments/{e}", "manager1", html=True),
        Endpoint("suggestions list", "matching", "read", "GET", "/api/v1/suggestions", "manager1"),
        Endpoint("candidates for a need", "matching", "read", "GET", f"/api/v1/needs/{n}/candidates", "manager1"),
        Endpoint("indicators", "reporting", "read", "GET", "/api/v1/indicators", "coordinator"),
        Endpoint("dashboard page", "reporting", "read", "GET", "/", "coordinator", html=True),
        Endpoint("open data", "reporting", "read", "GET", "/api/v1/open-data", ""),
        Endpoint("client list page", "intake", "read", "GET", "/clients", "manager1", html=True),
        Endpoint("desk page", "intake", "read", "GET", "/desk", "manager1", html=True),
        Endpoint("reminders", "environments", "read", "GET", "/api/v1/reminders", "manager1"),
        # the demo's partner1 (konepaja-virtanen) and the environments its partner takes part in
        Endpoint("my assessments page", "environments", "read", "GET", "/my/assessments", "partner1", html=True),
        Endpoint("POST client", "intake", "write", "POST", "/api/v1/clients", "manager1", new_client),
        Endpoint("POST need", "intake", "write", "POST", "/api/v1/competence-needs", "manager1", new_need),
    ]
    if facts.get("participant_id"):
        out.append(Endpoint("POST survey answer", "environments", "write", "POST",
                            f"/api/v1/participants/{facts['participant_id']}/survey", "student1",
                            {"answers": {}, "free_text": "@N@"}))
    return out


def verdict(row: dict) -> str:
    if row["non2xx"] + row["timeouts"] > 0.01 * row["requests"]:
        return "errors"
    ratio = row["ratio"]
    target = TARGETS[row["kind"]]
    ok = ratio >= target and ratio >= FLOOR and (row["kind"] != "read" or row["p99_ms"] <= READ_P99_TARGET_MS)
    return "meets" if ok else "misses"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--environments", type=int, default=200)
    parser.add_argument("--partners", type=int, default=50)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--only", action="append", help="endpoint name (repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--reuse", help="the prefix of kept databases (seeding is skipped)")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--tails", action="store_true", help="a line on the slow requests under every read's row")
    parser.add_argument("--workers", type=int, default=2, help="WEB_CONCURRENCY of every process, the bare app's too")
    parser.add_argument("--threads", type=int, default=4, help="GUNICORN_THREADS of every process, the bare app's too")
    parser.add_argument("--seed-child", help=argparse.SUPPRESS)
    parser.add_argument("--token-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_child:
        return seed_child(json.loads(args.seed_child))
    if args.token_child:
        return token_child(args.token_child)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    GUNICORN.update(WEB_CONCURRENCY=str(args.workers), GUNICORN_THREADS=str(args.threads))

    workdir = tempfile.mkdtemp(prefix="bench-api-")
    prefix = args.reuse or f"bench_api_{uuid.uuid4().hex[:8]}"
    urls = {s: pg_url(f"{prefix}_{s}") for s in SERVICES} if args.reuse else create_databases(prefix)
    env = environment_for(urls, workdir)
    facts_file = Path(tempfile.gettempdir()) / f"{prefix}.json"
    procs: list[subprocess.Popen] = []
    try:
        if args.reuse and facts_file.exists():
            facts = json.loads(facts_file.read_text())
        elif args.reuse:  # a seed that was cut short: take it up again
            facts = seed(env, args.clients, args.environments, args.partners, args.events)
            facts_file.write_text(json.dumps(facts))
        else:
            for command in (["migrate"], ["signing-keys", "rotate"]):
                subprocess.run([sys.executable, "-m", "services.cli", *command], env=env, cwd=ROOT, check=True,
                               capture_output=True)
            started = time.monotonic()
            facts = seed(env, args.clients, args.environments, args.partners, args.events)
            facts_file.write_text(json.dumps(facts))
            print(f"seeded in {time.monotonic() - started:.0f} s: {args.clients} clients, {args.environments} "
                  f"environments, {args.partners} partners with needs, ~{args.events:,} reporting events")
        analyse(prefix)
        Path(workdir, "bare_app.py").write_text(BARE_APP)
        procs.append(start("bare", env, "bare_app:create_app()", workdir))
        for service in SERVICES:
            procs.append(start(service, env, f"bench.api:service_app({service!r})", workdir))
        for name in ("bare", *SERVICES):
            wait_ready(name)
        toks = tokens(env, USERS)
        rows = []
        warm(f"http://127.0.0.1:{PORTS['bare']}/", Endpoint("bare Flask", "bare", "read", "GET", "/", ""), "")
        bare = run_wrk(f"http://127.0.0.1:{PORTS['bare']}/", args.seconds, args.connections, workdir)
        print(f"{'endpoint':<24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'timeouts':>8} "
              f"{'ratio':>6}  target")
        print(f"{'bare Flask':<24} {bare['rps']:8.1f} {bare['p50_us'] / 1000:8.1f} {bare['p99_us'] / 1000:8.1f} "
              f"{bare['non2xx']:8d} {bare['timeouts']:8d} {1:6.2f}")
        for ep in endpoints(facts):
            if ep.service == "bare" or (args.only and ep.name not in args.only):
                continue  # the bare app's row is above
            url = f"http://127.0.0.1:{PORTS[ep.service]}{ep.path}"
            problem = probe(url, ep, toks.get(ep.user, ""))
            if problem:
                print(f"{ep.name:<24} not measured: {problem}", flush=True)
                continue
            warm(url, ep, toks.get(ep.user, ""))
            since = datetime.now(UTC).isoformat().replace("+00:00", "Z")
            result = run_wrk(url, args.seconds, args.connections,
                             workdir, method=ep.method, token=toks.get(ep.user, ""), body=ep.body, html=ep.html)
            row = {"endpoint": ep.name, "kind": ep.kind, "rps": result["rps"], "p50_ms": result["p50_us"] / 1000,
                   "p99_ms": result["p99_us"] / 1000, "non2xx": result["non2xx"], "timeouts": result["timeouts"],
                   "ratio": result["rps"] / bare["rps"], "requests": result["requests"],
                   "over_target": round(result["over_percent"] / 100 * result["requests"]),
                   "over_percent": result["over_percent"], "max_ms": result["max_us"] / 1000,
                   **worker_tails(workdir, ep.service, since)}
            rows.append(row)
            target = f">= {TARGETS[ep.kind]:.2f}" + (f", p99 <= {READ_P99_TARGET_MS:.0f} ms" if ep.kind == "read"
                                                      else "")
            print(f"{ep.name:<24} {row['rps']:8.1f} {row['p50_ms']:8.1f} {row['p99_ms']:8.1f} {row['non2xx']:8d} "
                  f"{row['timeouts']:8d} {row['ratio']:6.3f}  {target}: {verdict(row)}", flush=True)
            if ep.kind == "read" and (args.tails or row["over_target"]):
                print(f"{'':<24} over {READ_P99_TARGET_MS:.0f} ms: {row['over_target']} ({row['over_percent']:.2f} %), "
                      f"max {row['max_ms']:.0f} ms; in the worker: {row['slow_in_worker']} of {row['logged']} "
                      f"logged, {row['slow_first']} among a worker's first {FIRST_REQUESTS}; workers started: "
                      f"{row['new_workers']} (their first requests: up to {row['first_max_ms']:.0f} ms)", flush=True)

        if args.json:
            Path(args.json).write_text(json.dumps({"bare": bare, "rows": rows}, indent=1))
    finally:
        stop(procs)
        if args.keep and not args.reuse:
            print(f"kept: python bench/api.py --reuse {prefix}")
        elif not args.reuse:
            drop_databases(prefix)
        if args.keep or args.reuse:
            print(f"the processes' logs: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
