"""Gunicorn settings for the web process of every service, read from the environment.

Used as `gunicorn -c deploy/gunicorn.conf.py "services.<name>:create_app()"`.
Every value below can be changed with the environment variable named beside it.
"""
import datetime as dt
import gc
import json
import logging
import os
import re
import time

from gunicorn.glogging import Logger

from shared import sizing


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# --- Server socket and workers -------------------------------------------------------------
bind = [f"0.0.0.0:{_int('PORT', 8000)}"]                      # PORT
# Two workers of four threads by default, not one per CPU: every worker holds its own pool of
# database connections, and all processes of all services share PostgreSQL's max_connections
# (docs/operations.md, Sizing). Raise WEB_CONCURRENCY where the budget allows.
workers = _int("WEB_CONCURRENCY", sizing.DEFAULT_WEB_WORKERS)  # WEB_CONCURRENCY
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", sizing.DEFAULT_THREADS)      # GUNICORN_THREADS
timeout = _int("GUNICORN_TIMEOUT", 30)                        # a worker silent this long is killed
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 25)      # finish requests after SIGTERM
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)            # recycle workers, bounds slow leaks
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Each worker builds its own app: create_app() opens the engine and any broker connection
# after the fork. Preloading would create them in the master and share sockets between
# processes, which neither psycopg nor pika survives.
preload_app = False

# Behind a proxy or ingress, set FORWARDED_ALLOW_IPS to its addresses (or CIDR) so that
# X-Forwarded-Proto is trusted from it and nobody else.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Read-only root filesystem: heartbeat files go to shared memory, no control socket in $HOME.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
control_socket_disable = True
proc_name = f"kampus-{os.environ.get('SERVICE', 'web')}"

# --- Logging: one JSON object a line on stdout -----------------------------------------------
# The app logs each request with its route pattern (shared/web/observability.py); gunicorn's
# line adds what happens outside Flask. GUNICORN_ACCESS_LOG=off keeps only the app's.
accesslog = None if os.environ.get("GUNICORN_ACCESS_LOG", "on").lower() == "off" else "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()

# Probes hit these every few seconds; log them only when they fail.
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
CORRELATION_HEADERS = ("x-correlation-id", "x-request-id")


