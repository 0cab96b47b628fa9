"""The deployment files: compose, Dockerfile, boot script, gunicorn settings, Kubernetes manifests.

Nothing here starts a container: the files are parsed and checked against each other, against
docs/architecture.md and against the services' own catalogue.
"""
from __future__ import annotations

import base64
import datetime as dt
import fnmatch
import hashlib
import importlib.util
import json
import os
import re
import shlex
import subprocess
import types
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from shared.events.catalogue import NETWORK_ORGANISATION, ORGANISATION_HOSTED, SERVICES
from shared.network import load as load_network

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
COMPOSE = ROOT / "docker-compose.yml"
DEFINITIONS = DEPLOY / "rabbitmq" / "definitions.json"

DEMO_MEMBER = "sataedu"  # the member organisation that hosts intake in compose and k8s
ROLES = ("web", "relay", "consumer")
PORTAL = "portal"  # the front door and login: web and migrate only, no events
DATABASES = (*SERVICES, PORTAL)  # one database and login role each
WEB_PORTS = {PORTAL: 8000, "intake": 8001, "matching": 8002, "environments": 8003, "reporting": 8004}
# Every part on Kubernetes: (name of its Deployments, service, organisation): two organisations'
# intakes, the network's services and the portal (web and consumer, no relay); and every Deployment of them.
K8S_PARTS = [(PORTAL, PORTAL, NETWORK_ORGANISATION), ("sataedu-intake", "intake", "sataedu"),
             ("samk-intake", "intake", "samk")] + [(s, s, NETWORK_ORGANISATION) for s in SERVICES if s != "intake"]
K8S_PROCESSES = [(n, s, o, r) for n, s, o in K8S_PARTS for r in (("web", "consumer") if s == PORTAL else ROLES)]
K8S_WEBS = [n for n, _, _ in K8S_PARTS]
URL_VARIABLES = ("PORTAL_URL", *(f"{s.upper()}_URL" for s in SERVICES))
PLACEHOLDER = re.compile(r"change-?me", re.IGNORECASE)
INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}")


def organisation(service: str) -> str:
    return DEMO_MEMBER if service in ORGANISATION_HOSTED else NETWORK_ORGANISATION


NETWORK = load_network(DEPLOY / "network.yaml")
# Every running service of compose, as the network file describes it: (organisation, service).
INSTANCES = NETWORK.instances()


def container(org: str, service: str) -> str:
    """Compose's name of a service's containers: `<org>-intake` for an organisation's intake."""
    return f"{org}-{service}" if service in ORGANISATION_HOSTED else service


def published_port(org: str, service: str) -> int:
    """The port of the browser URL the network file gives this service."""
    return urlsplit(NETWORK.organisations[org].hosts[service].url).port


def app_containers(compose: dict) -> dict[str, dict]:
    """Every container of compose that runs the image (all but the broker and the database)."""
    return {name: c for name, c in compose["services"].items() if c.get("image") == "sosiaalinen-kampus:local"}


