"""Safe retries for the APIs: a POST sent again with the same `Idempotency-Key` gets the first answer.

A program whose POST timed out cannot know whether it created something. Sent again with the same key (any
printable string of at most 200 characters, e.g. a UUID) by the same user within 24 hours, the request is not
carried out again: the first successful answer comes back, marked `Idempotent-Replayed: true`. The same key with
another request is refused (422, naming the header); while the first is still being processed the second gets 409.
Only successful answers are kept: after a refusal the same key may be sent again with a corrected request.

A service takes part by having the table in its metadata (`shared.db.service_metadata()` adds it) and a migration
that creates it; every POST of its JSON API then accepts the header, and each OpenAPI document describes it. A POST
that creates and changes nothing (a search whose terms go in the body, so that no name is ever in a URL) is marked
`@read_only`: it is carried out every time, with no bookkeeping of keys (two transactions less), and its
documentation names no key.
"""
from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from flask import Flask, Response, g, jsonify, request
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from shared.db import Compiled
from shared.events.envelope import utcnow

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
KEEP = timedelta(hours=24)
KEY = re.compile(r"^[\x21-\x7e]{1,200}$")
TABLE = "idempotency_keys"
CLAIMED = ("owner", "key", "fingerprint", "created_at")  # a claim's columns; the answer's are written when kept
KEPT = ("status", "body", "content_type", "location")


def idempotency_table(metadata: MetaData) -> Table:
    """The keys a service remembers: whose, which, for what request, and the first answer once there is one."""
    existing = metadata.tables.get(TABLE)
    if existing is not None:
        return existing
    return Table(
        TABLE, metadata,
        Column("owner", String(120), primary_key=True),  # the user the key belongs to
        Column("key", String(200), primary_key=True),
        Column("fingerprint", String(64), nullable=False),  # of the method, path, query and body
        Column("status", Integer),  # None while the first request is being processed
        Column("body", Text),
        Column("content_type", String(100)),
        Column("location", String(500)),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )


def create_table() -> None:
    """Create the table as every service's migration `idem_0001` did (frozen: a later change is a new revision)."""
    import sqlalchemy as sa
    from alembic import op

    op.create_table(
        TABLE,
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=True),
        sa.Column("location", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("owner", "key", name=op.f("pk_idempotency_keys")),
    )


def drop_table() -> None:
    from alembic import op

    op.drop_table(TABLE)


READ_ONLY = "x-kampus-read-only"  # the OpenAPI operation's extension marking a read-only POST


def read_only(view):
    """Mark a POST that creates and changes nothing: a repeat is harmless, so no key is claimed or kept.

    Put it next to the method (below flask-smorest's decorators, which copy what it sets)."""
    view._kampus_read_only = True
    apidoc = dict(getattr(view, "_apidoc", {}))
    apidoc["manual_doc"] = {**apidoc.get("manual_doc", {}), READ_ONLY: True}
    view._apidoc = apidoc
    return view


def _is_read_only(app: Flask) -> bool:
    view = app.view_functions.get(request.endpoint) if request.endpoint else None
    method = getattr(getattr(view, "view_class", None), request.method.lower(), view)
    return getattr(method, "_kampus_read_only", False)


def _error(status: int, message: str, code: str) -> Response:
    from shared.web.errors import error_body

    fields = {HEADER: [message]} if status == 422 else {}
    response = jsonify(error_body(status, message, fields, code))
    response.status_code = status
    return response


