"""Open Badges 2.0 documents of a completed participation: Issuer, BadgeClass and a hosted Assertion.

The recipient is never stored or shown in plain text: the assertion carries a salted SHA-256 hash of
an identity the student gives (their email, say), as the specification describes
(https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#IdentityObject).
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

CONTEXT = "https://w3id.org/openbadges/v2"
IDENTITY_TYPES = ("email", "url", "telephone")


def new_salt() -> str:
    return secrets.token_hex(16)


def normalise_identity(identity: str, identity_type: str) -> str:
    identity = identity.strip()
    return identity.lower() if identity_type == "email" else identity


def hash_identity(identity: str, salt: str) -> str:
    """"sha256$" and the hex digest of the identity followed by the salt."""
    return "sha256$" + hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()


def issuer(url: str, name: str, homepage: str) -> dict:
    return {"@context": CONTEXT, "type": "Issuer", "id": url, "name": name, "url": homepage}


def badge_class(url: str, *, issuer_url: str, name: str, description: str, image: str, criteria: str,
                alignments: list[dict], tags: list[str]) -> dict:
    return {"@context": CONTEXT, "type": "BadgeClass", "id": url, "name": name, "description": description,
            "image": image, "criteria": {"narrative": criteria}, "issuer": issuer_url, "alignment": alignments,
            "tags": tags}


def assertion(url: str, *, badge_url: str, identity_hash: str, identity_type: str, salt: str,
              issued_on: datetime) -> dict:
    return {
        "@context": CONTEXT, "type": "Assertion", "id": url, "badge": badge_url,
        "recipient": {"type": identity_type, "hashed": True, "salt": salt, "identity": identity_hash},
        "issuedOn": issued_on.isoformat().replace("+00:00", "Z"),
        "verification": {"type": "hosted"},
    }


def revoked(url: str) -> dict:
    """What a hosted assertion answers (HTTP 410) once revoked."""
    return {"@context": CONTEXT, "type": "Assertion", "id": url, "revoked": True}
