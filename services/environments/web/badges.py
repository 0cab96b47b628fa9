"""Hosted Open Badges 2.0 documents: the issuer, each assertion and its holder's BadgeClass.

These are public by nature (anyone verifying a badge fetches them) and hold no personal data: the
recipient appears only as a salted hash, and an erased client's assertion answers 410 as revoked. A person's
browser, asking for HTML first, gets the assertion as a page to read (the student is told to show it to an employer).
"""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, jsonify, make_response, render_template, request, url_for

from services.environments.context import runtime
from services.environments.domain import badges as ob
from services.environments.handlers import badges as documents
from shared.auth import public

bp = Blueprint("badges", __name__, url_prefix="/badges")
JSON_LD = "application/ld+json"


class Urls:
    """The public URLs of the badge documents."""

    @staticmethod
    def issuer() -> str:
        return url_for("badges.issuer", _external=True)

    @staticmethod
    def badge_class(assertion_id: str) -> str:
        return url_for("badges.badge_class", assertion_id=assertion_id, _external=True)

    @staticmethod
    def assertion(assertion_id: str) -> str:
        return url_for("badges.assertion", assertion_id=assertion_id, _external=True)

    @staticmethod
    def image() -> str:
        return url_for("static", filename="environments/badge.svg", _external=True)


def _json_ld(document: dict, status: int = 200):
    response = jsonify(document)
    response.status_code = status
    response.mimetype = JSON_LD
    return response


@bp.get("/issuer")
@public
def issuer():
    """The issuer profile of the network's badges."""
    return _json_ld(ob.issuer(Urls.issuer(), documents.ISSUER_NAME, url_for("environment_pages.front",
                                                                               _external=True)))


def _hosted(build, key):
    """What `build(session, key, Urls)` makes of the stored badge data; 404 when there is nothing to make."""
    with runtime().db.session() as session:
        found = build(session, key, Urls)
    if found is None:
        abort(404)
    return found


@bp.get("/<uuid:assertion_id>/class")
@public
def badge_class(assertion_id):
    """The BadgeClass of one assertion: the environment, and the skills its holder demonstrated."""
    return _json_ld(_hosted(documents.badge_class_document, assertion_id))


def _wants_page() -> bool:
    """A browser asks for HTML first; a verifier or a backpack asks for JSON, for anything, or says nothing."""
    return request.accept_mimetypes.best_match([JSON_LD, "application/json", "text/html"]) == "text/html"


@bp.get("/<uuid:assertion_id>")
@public
def assertion(assertion_id):
    """A hosted assertion (410 once revoked), or the same as a page for a person."""
    document, status = _hosted(documents.assertion_document, assertion_id)
    if not _wants_page():
        response = _json_ld(document, status)
    else:
        badge_class = None
        if status == 200:
            with runtime().db.session() as session:
                badge_class = documents.badge_class_document(session, assertion_id, Urls)
        issued_on = datetime.fromisoformat(document["issuedOn"].replace("Z", "+00:00")) if badge_class else None
        response = make_response(render_template("environments/badge_public.html", badge_class=badge_class,
                                                 issued_on=issued_on, issuer=documents.ISSUER_NAME), status)
    response.vary.add("Accept")  # one address, two documents: a cache keeps them apart
    return response