def _owner(principal) -> str | None:
    if not principal.is_authenticated:
        return None
    return principal.user_id or f"{principal.organisation}:{principal.username}"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for part in (request.method, request.path, request.query_string.decode("latin-1")):
        digest.update(part.encode() + b"\0")
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def init_idempotency(app: Flask, runtime) -> None:
    """Accept `Idempotency-Key` on the POSTs of the app's JSON API, when the service keeps the table."""
    table = runtime.metadata.tables.get(TABLE)
    if table is None:
        return
    db = runtime.db
    # built once: a statement's parameters name its values (and the key's owner and key, as _owner and _key)
    mine = (table.c.owner == bindparam("_owner")) & (table.c.key == bindparam("_key"))
    claim_new, forget = insert(table), delete(table).where(mine)
    # the claim, the answer kept and the key forgotten as one statement each, sent through the driver alone
    claim_alone = Compiled(insert(table).values({name: bindparam(name) for name in CLAIMED}), fresh=CLAIMED)
    keep_alone = Compiled(update(table).where(mine).values({name: bindparam(name) for name in KEPT}),
                          fresh=("_owner", "_key", *KEPT))
    forget_alone = Compiled(forget, fresh=("_owner", "_key"))

    @app.before_request
    def _claim():
        g.idempotency = None
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST" or "/api/" not in request.path:
            return None
        if _is_read_only(app):
            return None
        if not KEY.match(key):
            return _error(422, "Give at most 200 printable characters without spaces.", "invalid")
        owner = _owner(g.get("principal"))
        if owner is None:
            return None  # the access check answers first; an anonymous POST has no one to remember it for
        fingerprint, now = _fingerprint(), utcnow()
        claim = {"owner": owner, "key": key, "fingerprint": fingerprint, "created_at": now}
        first = None
        try:
            try:  # a new key (nearly always): one INSERT claims it
                claim_alone.write_alone(db, claim)
            except IntegrityError:  # the key is known: forget it when older than KEEP, else see what it holds
                with db.transaction() as session:
                    found = {"_owner": owner, "_key": key}
                    session.execute(forget.where(table.c.created_at < now - KEEP), found)
                    first = session.execute(select(table).where(mine), found).first()
                    if first is None:
                        session.execute(claim_new, claim)
        except IntegrityError:  # the same key arrived twice at once: the other one is being processed
            return _error(409, "The first request with this key is still being processed.", "in_progress")
        if first is None:
            g.idempotency = (owner, key)
            return None
        if first.fingerprint != fingerprint:
            return _error(422, "This key was already used for another request.", "invalid")
        if first.status is None:
            return _error(409, "The first request with this key is still being processed.", "in_progress")
        replay = Response(first.body, status=first.status, content_type=first.content_type)
        if first.location:
            replay.headers["Location"] = first.location
        replay.headers[REPLAYED] = "true"
        return replay

    @app.after_request
    def _remember(response: Response) -> Response:
        claimed = g.get("idempotency")
        if claimed is None:
            return response
        g.idempotency = None
        owner, key = claimed
        if 200 <= response.status_code < 300 and not response.is_streamed:
            keep_alone.write_alone(db, {"_owner": owner, "_key": key, "status": response.status_code,
                                        "body": response.get_data(as_text=True),
                                        "content_type": response.content_type,
                                        "location": response.headers.get("Location")})
        else:  # a refusal is not kept: the request may be corrected and sent again with the same key
            forget_alone.write_alone(db, {"_owner": owner, "_key": key})
        return response

    @app.teardown_request
    def _forget(exc) -> None:
        claimed = g.get("idempotency")
        if claimed is None:
            return
        g.idempotency = None
        owner, key = claimed
        forget_alone.write_alone(db, {"_owner": owner, "_key": key})


def document(spec) -> None:
    """Describe the header on every POST of an OpenAPI document (apispec)."""
    spec.components.parameter("IdempotencyKey", "header", {
        "name": HEADER, "required": False, "schema": {"type": "string", "maxLength": 200},
        "description": "Any unique string (e.g. a UUID). Sent again within 24 hours by the same user with the "
                       "same request, the request is not carried out again: the first successful answer comes "
                       f"back with `{REPLAYED}: true`. The same key with another request: 422; while the first "
                       "is being processed: 409."})
    for operations in spec._paths.values():  # apispec keeps the paths here; it has no public iterator
        post = operations.get("post")
        if post is not None and not post.get(READ_ONLY):
            post.setdefault("parameters", []).append({"$ref": "#/components/parameters/IdempotencyKey"})
