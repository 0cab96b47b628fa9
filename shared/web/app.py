"""Assembling a service's Flask app from its runtime and blueprints."""
from __future__ import annotations

from collections.abc import Iterable

from flask import Blueprint, Flask
from flask_smorest import Api

from shared import logs
from shared.auth.web import init_auth
from shared.runtime import ServiceRuntime
from shared.web import cors, errors, health, idempotency, input_guard, observability, schemas
from shared.web.apidocs import docs_blueprint
from shared.web.ui import init_ui


class KampusApi(Api):
    """flask-smorest's Api, documenting the project's error body (shared.web.errors) on every operation."""

    ERROR_SCHEMA = errors.ErrorSchema


def build_app(runtime: ServiceRuntime, *, title: str, description: str,
              api_blueprints: Iterable[Blueprint] = (), blueprints: Iterable[Blueprint] = (),
              token_check=None, issuer_keys=None, page_reads: Iterable[str] = ()) -> Flask:
    """A Flask app with the project's API conventions, health endpoints and observability.

    `token_check` tells whether a token still holds (shared.auth.revocation); None: the settings choose.
    `issuer_keys`: the portal's own signing keys when this process holds them (shared.auth.keys.LocalKeys).
    `page_reads`: the other services whose answers the pages read in the browser (ServiceDefinition.page_reads).
    """
    config = runtime.config
    config.check()
    logs.configure(config.log_level)
    app = Flask(f"services.{runtime.name}")
    # before any route is added; werkzeug calls a converter like its class, so a partial of one will do
    app.url_map.converters["int"] = input_guard.row_id_converter  # type: ignore[assignment]
    app.config.update(
        SERVICE=runtime.name,
        SECRET_KEY=config.secret_key,
        TESTING=config.testing,
        API_TITLE=title,
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={"info": {"description": description}},
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        HTTPS_ONLY=config.https_only,
        METRICS_TOKEN=config.metrics_token,
        METRICS_PUBLIC=not config.production,
    )
    app.config["KAMPUS_LINKS"] = links(config)
    app.config["KAMPUS_PAGE_READS"] = ("portal", *page_reads)
    network = config.network
    # Each organisation's own intake, for its people's links and for calls on their behalf.
    app.config["KAMPUS_INTAKES"] = network.intake_urls() if network else {}
    app.config["KAMPUS_INTAKE_APIS"] = network.intake_api_urls() if network else {}
    # People see organisations' names, not their codes (an embedded network asks its portal instead).
    app.config["KAMPUS_ORGANISATION_NAMES"] = network.organisation_names() if network else {}
    app.extensions["kampus"] = runtime
    app.extensions["kampus_broker_probe"] = health.BrokerProbe(config.amqp_url)
    if config.migrate_on_start and runtime.migrations:
        runtime.migrate()
    api = KampusApi(app)
    schemas.keep_argument_schemas()  # one instance per argument schema class, not one per request
    app.extensions["kampus_api"] = api
    for bp in api_blueprints:
        api.register_blueprint(bp)
    if idempotency.TABLE in runtime.metadata.tables:
        idempotency.document(api.spec)
    app.register_blueprint(health.blueprint())
    app.register_blueprint(docs_blueprint())
    for bp in blueprints:
        app.register_blueprint(bp)
    errors.register(app)
    observability.register(app, runtime.metrics)
    cors.register(app)  # before the access check: a preflight carries no login
    init_auth(app, config, token_check, issuer_keys)
    app.before_request(input_guard.check_request)  # after the access check: who asks comes first
    idempotency.init_idempotency(app, runtime)  # after both: a key is remembered only for a permitted request
    init_ui(app, runtime.name)
    hops = int(config.extra.get("proxy_hops", 0) or 0)
    if hops:  # behind trusted reverse proxies: take client address, scheme, host and prefix from them
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way to wrap it
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
    return app


def links(config) -> dict[str, str]:
    """Where each part of the network is, for navigation.

    The network file's hosts when there is one (KAMPUS_NETWORK_FILE), else PORTAL_URL and
    <SERVICE>_URL, else one host with prefixes (the embedded default). Which intake a person's
    links reach is their organisation's (`shared.web.navigation.links`); this is the fallback.
    """
    import os

    portal = config.portal_url.rstrip("/") + "/"
    result = {"portal": portal}
    for name in ("intake", "matching", "environments", "reporting"):
        result[name] = os.environ.get(f"{name.upper()}_URL", portal + name).rstrip("/") + "/"
    network = config.network
    if network is not None:
        result.update({name: url for name in result if (url := network.url_of(name))})
    return result