def load_module(path: Path, name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def k8s_docs() -> dict[str, list[dict]]:
    """Every YAML document under deploy/k8s, by file path relative to it."""
    return {str(p.relative_to(K8S)): [d for d in yaml.safe_load_all(p.read_text(encoding="utf-8")) if d]
            for p in sorted(K8S.rglob("*.yaml")) if "schemas" not in p.relative_to(K8S).parts}


@pytest.fixture(scope="module")
def kustomization() -> dict:
    return yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def applied(kustomization) -> list[dict]:
    """The objects `kubectl apply -k deploy/k8s` creates (before kustomize's transformations)."""
    docs = []
    for resource in kustomization["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / resource).read_text(encoding="utf-8")) if d]
    return docs


def objects(docs, kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def env_of(container: dict) -> dict[str, str]:
    return {e["name"]: e.get("value") for e in container.get("env", [])}


# --- The whole network in docker compose ------------------------------------------------------

def test_compose_runs_broker_and_database_with_health_checks(compose):
    services = compose["services"]
    assert services["rabbitmq"]["image"] == "rabbitmq:3.13-management"
    assert services["postgres"]["image"].split(":")[1].split(".")[0] == "16"
    for name in ("rabbitmq", "postgres"):
        assert services[name]["healthcheck"]["test"], name


def test_rabbitmq_loads_the_configuration_and_the_generated_definitions(compose):
    mounts = {v["target"]: v for v in compose["services"]["rabbitmq"]["volumes"] if isinstance(v, dict)}
    conf, definitions = mounts["/etc/rabbitmq/rabbitmq.conf"], mounts["/etc/rabbitmq/definitions.json"]
    assert (ROOT / conf["source"]).resolve() == DEPLOY / "rabbitmq" / "rabbitmq.conf"
    assert (ROOT / definitions["source"]).resolve() == DEFINITIONS
    settings = dict(line.split("=", 1) for line in (DEPLOY / "rabbitmq" / "rabbitmq.conf").read_text().splitlines()
                    if line.strip() and not line.lstrip().startswith("#"))
    settings = {k.strip(): v.strip() for k, v in settings.items()}
    assert settings["load_definitions"] == "/etc/rabbitmq/definitions.json"
    assert DEFINITIONS.exists(), "generate it: kampus rabbitmq definitions > deploy/rabbitmq/definitions.json"


def test_postgres_init_script_is_the_network_files_and_compose_gives_it_every_password(compose):
    from shared.network import load
    from shared.postgres_setup import init_sql

    postgres = compose["services"]["postgres"]
    mounts = {v["target"]: v for v in postgres["volumes"] if isinstance(v, dict)}
    init = mounts["/docker-entrypoint-initdb.d/10-kampus.sql"]
    assert (ROOT / init["source"]).resolve() == DEPLOY / "postgres" / "init.sql"
    sql = (DEPLOY / "postgres" / "init.sql").read_text(encoding="utf-8")
    assert sql == init_sql(load(DEPLOY / "network.yaml")), "run `make definitions`"
    variables = re.findall(r"^\\getenv \w+ (\w+)$", sql, re.MULTILINE)
    # the demo network runs two organisations' intakes; each database has its audit log's owner and writer
    assert len(variables) == 3 * (len(DATABASES) + 1)
    for variable in variables:
        assert INTERPOLATION.fullmatch(postgres["environment"][variable]), variable


def database(service: str, org: str | None = None) -> str:
    """The database (and role) of a service in compose: an organisation's intake is named after it."""
    from shared.postgres_setup import database_name

    return database_name(org or organisation(service), service)


@pytest.mark.parametrize("org, service", INSTANCES)
@pytest.mark.parametrize("role", ROLES)
def test_every_process_of_every_service_is_configured(compose, org, service, role):
    process = compose["services"][f"{container(org, service)}-{role}"]
    env = process["environment"]
    assert process["build"]["dockerfile"] == "deploy/Dockerfile"
    assert (env["ROLE"], env["SERVICE"], env["KAMPUS_ORG"], env["KAMPUS_ENV"]) == (role, service, org, "production")
    secret = r"\$\{[A-Z0-9_]+(:\?[^}]*)?\}"
    db = database(service, org)
    assert re.fullmatch(rf"postgresql\+psycopg://{db}:{secret}@postgres:5432/{db}", env["DATABASE_URL"])
    assert env["KAMPUS_NETWORK_FILE"] == "/app/deploy/network.yaml"
    mounts = {v["target"]: v for v in process["volumes"]}
    assert (ROOT / mounts[env["KAMPUS_NETWORK_FILE"]]["source"]).resolve() == DEPLOY / "network.yaml"
    assert re.fullmatch(rf"amqp://{org}\.{service}:{secret}@rabbitmq:5672/kampus", env["AMQP_URL"])
    assert INTERPOLATION.fullmatch(env["SECRET_KEY"])
    assert not env.get("AMQP_TRUSTED_USERS")


@pytest.mark.parametrize("org, service", INSTANCES)
@pytest.mark.parametrize("role", ROLES)
def test_every_process_has_a_health_check_and_waits_for_its_dependencies(compose, org, service, role):
    process = compose["services"][f"{container(org, service)}-{role}"]
    env, check = process["environment"], process["healthcheck"]
    assert not check.get("disable")
    assert check["test"][:3] == ["CMD", "python", "/app/deploy/healthcheck.py"]
    if role == "web":
        assert check["test"][3] == f"http://127.0.0.1:{env['PORT']}/readyz"
    else:
        assert check["test"][3] == f"http://127.0.0.1:{env['METRICS_PORT']}/readyz"
    assert process["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "rabbitmq": {"condition": "service_healthy"},
        f"{container(org, service)}-migrate": {"condition": "service_completed_successfully"},
    }


@pytest.mark.parametrize("org, service", INSTANCES)
def test_web_ports_are_the_network_files_and_one_migration_per_service(compose, org, service):
    web = compose["services"][f"{container(org, service)}-web"]
    assert web["ports"] == [f"{published_port(org, service)}:{web['environment']['PORT']}"]
    migrate = compose["services"][f"{container(org, service)}-migrate"]
    assert migrate["environment"]["ROLE"] == "migrate"
    assert (migrate["environment"]["SERVICE"], migrate["environment"]["KAMPUS_ORG"]) == (service, org)
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["postgres"] == {"condition": "service_healthy"}


def test_compose_runs_exactly_the_expected_processes(compose):
    expected = {"rabbitmq", "postgres", f"{PORTAL}-migrate", f"{PORTAL}-web", f"{PORTAL}-consumer"} | {
        f"{container(o, s)}-{r}" for o, s in INSTANCES for r in (*ROLES, "migrate")}
    assert {o for o, s in INSTANCES if s == "intake"} == {"sataedu", "samk"}, "two organisations' intakes"
    assert set(compose["services"]) == expected  # the portal has no relay


def test_portal_runs_migration_and_web_on_its_own_database(compose):
    web, migrate = compose["services"][f"{PORTAL}-web"], compose["services"][f"{PORTAL}-migrate"]
    for role, process in (("web", web), ("migrate", migrate)):
        env = process["environment"]
        assert process["build"]["dockerfile"] == "deploy/Dockerfile"
        assert (env["ROLE"], env["SERVICE"], env["KAMPUS_ORG"], env["KAMPUS_ENV"]) == (
            role, PORTAL, NETWORK_ORGANISATION, "production")
        secret = r"\$\{PORTAL_DB_PASSWORD:\?[^}]*\}"
        assert re.fullmatch(rf"postgresql\+psycopg://portal:{secret}@postgres:5432/portal", env["DATABASE_URL"])
        assert INTERPOLATION.fullmatch(env["SECRET_KEY"]).group(1) == "PORTAL_SECRET_KEY"
        assert "AMQP_URL" not in env, "the portal's web and migration use no events (its consumer does)"
    assert migrate["restart"] == "no" and migrate["healthcheck"]["disable"] is True
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert web["ports"] == [f"{WEB_PORTS[PORTAL]}:{web['environment']['PORT']}"]
    check = web["healthcheck"]
    assert not check.get("disable")
    assert check["test"] == ["CMD", "python", "/app/deploy/healthcheck.py",
                             f"http://127.0.0.1:{web['environment']['PORT']}/readyz"]
    assert web["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        f"{PORTAL}-migrate": {"condition": "service_completed_successfully"},
    }
    assert web["environment"]["MIGRATE_ON_START"] == "0"


def test_no_process_holds_a_shared_signing_secret(compose):
    """Several organisations take part: the portal signs with its own key, services verify with its JWKS."""
    containers = app_containers(compose)
    assert len(containers) == len(compose["services"]) - 2
    for name, container in containers.items():
        assert "JWT_SECRET" not in container["environment"], name
        assert container["environment"]["JWT_SIGNING"] == "eddsa", name
    assert "OIDC_JWKS_URL" not in next(iter(containers.values()))["environment"]


def interpolation_default(value: str) -> str:
    match = re.fullmatch(r"\$\{[A-Z_]+:-([^}]*)\}", value)
    assert match, f"{value} should be ${{NAME:-default}}"
    return match.group(1)


def test_every_process_links_to_the_portal_and_the_services_where_compose_publishes_them(compose):
    containers = app_containers(compose)
    for name, container in containers.items():
        env = container["environment"]
        for variable in URL_VARIABLES:
            assert INTERPOLATION.fullmatch(env[variable]).group(1) == variable, (name, variable)
    env = compose["services"][f"{PORTAL}-web"]["environment"]
    for part, port in WEB_PORTS.items():
        name = f"{DEMO_MEMBER}-intake-web" if part == "intake" else f"{part}-web"
        published = compose["services"][name]["ports"][0].split(":")[0]
        assert interpolation_default(env[f"{part.upper()}_URL"]) == f"http://localhost:{published}/" \
            and int(published) == port, part


def test_only_intake_holds_the_person_key_secret(compose):
    for name, container in app_containers(compose).items():
        value = container["environment"].get("PERSON_KEY_SECRET")
        if container["environment"]["SERVICE"] == "intake":
            assert value and INTERPOLATION.fullmatch(value).group(1) == "PERSON_KEY_SECRET", name
            assert ":?" in value, "required: production refuses the development default"
        else:
            assert value is None, f"{name} does not need PERSON_KEY_SECRET"


def test_each_part_has_its_own_secret_key(compose):
    keys = {}
    for container in app_containers(compose).values():
        env = container["environment"]
        keys.setdefault((env["KAMPUS_ORG"], env["SERVICE"]), set()).add(
            INTERPOLATION.fullmatch(env["SECRET_KEY"]).group(1))
    assert set(keys) == {*INSTANCES, (NETWORK_ORGANISATION, PORTAL)}
    assert all(len(v) == 1 for v in keys.values()), keys
    assert len({next(iter(v)) for v in keys.values()}) == len(keys), keys


def rabbit_hash(password: str, salt: bytes) -> str:
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def env_example() -> dict[str, str]:
    lines = (DEPLOY / ".env.example").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_every_amqp_user_of_compose_exists_in_the_definitions_with_the_example_password(compose):
    definitions = json.loads(DEFINITIONS.read_text(encoding="utf-8"))
    users = {u["name"]: u for u in definitions["users"]}
    permitted = {(p["user"], p["vhost"]) for p in definitions["permissions"]}
    topic = {p["user"]: p for p in definitions["topic_permissions"] if p["exchange"] == "kampus.events"}
    example = env_example()
    for org, service in INSTANCES:
        url = compose["services"][f"{container(org, service)}-web"]["environment"]["AMQP_URL"]
        user, variable = re.match(r"amqp://([^:]+):\$\{([A-Z0-9_]+)", url).groups()
        assert user == f"{org}.{service}" and user in users and (user, "kampus") in permitted, user
        assert re.match(topic[user]["write"], f"{org}.intake.client.registered")
        assert not re.match(topic[user]["write"], "muu.intake.client.registered")
        stored = base64.b64decode(users[user]["password_hash"])
        assert rabbit_hash(example[variable], stored[:4]) == users[user]["password_hash"], variable


def test_env_example_names_every_variable_compose_reads_and_holds_no_secret(compose):
    text = COMPOSE.read_text(encoding="utf-8")
    example = (DEPLOY / ".env.example").read_text(encoding="utf-8")
    values = env_example()
    for match in INTERPOLATION.finditer(text):
        name, required = match.group(1), ":?" in match.group(0)
        if required:
            assert name in values, f"{name} is required by docker-compose.yml but not in .env.example"
        else:
            assert re.search(rf"^#? ?{name}=", example, re.MULTILINE), name
    for name, value in values.items():
        if "PASSWORD" in name or "SECRET" in name:
            assert value == "" or PLACEHOLDER.search(value), f"{name} must be empty or a placeholder"


# --- The processes: boot.sh runs the commands of docs/architecture.md --------------------------

def architecture_commands() -> dict[str, str]:
    """The command column of the process table, by process."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## Processes and their commands", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|]+) \| `([^`]+)`", table, re.MULTILINE)
    names = {"web": "web", "outbox relay": "relay", "event consumer": "consumer", "migrations": "migrate"}
    return {names[p.strip()]: cmd for p, cmd in rows if p.strip() in names}


def boot(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(DEPLOY / "boot.sh"), *args], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "BOOT_DRY_RUN": "1", **env}, check=False)


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("role", ROLES)
def test_boot_migrates_then_runs_the_documented_command(service, role):
    commands = {k: shlex.split(v.replace("<name>", service)) for k, v in architecture_commands().items()}
    result = boot(role, service)
    assert result.returncode == 0, result.stderr
    assert [shlex.split(line) for line in result.stdout.splitlines()] == [commands["migrate"], commands[role]]
    result = boot(ROLE=role, SERVICE=service, MIGRATE_ON_START="0")
    assert [shlex.split(line) for line in result.stdout.splitlines()] == [commands[role]]


@pytest.mark.parametrize("service", SERVICES)
def test_the_modules_boot_starts_exist(service):
    assert importlib.util.find_spec(f"services.{service}") is not None
    for role in ("relay", "consumer"):
        assert importlib.util.find_spec(f"services.{service}.{role}") is not None
    assert callable(importlib.import_module(f"services.{service}").create_app)


def test_boot_runs_the_portal_web_consumer_and_migration_but_no_relay():
    result = boot("web", PORTAL)
    assert result.returncode == 0, result.stderr
    assert [shlex.split(line) for line in result.stdout.splitlines()] == [
        ["kampus", "migrate", "portal"],
        ["gunicorn", "-c", "deploy/gunicorn.conf.py", "services.portal:create_app()"],
    ]
    result = boot(ROLE="web", SERVICE=PORTAL, MIGRATE_ON_START="0")
    assert result.stdout.splitlines() == ['gunicorn -c deploy/gunicorn.conf.py services.portal:create_app()']
    assert boot("migrate", PORTAL).stdout.splitlines() == ["kampus migrate portal"]
    assert boot("consumer", PORTAL, MIGRATE_ON_START="0").stdout.splitlines() == [
        "python -m services.portal.consumer"]
    result = boot("relay", PORTAL)
    assert result.returncode == 64 and result.stdout == ""
    assert "portal has no relay" in result.stderr


def test_the_portal_boot_starts_exists_and_has_a_consumer_but_no_relay():
    from services.cli import consume, migrate

    assert callable(importlib.import_module("services.portal").create_app)
    assert PORTAL in migrate.params[0].type.choices  # `kampus migrate portal`
    assert PORTAL in consume.params[0].type.choices  # `kampus consume portal`: people's notifications
    assert importlib.util.find_spec("services.portal.consumer") is not None
    assert importlib.util.find_spec("services.portal.relay") is None


def test_boot_migrate_role_only_migrates_and_refuses_unknown_names():
    result = boot("migrate", "matching")
    assert result.stdout.splitlines() == ["kampus migrate matching"]
    assert boot("web", "payroll").returncode == 64
    assert boot("shell", "intake").returncode == 64
    assert boot("web").returncode == 64  # SERVICE is required


# --- The image ----------------------------------------------------------------------------------

def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_dockerfile_builds_a_slim_non_root_image_with_runtime_dependencies_only():
    instructions = dockerfile_instructions()
    args = dict(value.split("=", 1) for op, value in instructions if op == "ARG" and "=" in value)
    assert args["PYTHON_IMAGE"] == "python:3.11-slim"
    runs = " ".join(value for op, value in instructions if op == "RUN")
    assert re.search(r"pip install \.(\s|$)", runs)
    assert "[test]" not in runs and "pip install -e" not in runs
    user = [value for op, value in instructions if op == "USER"][-1]
    assert user.split(":")[0] not in ("0", "root")
    entrypoint = json.loads([value for op, value in instructions if op == "ENTRYPOINT"][-1])
    assert entrypoint[-1] == "/app/deploy/boot.sh"
    assert any(op == "HEALTHCHECK" and "/app/deploy/healthcheck.py" in value for op, value in instructions)


def test_everything_the_dockerfile_copies_exists_and_is_in_the_build_context():
    ignored = [p.strip() for p in (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
               if p.strip() and not p.startswith("#")]
    for op, value in dockerfile_instructions():
        if op != "COPY" or "--from=" in value:
            continue
        sources = [part for part in value.split()[:-1] if not part.startswith("--")]
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: missing"
            assert not any(fnmatch.fnmatch(source, pattern) or source.startswith(pattern + "/")
                           for pattern in ignored), f"COPY {source} is excluded by the dockerignore"


# --- gunicorn -------------------------------------------------------------------------------------

@pytest.fixture
def gunicorn_conf(monkeypatch):
    def load(**env):
        for name in ("PORT", "WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_ACCESS_LOG", "FORWARDED_ALLOW_IPS"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return load_module(DEPLOY / "gunicorn.conf.py", "kampus_gunicorn_conf")
    return load


def test_gunicorn_settings_are_known_to_gunicorn_and_accepted(gunicorn_conf):
    from gunicorn.config import Config as GunicornConfig

    conf = gunicorn_conf()
    cfg = GunicornConfig()
    for name, value in vars(conf).items():
        if name.startswith("_") or not name.islower() or isinstance(value, types.ModuleType):
            continue
        if name in cfg.settings:
            cfg.set(name, value)  # gunicorn's own validators
        else:
            assert callable(value), f"{name} is not a gunicorn setting (typo?)"
    assert cfg.preload_app is False
    assert cfg.logger_class is conf.JsonLogger
    assert cfg.worker_class_str == "gthread" and cfg.threads >= 1


class Worker:
    """What post_worker_init reads of gunicorn's worker: its app, settings and log."""

    def __init__(self, app, tmp_dir: str) -> None:
        self.wsgi = app
        self.ppid = os.getpid()  # the master's: this test plays it
        self.cfg = type("cfg", (), {"worker_tmp_dir": tmp_dir})
        self.warnings: list[str] = []
        self.log = type("log", (), {"warning": lambda _self, *args: self.warnings.append(args[0] % args[1:]),
                                    "info": lambda _self, *args: None,
                                    "exception": lambda _self, *args: self.warnings.append(args[0])})()


def test_a_worker_freezes_what_it_holds_once_its_app_is_built(gunicorn_conf, tmp_path):
    import gc

    conf = gunicorn_conf()
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        conf.post_worker_init(worker=Worker(object(), str(tmp_path)))
        assert gc.get_freeze_count() > 0  # the objects alive now are left out of later collections
    finally:
        gc.unfreeze()


def test_a_service_s_workers_share_their_compiled_templates_until_the_master_exits(gunicorn_conf, tmp_path,
                                                                                   monkeypatch):
    import gc

    from flask import Flask

    from shared.web import template_cache

    conf = gunicorn_conf()
    monkeypatch.setenv("SERVICE", "reporting")
    apps = [Flask("one"), Flask("two")]
    for app in apps:
        app.extensions["kampus_ui"] = {"service": "reporting"}  # as shared.web.ui.init_ui marks an app with pages
    try:
        for app in apps:
            conf.post_worker_init(worker=Worker(app, str(tmp_path)))
    finally:
        gc.unfreeze()
    folder = template_cache.folder("reporting", str(tmp_path), os.getpid())  # the master's (this test's) pid
    assert [app.jinja_env.bytecode_cache.directory for app in apps] == [str(folder)] * 2
    server = type("server", (), {"cfg": type("cfg", (), {"worker_tmp_dir": str(tmp_path)})})
    conf.on_exit(server)  # gunicorn's master, as it exits
    assert not folder.exists()

    monkeypatch.setenv("TEMPLATE_CACHE", "0")
    off = Flask("off")
    off.extensions["kampus_ui"] = {"service": "reporting"}
    try:
        conf.post_worker_init(worker=Worker(off, str(tmp_path)))
    finally:
        gc.unfreeze()
    assert off.jinja_env.bytecode_cache is None


def test_a_new_worker_makes_what_its_service_warms_before_it_takes_requests(gunicorn_conf, tmp_path, monkeypatch):
    import gc

    from flask import Flask

    from shared.service import WARM_WORKER

    conf = gunicorn_conf()
    made: list[str] = []

    def worker_of(warm) -> Worker:
        app = Flask("warmed")
        app.extensions.update({"kampus_ui": {"service": "reporting"}, WARM_WORKER: warm})
        return Worker(app, str(tmp_path))

    def broken():
        raise RuntimeError("the database is away")

    failing = worker_of(broken)
    try:
        conf.post_worker_init(worker=worker_of(lambda: made.append("reports")))
        conf.post_worker_init(worker=failing)  # logged; the worker starts all the same
        monkeypatch.setenv("WARM_WORKER", "0")
        conf.post_worker_init(worker=worker_of(lambda: made.append("switched off")))
    finally:
        gc.unfreeze()
    assert made == ["reports"] and failing.warnings == ["warming the worker failed; its first requests will make what "
                                                        "it did not"]


def test_a_new_worker_waits_for_its_warming_no_longer_than_its_budget(gunicorn_conf, tmp_path, monkeypatch):
    import gc
    import threading

    from flask import Flask

    from shared.service import WARM_WORKER

    conf = gunicorn_conf()
    release, made = threading.Event(), threading.Event()

    def slow():
        assert release.wait(5)
        made.set()

    app = Flask("warmed")
    app.extensions.update({"kampus_ui": {"service": "reporting"}, WARM_WORKER: slow})
    monkeypatch.setenv("WARM_WORKER_SECONDS", "0.05")
    try:
        conf.post_worker_init(worker=Worker(app, str(tmp_path)))  # returns: the worker takes requests meanwhile
    finally:
        gc.unfreeze()
    assert not made.is_set()
    release.set()
    assert made.wait(5)  # the making went on beside the requests


def test_the_master_loads_the_reference_data_of_its_service_before_the_workers_start(gunicorn_conf, monkeypatch):
    import gc

    conf = gunicorn_conf()
    loaded = []
    monkeypatch.setattr(conf, "preload_reference_data", lambda service: loaded.append(service) or ())
    monkeypatch.setattr(conf, "preload_code", lambda service, uri: loaded.append((service, uri)) or ())
    monkeypatch.setattr(conf.sizing, "check_budget", lambda *args: None)
    monkeypatch.setenv("SERVICE", "matching")
    monkeypatch.setenv("DB_POOL_SIZE", "4")
    monkeypatch.setenv("DB_MAX_OVERFLOW", "2")

    class Server:
        class cfg:
            workers = 2

        class log:
            info = warning = staticmethod(lambda *args: None)

    conf.when_ready(Server)  # gunicorn's master calls it once its sockets are bound, before it forks any worker
    assert loaded == ["matching", ("matching", None)]
    monkeypatch.undo()
    try:
        assert conf.preload_reference_data("reporting") == ()
        monkeypatch.setenv("PRELOAD_REFERENCE_DATA", "0")
        assert conf.preload_reference_data("matching") == ()
        monkeypatch.delenv("PRELOAD_REFERENCE_DATA")
        assert conf.preload_reference_data("matching") == ("taxonomy",)
        from shared.reference import esco

        assert esco.load_taxonomy.cache_info().currsize == 1 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


PRELOADED_CODE = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("kampus_gunicorn_code", "deploy/gunicorn.conf.py")
conf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(conf)
imported = conf.preload_code("intake", "services.intake:create_app()")
watched = ("services.", "shared.web.app")
from shared.web import navigation
print(json.dumps({"imported": imported, "modules": sorted(m for m in sys.modules if m.startswith(watched)),
                  "navigation kept": navigation.sections.cache_info().currsize}))
"""


@pytest.mark.parametrize("preload", ["1", "0"])
def test_the_master_imports_the_code_of_its_service_but_builds_nothing(preload):
    """preload_code imports, in gunicorn's master, the served app's module and the service's modules of pages, API and
    handlers, so that a worker started again after GUNICORN_MAX_REQUESTS only builds its app; PRELOAD_CODE=0 imports
    none. Run in a process of its own: this one has imported them already."""
    import os
    import sys

    result = subprocess.run([sys.executable, "-c", PRELOADED_CODE], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PRELOAD_CODE": preload}, check=True)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    if preload == "0":
        assert found == {"imported": [], "modules": [], "navigation kept": 0}
        return
    # the app's module, which is the service's package, and the navigation of every page (every service's entries)
    assert found["imported"] == ["services.intake", "navigation"] and found["navigation kept"] == 1
    modules = set(found["modules"])
    assert {"services.intake.web.desk", "services.intake.api.clients", "services.intake.handlers.desk",
            "shared.web.app", "services.reporting", "services.portal"} <= modules


def test_gunicorn_binds_and_sizes_itself_from_the_environment(gunicorn_conf):
    conf = gunicorn_conf()
    assert conf.bind == ["0.0.0.0:8000"]
    # Two workers of four threads, whatever the CPUs: the connection budget (shared/sizing.py) counts on it.
    assert (conf.workers, conf.threads) == (2, 4)
    conf = gunicorn_conf(PORT="9001", WEB_CONCURRENCY="3", GUNICORN_THREADS="8", FORWARDED_ALLOW_IPS="10.0.0.0/8")
    assert (conf.bind, conf.workers, conf.threads, conf.forwarded_allow_ips) == (["0.0.0.0:9001"], 3, 8, "10.0.0.0/8")
    assert conf.graceful_timeout > 0 and conf.timeout > 0
    assert gunicorn_conf(GUNICORN_ACCESS_LOG="off").accesslog is None


class FakeResponse:
    def __init__(self, status="200 OK", headers=()):
        self.status, self.headers, self.sent = status, list(headers), 512


class FakeRequest:
    headers = [("X-CORRELATION-ID", "req-cid-123456"), ("USER-AGENT", "Mozilla/5.0 (Matti)")]


def environ(path="/api/v1/clients/3f1c9a2e-1111-4444-8888-123456789abc", query="email=matti@example.fi"):
    return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
            "RAW_URI": f"{path}?{query}", "REMOTE_ADDR": "192.0.2.44", "HTTP_USER_AGENT": "Mozilla/5.0 (Matti)",
            "HTTP_REFERER": "https://example.fi/?q=Matti", "SERVER_PROTOCOL": "HTTP/1.1"}


def test_access_log_fields_carry_no_query_string_address_or_identifier(gunicorn_conf):
    conf = gunicorn_conf()
    fields = conf.access_fields(FakeResponse(headers=[("X-Correlation-ID", "resp-cid-123456")]), FakeRequest(),
                                environ(), dt.timedelta(milliseconds=12.5))
    line = json.dumps(fields)
    for leak in ("matti", "example.fi", "192.0.2.44", "Mozilla", "3f1c9a2e", "email"):
        assert leak.lower() not in line.lower(), leak
    assert fields["path"] == "/api/v1/clients/:id"
    assert (fields["method"], fields["status"], fields["duration_ms"]) == ("GET", 200, 12.5)
    assert fields["correlation_id"] == "resp-cid-123456"
    assert fields["timestamp"].endswith("Z")


@pytest.mark.parametrize("path, logged", [
    ("/api/openapi.json", "/api/openapi.json"),
    ("/intake/api/v1/partners", "/intake/api/v1/partners"),
    ("/api/v1/clients/12345/needs", "/api/v1/clients/:id/needs"),
    ("/x/matti.meikalainen@example.fi", "/x/:id"),
    ("/x/010101-123N", "/x/:id"),
    ("/", "/"),
])
def test_safe_path_masks_identifiers(gunicorn_conf, path, logged):
    assert gunicorn_conf().safe_path(path) == logged


def test_access_log_is_one_json_line_and_skips_healthy_probes(gunicorn_conf, capsys):
    import logging

    from gunicorn.config import Config as GunicornConfig

    conf = gunicorn_conf()
    cfg = GunicornConfig()
    cfg.set("accesslog", "-")
    logger = conf.JsonLogger(cfg)
    try:
        logger.access(FakeResponse(), FakeRequest(), environ(), dt.timedelta(milliseconds=3))
        logger.access(FakeResponse(), FakeRequest(), environ("/readyz", ""), dt.timedelta(milliseconds=1))
        logger.access(FakeResponse("503 Service Unavailable"), FakeRequest(), environ("/readyz", ""),
                      dt.timedelta(milliseconds=1))
        logger.error("worker %s failed", 7)
        out, err = capsys.readouterr()
        lines = [json.loads(line) for line in out.splitlines() + err.splitlines()]
    finally:
        for name in ("gunicorn.access", "gunicorn.error"):
            for handler in [h for h in logging.getLogger(name).handlers if getattr(h, "_gunicorn", False)]:
                logging.getLogger(name).removeHandler(handler)
    assert [(line["logger"], line.get("path"), line.get("status")) for line in lines] == [
        ("gunicorn.access", "/api/v1/clients/:id", 200),
        ("gunicorn.access", "/readyz", 503),
        ("gunicorn.error", None, None),
    ]
    assert lines[2]["event"] == "worker 7 failed" and lines[2]["level"] == "error"


# --- The container health check ------------------------------------------------------------------

def test_healthcheck_asks_readyz_of_every_process():
    health = load_module(DEPLOY / "healthcheck.py", "kampus_healthcheck")
    assert health.default_url({}) == "http://127.0.0.1:8000/readyz"
    assert health.default_url({"ROLE": "web", "PORT": "8123"}) == "http://127.0.0.1:8123/readyz"
    assert health.default_url({"ROLE": "relay", "METRICS_PORT": "9100"}) == "http://127.0.0.1:9100/readyz"
    assert health.default_url({"ROLE": "consumer", "METRICS_PORT": "9101"}) == "http://127.0.0.1:9101/readyz"
    assert health.default_url({"SCRIPT_NAME": "/intake"}) == "http://127.0.0.1:8000/intake/readyz"
    assert health.default_url({"SCRIPT_NAME": "/intake/", "PORT": "8001"}) == "http://127.0.0.1:8001/intake/readyz"
    with pytest.raises(SystemExit):
        health.default_url({"ROLE": "consumer"})
    assert health.main(["healthcheck.py", "not a url"]) == 1


# --- Kubernetes -----------------------------------------------------------------------------------

def test_every_manifest_parses_and_names_its_kind(k8s_docs):
    assert k8s_docs
    for path, docs in k8s_docs.items():
        for doc in docs:
            assert doc.get("apiVersion") and doc.get("kind"), path
            if doc["kind"] != "Kustomization":
                assert doc["metadata"]["name"], path


def test_kustomization_applies_every_manifest_but_the_secret_template(kustomization, k8s_docs, applied):
    resources = kustomization["resources"]
    top_level = {p for p in k8s_docs if "/" not in p} - {"kustomization.yaml"}
    assert set(resources) == top_level - {"secret.template.yaml"}
    assert objects(applied, "Namespace")[kustomization["namespace"]]
    assert not objects(applied, "Secret"), "secrets are applied by hand from secret.template.yaml"


@pytest.fixture(scope="module")
def deployments(applied) -> dict[str, dict]:
    return objects(applied, "Deployment")


def test_each_service_runs_web_relay_and_consumer_replicated_and_the_portal_web_and_consumer(deployments):
    assert set(deployments) == {f"{n}-{r}" for n, _, _, r in K8S_PROCESSES}
    for name, deployment in deployments.items():
        assert deployment["spec"]["replicas"] >= 2, name


def prefix(service: str, org: str = NETWORK_ORGANISATION) -> str:
    """The path prefix of a web process on the network's one host: the portal at /, intakes by organisation."""
    if service == PORTAL:
        return ""
    return f"/{org}/intake" if service in ORGANISATION_HOSTED else f"/{service}"


@pytest.mark.parametrize("name, service, org, role", K8S_PROCESSES)
def test_deployment_is_probed_bounded_and_unprivileged(deployments, kustomization, name, service, org, role):
    deployment = deployments[f"{name}-{role}"]
    pod = deployment["spec"]["template"]["spec"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert (labels["app.kubernetes.io/name"], labels["app.kubernetes.io/component"]) == (service, role)
    if service in ORGANISATION_HOSTED:  # the organisation's own, selected apart from the other intakes
        assert deployment["spec"]["selector"]["matchLabels"]["app.kubernetes.io/instance"] == org
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert volumes["network"]["configMap"] == {"name": "kampus-network"}
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    assert pod["automountServiceAccountToken"] is False
    image = {i["name"] for i in kustomization["images"]}
    mounted = {v["name"] for v in pod.get("volumes", [])}
    for container in pod["initContainers"] + pod["containers"]:
        assert container["image"] in image
        assert {"cpu", "memory"} <= container["resources"]["requests"].keys()
        assert "memory" in container["resources"]["limits"]
        security = container["securityContext"]
        assert security["allowPrivilegeEscalation"] is False
        assert security["readOnlyRootFilesystem"] is True
        assert security["capabilities"]["drop"] == ["ALL"]
        assert {m["mountPath"]: m["name"] for m in container["volumeMounts"]}["/tmp"] in mounted
        env = env_of(container)
        assert (env["SERVICE"], env["KAMPUS_ORG"]) == (service, org)
        refs = {(k, v["name"]) for ref in container["envFrom"] for k, v in ref.items()}
        assert refs == {("configMapRef", "kampus-config"), ("secretRef", f"{name}-secrets")}, "no shared JWT_SECRET"
        mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
        assert mounts["/etc/kampus"]["name"] == "network" and mounts["/etc/kampus"]["readOnly"] is True
    [migrate] = pod["initContainers"]
    assert env_of(migrate)["ROLE"] == "migrate"
    [main] = pod["containers"]
    env = env_of(main)
    assert env["ROLE"] == role and env["MIGRATE_ON_START"] == "0"
    ports = {p["name"]: p["containerPort"] for p in main["ports"]}
    if role == "web":
        # gunicorn answers only paths under SCRIPT_NAME: the probes and metrics must carry it.
        assert env.get("SCRIPT_NAME", "") == prefix(service, org)
        assert main["readinessProbe"]["httpGet"] == {"path": f"{prefix(service, org)}/readyz", "port": "http"}
        assert main["livenessProbe"]["httpGet"] == {"path": f"{prefix(service, org)}/healthz", "port": "http"}
        assert main["startupProbe"]["httpGet"] == {"path": f"{prefix(service, org)}/healthz", "port": "http"}
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/path"] == f"{prefix(service, org)}/metrics"
        assert annotations["prometheus.io/port"] == env["PORT"]
        assert ports["http"] == int(env["PORT"])
    else:
        # The probe server of a relay or consumer (shared/health.py): ready on the broker connection, the
        # outbox's age and the consumer's progress; alive while its loop comes round.
        assert main["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "metrics"}
        assert main["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "metrics"}
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        scraped = (annotations["prometheus.io/path"], annotations["prometheus.io/port"])
        assert scraped == ("/metrics", env["METRICS_PORT"])
        assert ports["metrics"] == int(env["METRICS_PORT"])


def test_web_pods_stop_within_their_grace_period(deployments, gunicorn_conf):
    conf = gunicorn_conf()
    for name in K8S_WEBS:
        pod = deployments[f"{name}-web"]["spec"]["template"]["spec"]
        pre_stop = int(pod["containers"][0]["lifecycle"]["preStop"]["exec"]["command"][-1])
        assert pod["terminationGracePeriodSeconds"] > pre_stop + conf.graceful_timeout


def selects(selector: dict, labels: dict) -> bool:
    return selector.items() <= labels.items()


def test_services_autoscalers_and_disruption_budgets_cover_the_deployments(applied, deployments):
    services, hpas, pdbs = objects(applied, "Service"), objects(applied, "HorizontalPodAutoscaler"), \
        objects(applied, "PodDisruptionBudget")
    for service in K8S_WEBS:
        web = deployments[f"{service}-web"]
        labels = web["spec"]["template"]["metadata"]["labels"]
        svc = services[f"{service}-web"]["spec"]
        assert selects(svc["selector"], labels)
        named_ports = {p["name"] for p in web["spec"]["template"]["spec"]["containers"][0]["ports"]}
        assert svc["ports"][0]["targetPort"] in named_ports
        hpa = hpas[f"{service}-web"]["spec"]
        assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": f"{service}-web"}
        assert 2 <= hpa["minReplicas"] < hpa["maxReplicas"]
    for name, deployment in deployments.items():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        covering = [p for p in pdbs.values() if selects(p["spec"]["selector"]["matchLabels"], labels)]
        assert len(covering) == 1, name
        selector = covering[0]["spec"]["selector"]["matchLabels"]
        other = [d for n, d in deployments.items() if n != name
                 and selects(selector, d["spec"]["template"]["metadata"]["labels"])]
        assert not other, f"the budget of {name} also selects {other}"


def test_secret_template_holds_each_services_settings_as_placeholders(k8s_docs):
    secrets = objects(k8s_docs["secret.template.yaml"], "Secret")
    kinds = ("secrets", "db", "audit-admin", "audit-db", "audit-writer-db")
    assert set(secrets) == {f"{n}-{kind}" for n, _, _ in K8S_PARTS for kind in kinds} | {f"{PORTAL}-amqp"}
    common = {"DATABASE_URL", "AUDIT_DATABASE_URL", "SECRET_KEY", "METRICS_TOKEN"}
    for name, service, org in K8S_PARTS:
        if service == PORTAL:
            continue
        data = secrets[f"{name}-secrets"]["stringData"]
        person_key = {"PERSON_KEY_SECRET"} if service == "intake" else set()
        assert set(data) == common | {"AMQP_URL"} | person_key
        assert data["AMQP_URL"].startswith(f"amqp://{org}.{service}:")
        assert data["AMQP_URL"].endswith("/kampus")
    assert set(secrets[f"{PORTAL}-secrets"]["stringData"]) == common  # its web has no AMQP user
    # only the portal's consumer reads this one (the portal's AMQP user may publish nothing)
    assert secrets[f"{PORTAL}-amqp"]["stringData"] == {"AMQP_URL": "amqp://verkosto.portal:CHANGE-ME@rabbitmq:5672/kampus"}
    for name, service, org in K8S_PARTS:
        data, db = secrets[f"{name}-secrets"]["stringData"], database(service, org)
        assert re.fullmatch(rf"postgresql\+psycopg://{db}:CHANGE-ME@postgres-rw:5432/{db}", data["DATABASE_URL"])
        # the audit log: written as the role that may only INSERT and SELECT, owned by another (as in compose)
        assert data["AUDIT_DATABASE_URL"] == f"postgresql+psycopg://{db}_audit_writer:CHANGE-ME@postgres-rw:5432/{db}_audit"
        assert secrets[f"{name}-audit-admin"]["stringData"] == {
            "AUDIT_ADMIN_DATABASE_URL": f"postgresql+psycopg://{db}_audit:CHANGE-ME@postgres-rw:5432/{db}_audit"}
        assert {k: v for k, v in data.items() if "SECRET" in k} == {k: "CHANGE-ME" for k in data if "SECRET" in k}
        assert secrets[f"{name}-db"]["stringData"] == {"username": db, "password": "CHANGE-ME"}
        assert secrets[f"{name}-audit-db"]["stringData"] == {"username": f"{db}_audit", "password": "CHANGE-ME"}
        assert secrets[f"{name}-audit-writer-db"]["stringData"] == {"username": f"{db}_audit_writer",
                                                                    "password": "CHANGE-ME"}


def settings_of(container: dict, applied, secrets: dict) -> set[str]:
    """The names of the environment a Kubernetes container gets: its own, its ConfigMap's and Secrets' keys."""
    names = {e["name"] for e in container.get("env", [])}
    for ref in container.get("envFrom", []):
        if "configMapRef" in ref:
            names |= set(objects(applied, "ConfigMap")[ref["configMapRef"]["name"]]["data"])
        else:
            names |= set(secrets[ref["secretRef"]["name"]]["stringData"])
    for entry in container.get("env", []):  # a key of a Secret read one by one
        key = entry.get("valueFrom", {}).get("secretKeyRef")
        if key is not None:
            assert key["key"] in secrets[key["name"]]["stringData"], entry
    return names


def k8s_containers(deployments, compose_name: str) -> list[dict]:
    """The Kubernetes containers that run what compose's container does: `<part>-<role>`'s main container, and
    for `<part>-migrate` the `migrate` init container of every Deployment of the part."""
    part, _, role = compose_name.rpartition("-")
    if role == "migrate":
        return [d["spec"]["template"]["spec"]["initContainers"][0] for n, d in deployments.items()
                if n.rpartition("-")[0] == part]
    deployment = deployments.get(compose_name)
    return [deployment["spec"]["template"]["spec"]["containers"][0]] if deployment else []


def test_every_setting_compose_gives_a_process_reaches_the_same_process_on_kubernetes(
        compose, applied, deployments, k8s_docs):
    """The two deployment forms run the same processes with the same settings: no variable compose sets (the
    audit log's URLs, the portal consumer's AMQP user, ...) is missing from the pods that run the process."""
    secrets = objects(k8s_docs["secret.template.yaml"], "Secret")
    for name, process in app_containers(compose).items():
        containers = k8s_containers(deployments, name)
        assert containers, f"{name} runs in compose but not on Kubernetes"
        wanted = set(process["environment"])
        for container in containers:
            missing = wanted - settings_of(container, applied, secrets)
            assert not missing, f"{name} on Kubernetes lacks {sorted(missing)}"
            # the audit log's owner: only the migration, in both forms
            assert ("AUDIT_ADMIN_DATABASE_URL" in settings_of(container, applied, secrets)) == (
                "AUDIT_ADMIN_DATABASE_URL" in wanted) == name.endswith("-migrate"), name
        assert "AUDIT_DATABASE_URL" in wanted, name


def test_configmap_is_production_and_trusts_no_amqp_user(applied):
    data = objects(applied, "ConfigMap")["kampus-config"]["data"]
    assert data["KAMPUS_ENV"] == "production" and data["AMQP_TRUSTED_USERS"] == ""
    assert not SECRET_KEYS.search(" ".join(data)), "secrets belong in the Secrets, not the ConfigMap"


def test_configmap_links_are_where_each_web_process_serves(applied, deployments):
    """One host: each <SERVICE>_URL is the path prefix (SCRIPT_NAME) its web Deployment serves under."""
    data = objects(applied, "ConfigMap")["kampus-config"]["data"]
    for part in DATABASES:
        name = f"{DEMO_MEMBER}-intake" if part == "intake" else part  # the default intake link: sataedu's
        container = deployments[f"{name}-web"]["spec"]["template"]["spec"]["containers"][0]
        assert data[f"{part.upper()}_URL"] == env_of(container).get("SCRIPT_NAME", "") + "/", part


def test_rabbitmq_is_a_three_node_cluster_loading_the_definitions(k8s_docs):
    [cluster] = k8s_docs["rabbitmq/cluster.yaml"]
    assert cluster["kind"] == "RabbitmqCluster" and cluster["spec"]["replicas"] >= 3
    assert "load_definitions = /etc/rabbitmq/definitions.json" in cluster["spec"]["rabbitmq"]["additionalConfig"]


def test_postgres_cluster_has_replicas_and_a_database_per_service(k8s_docs):
    docs = k8s_docs["postgres/cluster.yaml"]
    [cluster] = objects(docs, "Cluster").values()
    assert cluster["spec"]["instances"] >= 3
    roles = {r["name"]: r for r in cluster["spec"]["managed"]["roles"]}
    expected = {}
    for name, service, org in K8S_PARTS:  # the part's own role, its audit log's owner and writer
        db = database(service, org)
        expected |= {db: f"{name}-db", f"{db}_audit": f"{name}-audit-db",
                     f"{db}_audit_writer": f"{name}-audit-writer-db"}
    assert set(roles) == set(expected)
    assert all(roles[role]["passwordSecret"] == {"name": secret} for role, secret in expected.items())
    databases = {(d["spec"]["name"], d["spec"]["owner"]) for d in objects(docs, "Database").values()}
    owned = [database(s, o) for _, s, o in K8S_PARTS]
    assert databases == {(db, db) for db in owned} | {(f"{db}_audit", f"{db}_audit") for db in owned}


def test_every_pod_reads_the_kubernetes_network_file_whose_urls_are_where_the_intakes_serve(
        kustomization, applied, deployments):
    [generator] = kustomization["configMapGenerator"]
    assert generator["name"] == "kampus-network" and generator["files"] == ["network.yaml=network.yml"]
    assert kustomization["generatorOptions"]["disableNameSuffixHash"] is True
    data = objects(applied, "ConfigMap")["kampus-config"]["data"]
    assert data["KAMPUS_NETWORK_FILE"] == "/etc/kampus/network.yaml"
    network = load_network(K8S / "network.yml")
    assert network.instances() == NETWORK.instances(), "the same organisations and services as compose"
    for name, service, org in K8S_PARTS:
        host = network.organisations[org].hosts[service]
        assert urlsplit(host.url).path == prefix(service, org) + "/", name
        if service in ORGANISATION_HOSTED:  # the network's services call the intake's Service
            assert host.api_url == f"http://{name}-web{prefix(service, org)}/"
        env = env_of(deployments[f"{name}-web"]["spec"]["template"]["spec"]["containers"][0])
        assert env.get("SCRIPT_NAME", "") == prefix(service, org)


# --- No secrets in committed files ---------------------------------------------------------------

SECRET_KEYS = re.compile(r"(password|passwd|secret|token|api_?key)", re.IGNORECASE)
# Kubernetes fields that name a Secret rather than hold one: secretName, passwordSecret, secretRef.
REFERENCE_KEYS = re.compile(r"(Name|Ref|Secret)$")


def secret_findings(text: str) -> list[str]:
    """Literal credentials in a text: URL passwords, secret-named values, keys, long random strings."""
    findings = []

    def allowed(value: str) -> bool:
        value = value.strip().strip("'\"")
        return value == "" or bool(PLACEHOLDER.search(value) or INTERPOLATION.search(value)
                                   or re.fullmatch(r"<[^<>]+>", value)  # <password> in documentation
                                   or value.startswith(("$(", "{")) or value.lower() in ("true", "false", "null"))

    for match in re.finditer(r"[a-z+]+://([^:/@\s]+):([^@\s]+)@", text):
        if not allowed(match.group(2)):
            findings.append(match.group(0))
    for match in re.finditer(r"^[ \t]*-?[ \t]*([A-Za-z0-9_.-]+)[ \t]*[:=][ \t]*(\S[^\n#]*)$", text, re.MULTILINE):
        key, value = match.groups()
        if SECRET_KEYS.search(key) and not REFERENCE_KEYS.search(key) and not allowed(value):
            findings.append(match.group(0).strip())
    if "-----BEGIN" in text:
        findings.append("a PEM block")
    for match in re.finditer(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}", text):
        token = match.group(0)
        if re.search(r"[0-9]", token) and re.search(r"[A-Z]", token) and re.search(r"[a-z]", token):
            findings.append(token)
    return findings


def committed_deploy_files() -> list[Path]:
    files = [COMPOSE, *sorted(p for p in DEPLOY.rglob("*") if p.is_file())]
    # definitions.json holds salted password hashes, generated by `kampus rabbitmq definitions`.
    return [p for p in files if p != DEFINITIONS and "__pycache__" not in p.parts]


@pytest.mark.parametrize("path", committed_deploy_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_secret_looking_literal_in_committed_deploy_files(path):
    assert secret_findings(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("text", [
    "AMQP_URL: amqp://verkosto.matching:hunter2secret@rabbitmq:5672/kampus",
    "POSTGRES_PASSWORD=s3cr3t-Passw0rd!",
    "  SECRET_KEY: \"correct horse battery staple\"",
    "token: gh0_Rk2kXw9PqLmZ7vB3nT8yC1dF5hJ4sA6eU0iO",
])
def test_the_secret_check_finds_literal_secrets(text):
    assert secret_findings(text)


@pytest.mark.parametrize("text", [
    "AMQP_URL: amqp://sataedu.intake:${AMQP_PASSWORD_SATAEDU_INTAKE:?see deploy/.env.example}@rabbitmq:5672/kampus",
    "DATABASE_URL: postgresql+psycopg://intake:CHANGE-ME@postgres-rw:5432/intake",
    "INTAKE_DB_PASSWORD=",
    "AMQP_PASSWORD_VERKOSTO_MATCHING=verkosto.matching-change-me",
    "        passwordSecret: {name: intake-db}",
    "  SECRET_KEY: ${INTAKE_SECRET_KEY:?see deploy/.env.example}",
    "export AMQP_URL='amqp://sataedu.intake:<password>@localhost:5672/kampus'",
])
def test_the_secret_check_accepts_placeholders_and_references(text):
    assert secret_findings(text) == []
