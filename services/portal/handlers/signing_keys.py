"""The built-in issuer's signing keys on the portal's database: the active key, the published ones, rotation.

The newest unretired key signs; every unretired key is published (JWKS), so tokens signed before a
rotation keep verifying until they expire. Rotation adds a key and retires the keys older than the
one it replaces: at most two are published at a time.
"""
from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from sqlalchemy import select, update

from services.portal.db import signing_keys
from shared.auth.keys import LocalKeys, SigningKey, new_signing_key
from shared.db import Database

CACHE_SECONDS = 30.0  # a key rotated by another process (the command line) is taken up within this time


class SigningKeyStore:
    """Signing keys of the built-in issuer, read at most every CACHE_SECONDS."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._cached: tuple[float, list[SigningKey]] | None = None

    def published(self) -> list[SigningKey]:
        """The unretired keys, newest first; one is made when there is none."""
        with self._lock:
            if self._cached is not None and time.monotonic() - self._cached[0] < CACHE_SECONDS:
                return self._cached[1]
            keys = self._read()
            if not keys:
                self.rotate()
                keys = self._read()
            self._cached = (time.monotonic(), keys)
            return keys

    def active(self) -> SigningKey:
        """The key that signs new tokens."""
        return self.published()[0]

    def key_source(self) -> LocalKeys:
        """The published keys as a verifier's key source; an unknown key id reads them again."""
        return _RefreshingKeys(self)

    def forget(self) -> None:
        with self._lock:
            self._cached = None

    def rotate(self) -> SigningKey:
        """Add a new active key; retire every key older than the previous active one."""
        key = new_signing_key()
        at = datetime.now(UTC)
        with self.db.transaction() as s:
            current = s.execute(select(signing_keys.c.kid, signing_keys.c.created_at)
                                .where(signing_keys.c.retired_at.is_(None))
                                .order_by(signing_keys.c.created_at.desc(), signing_keys.c.kid.desc())).all()
            for row in current[1:]:
                s.execute(update(signing_keys).where(signing_keys.c.kid == row.kid).values(retired_at=at))
            s.execute(signing_keys.insert().values(kid=key.kid, private_pem=key.private_pem.decode(), created_at=at))
        self._cached = None
        return key

    def _read(self) -> list[SigningKey]:
        with self.db.session() as s:
            rows = s.execute(select(signing_keys.c.kid, signing_keys.c.private_pem)
                             .where(signing_keys.c.retired_at.is_(None))
                             .order_by(signing_keys.c.created_at.desc(), signing_keys.c.kid.desc())).all()
        return [SigningKey(r.kid, r.private_pem.encode()) for r in rows]


class _RefreshingKeys(LocalKeys):
    """The store's keys; a key id not among them makes the store read its table again once."""

    def __init__(self, store: SigningKeyStore) -> None:
        super().__init__(store.published)
        self.store = store

    def key_for(self, kid: str | None):
        key = super().key_for(kid)
        if key is None and kid:
            self.store.forget()
            key = super().key_for(kid)
        return key