def _iso(moment: dt.datetime) -> str:
    """UTC ISO 8601 with a Z, as structlog's TimeStamper writes it in the services' lines."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


# A path segment is logged as is only when it looks like a word of a route ("api", "v1",
# "openapi.json"); identifiers, numbers, e-mail addresses and the like become ":id".
_WORD = re.compile(r"^[A-Za-z][A-Za-z_.-]{0,39}[0-9]?$")


def safe_path(path: str) -> str:
    """The request path with identifier-like segments (numbers, UUIDs, e-mail addresses) as ':id'."""
    return "/".join(s if not s or _WORD.match(s) else ":id" for s in path.split("/"))


def _header(headers, names) -> str | None:
    for name, value in headers or ():
        if name.lower() in names:
            return value[:128]
    return None


def access_fields(resp, req, environ, request_time: dt.timedelta) -> dict:
    """What one access log line says: no query string, client address, user agent or referrer.

    Those may carry personal data (names, e-mail addresses, search terms), so they are never
    written, and identifiers in the path are masked (safe_path).
    """
    status = resp.status
    if isinstance(status, str):
        status = status.split(None, 1)[0]
    return {
        "timestamp": _iso(dt.datetime.now(dt.UTC)),
        "level": "info",
        "logger": "gunicorn.access",
        "event": "request",
        "method": environ.get("REQUEST_METHOD"),
        "path": safe_path(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")),
        "status": int(status),
        "bytes": getattr(resp, "sent", None),
        "duration_ms": round(request_time.total_seconds() * 1000, 3),
        "correlation_id": _header(resp.headers, CORRELATION_HEADERS)
        or _header(getattr(req, "headers", None), CORRELATION_HEADERS),
        "pid": os.getpid(),
    }


class JsonFormatter(logging.Formatter):
    """Gunicorn's own messages in the same JSON shape as the services' structlog lines."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "timestamp": _iso(dt.datetime.fromtimestamp(record.created, dt.UTC)),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
            "pid": record.process,
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class JsonLogger(Logger):
    """Gunicorn logger writing JSON lines: access lines from access_fields(), errors as JSON."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if self.cfg.accesslog is None:
            return
        try:
            fields = access_fields(resp, req, environ, request_time)
            if fields["path"] in QUIET_PATHS and fields["status"] < 400:
                return
            self.access_log.info(json.dumps(fields, ensure_ascii=False))
        except Exception:  # a log line must never fail a request
            self.exception("could not write access log line")


logger_class = JsonLogger


# --- Hooks -------------------------------------------------------------------------------------
def on_starting(server):
    # Each worker's pool (read by Config.from_env after the fork): one connection per thread
    # (DB_POOL_SIZE) and at most DB_MAX_OVERFLOW more.
    os.environ.setdefault("DB_POOL_SIZE", str(server.cfg.threads))
    os.environ.setdefault("DB_MAX_OVERFLOW", str(sizing.DEFAULT_MAX_OVERFLOW))


def when_ready(server):
    # Before the workers connect: warn when they could open more connections than PostgreSQL has free.
    service = os.environ.get("SERVICE", "")
    remove_compiled_templates(server)
    url = os.environ.get(f"{service.upper()}_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    budget = server.cfg.workers * (int(os.environ["DB_POOL_SIZE"]) + int(os.environ["DB_MAX_OVERFLOW"]))
    warning = sizing.check_budget(url, budget, f"{service or 'this'} web ({server.cfg.workers} workers)")
    if warning:
        server.log.warning(warning)
    started = time.monotonic()
    loaded = preload_reference_data(service)
    if loaded:
        server.log.info("reference data loaded before the workers start (%s) in %.1f s", ", ".join(loaded),
                        time.monotonic() - started)
    started = time.monotonic()
    imported = preload_code(service, getattr(getattr(server, "app", None), "app_uri", None))
    if imported:
        server.log.info("code imported before the workers start (%s) in %.1f s", ", ".join(imported),
                        time.monotonic() - started)


# Reference data that a service's requests read, loaded once in the master before the workers fork, so that every
# worker (and every worker started again after GUNICORN_MAX_REQUESTS) has it from its first request and shares its
# memory with the others until it writes to it: ESCO's 13,896 skills (~40 MB, 0.5-2 s to read) and their label hints
# for intake, matching and environments (a need's or profile's skills are checked and labelled with them), and for
# intake the skill search's index (~60 MB, ~3.5 s). Before, the first request of each worker that needed them waited
# 2-7 s. Reading files only: no connection is opened in the master. PRELOAD_REFERENCE_DATA=0 leaves it to the workers.
PRELOADED = {"intake": ("taxonomy", "search"), "matching": ("taxonomy",), "environments": ("taxonomy",)}


def preload_reference_data(service: str) -> tuple[str, ...]:
    """Load the reference data `service` reads (PRELOADED) in this process; what was loaded."""
    wanted = PRELOADED.get(service, ()) if os.environ.get("PRELOAD_REFERENCE_DATA", "1") != "0" else ()
    if wanted:
        from shared.reference import esco

        taxonomy = esco.load_taxonomy()
        for lang in esco.LANGS:
            taxonomy.hint(0, lang)  # builds the language's hints of labels that several skills share
        if "search" in wanted:
            esco.warm_up()  # the taxonomy (loaded) and the skill search's index
        gc.freeze()  # the master's objects stay out of the workers' collections from the start
    return wanted


def preload_code(service: str, app_uri: str | None) -> tuple[str, ...]:
    """Import the code a worker runs in this process (the master), without building the app: the module of the
    served app and the service's package with its modules of pages, API and handlers. Every worker then starts with
    them imported (and shares their memory until it writes to it) and only builds its app, which opens its
    connections, after the fork. Importing them cost each worker ~0.7-0.9 s of CPU, its whole start, and gunicorn
    starts a worker again after every GUNICORN_MAX_REQUESTS requests (2,000 by default: ~0.4 ms of CPU a request
    under load; the JSON floor of bench/api.py served half its rate with it). Importing opens no connection (no
    module of the project may at import). PRELOAD_CODE=0 leaves it to the workers (then a HUP loads changed code;
    with it, a new master does). The navigation's entries of every service (shared.web.navigation.sections, kept
    once a process) are read here too: a new worker's first page imported the other services' definitions for them,
    0.3-0.8 s in which that page and the ones that came with it waited (PRELOAD_NAVIGATION=0: not read here)."""
    if os.environ.get("PRELOAD_CODE", "1") == "0":
        return ()
    import importlib.util

    imported = []
    module = (app_uri or "").partition(":")[0]
    if module:
        importlib.import_module(module)
        imported.append(module)
    package = f"services.{service}" if re.fullmatch(r"[a-z_]+", service or "") else ""
    if package and importlib.util.find_spec(package) is not None:
        definition = getattr(importlib.import_module(package), "SERVICE", None)
        if definition is not None:  # what build_app asks of it: its blueprints, and the handlers they call
            definition.api_blueprints()
            definition.blueprints()
            definition.commands()
        importlib.import_module("shared.web.app")
        imported.append(package)
        if os.environ.get("PRELOAD_NAVIGATION", "1") != "0":
            from shared.web import navigation

            navigation.sections()  # every page's navigation: the other services' definitions (~0.3-0.8 s)
            imported.append("navigation")
    gc.freeze()  # as the reference data: out of the workers' collections from the start
    return tuple(dict.fromkeys(imported))


def post_fork(server, worker):
    # Nothing to reset: with preload_app False the master never built the application (it imported its
    # code only, preload_code), so engines, pika connections and thread pools are created by create_app()
    # inside this worker, after the fork. Keep it that way; do not open connections at import time.
    server.log.debug("worker %s forked", worker.pid)


def post_worker_init(worker):
    keep_compiled_templates(worker)
    warm_worker(worker)
    # The worker has built its app: what it holds now (modules, the app, its caches) lives as long as the worker.
    # Frozen, the garbage collector no longer scans it in every full collection that a request's garbage
    # triggers (about 165,000 objects with intake's app): 2-13 % of a request's CPU in bench/api_ab.py
    # --switch gc_freeze. Garbage made after this is collected as before.
    gc.freeze()


def keep_compiled_templates(worker) -> None:
    """The worker's templates compiled once for all the service's workers (shared.web.template_cache): a worker
    started again after GUNICORN_MAX_REQUESTS loads them instead of compiling them inside its first requests.
    The folder is the master's (its pid in the name), so that code deployed again never meets templates compiled
    by the code before it; the master removes it when it exits (on_exit). TEMPLATE_CACHE=0 leaves every worker to
    compile its own."""
    app = worker.wsgi
    if os.environ.get("TEMPLATE_CACHE", "1") == "0" or "kampus_ui" not in getattr(app, "extensions", {}):
        return  # switched off, or not an app with the project's pages (shared.web.ui.init_ui)
    from shared.web import template_cache

    path = template_cache.folder(os.environ.get("SERVICE", ""), worker.cfg.worker_tmp_dir, worker.ppid)
    if not template_cache.keep_compiled(app, path):
        worker.log.warning("compiled templates not kept: %s is not a private folder", path)


def on_exit(server):
    remove_compiled_templates(server)


def remove_compiled_templates(server) -> None:
    """The master's folder of compiled templates removed: when it exits, and when it starts (a folder left by an
    earlier master whose pid this one has now)."""
    import shutil

    try:
        from shared.web import template_cache
    except ImportError:  # an installed library older than this file kept none
        return
    shutil.rmtree(template_cache.folder(os.environ.get("SERVICE", ""), getattr(server.cfg, "worker_tmp_dir", None),
                                        os.getpid()), ignore_errors=True)


def warm_worker(worker) -> None:
    """What the service makes in a new worker before it takes requests (ServiceDefinition.warm_worker: reporting's
    default reports), while the service's other workers answer; a worker started again after GUNICORN_MAX_REQUESTS
    made them inside its first requests, which waited with every request that came meanwhile. It waits at most
    WARM_WORKER_SECONDS (1 s) for them: both workers may be started again at once, and then none would answer. What
    is not made by then goes on beside the requests (those asking for it wait for that making, not one of their
    own). A failure is logged and leaves it to the requests, as before. WARM_WORKER=0 switches it off."""
    if os.environ.get("WARM_WORKER", "1") == "0" or "kampus_ui" not in getattr(worker.wsgi, "extensions", {}):
        return  # switched off, or not an app of the project (shared.web.ui.init_ui marks those)
    import threading

    from shared.service import warm_worker as warm

    started = time.monotonic()

    def make() -> None:
        try:
            if warm(worker.wsgi):
                worker.log.info("worker warmed in %.2f s", time.monotonic() - started)
        except Exception:
            worker.log.exception("warming the worker failed; its first requests will make what it did not")

    making = threading.Thread(target=make, name="warm-worker", daemon=True)
    making.start()
    making.join(float(os.environ.get("WARM_WORKER_SECONDS", "1")))
