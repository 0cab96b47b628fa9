"""Tables of the identity store."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Table, Text

from shared.db import new_metadata

metadata = new_metadata()

organisations = Table(
    "organisations", metadata,
    Column("slug", String(63), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("member", Boolean, nullable=False, default=False),  # a member organisation of the network
    Column("created_at", DateTime(timezone=True), nullable=False),
)

users = Table(
    "users", metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("email", String(254)),
    Column("organisation", String(63), ForeignKey("organisations.slug"), nullable=False),
    Column("roles", String(200), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("locale", String(5)),
    Column("client_id", String(36)),
    Column("active", Boolean, nullable=False, default=True),
    Column("demo", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("password_changed_at", DateTime(timezone=True), nullable=False),
    # When the password was last proven at a login (or the account taken into use with its code); None: never.
    Column("last_login_at", DateTime(timezone=True)),
    # Every token carries the generation it was issued in; raising it (logout, new password,
    # deactivation) withdraws all tokens issued before.
    Column("token_generation", Integer, nullable=False, default=1, server_default="1"),
)

login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False),  # a keyed hash of the account or the address, never the raw value
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_login_failures_key_at", "key", "at"),
)

# The built-in issuer's signing keys (JWT_SIGNING=eddsa): the newest unretired one signs, every unretired
# one is published at /.well-known/jwks.json; `kampus portal rotate-signing-key` adds one and retires older.
signing_keys = Table(
    "signing_keys", metadata,
    Column("kid", String(64), primary_key=True),
    Column("private_pem", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
)

# A user's time-based one-time password (TOTP): the shared secret once confirmed with a code, the last
# time step used (a code counts once) and hashes of recovery codes (each usable once).
totp_credentials = Table(
    "totp_credentials", metadata,
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("secret", String(64), nullable=False),
    Column("confirmed_at", DateTime(timezone=True)),
    Column("last_step", Integer),
    Column("recovery_hashes", Text, nullable=False, default="", server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# A user's notifications: a kind (a code the page names in the reader's language), where the thing is done
# (a service and a path under it), the name of the thing it is about (an environment, an organisation: never a
# person's), and when it was read. No sentence and no personal data is stored.
notifications = Table(
    "notifications", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("service", String(20), nullable=False),
    Column("path", String(200), nullable=False),
    Column("subject", String(200)),  # null: its event named nothing (or came before names travelled)
    Column("event_id", String(36), nullable=False),  # the event that caused it: one notification per user
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("read_at", DateTime(timezone=True)),
    Column("emailed_at", DateTime(timezone=True)),
    Index("ix_notifications_user_id_id", "user_id", "id"),
    Index("uq_notifications_user_id_event_id", "user_id", "event_id", unique=True),
)

# How a user wants to hear of new notifications by e-mail: immediately, a daily digest, or not at all.
notification_preferences = Table(
    "notification_preferences", metadata,
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("email", String(12), nullable=False, default="daily"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# The two organisations of a referral, from intake.referral.sent: whom its answer concerns (no client).
referral_sides = Table(
    "referral_sides", metadata,
    Column("referral_id", String(36), primary_key=True),
    Column("from_organisation", String(63), nullable=False),
    Column("to_organisation", String(63), nullable=False),
)

# A manager's invitation of a client to the service: a student login linked to the client record, which the
# student takes into use with a one-time code (e-mailed as a link, or printed). Only a keyed hash of the code
# is kept; a code counts once and expires.
invitations = Table(
    "invitations", metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("invited_by", String(36)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
)

# A student's login at their organisation's own issuer (or the network's OpenID Connect provider), linked to their
# student login here and so to their client record. An external identity is its issuer and subject (`iss`, `sub`);
# it is linked only by a safe proof (`proof`: the invitation's one-time code redeemed while signed in with it, or
# a verified e-mail address equal to the invited client's), one to one, and goes with the login.
external_logins = Table(
    "external_logins", metadata,
    Column("issuer", String(255), primary_key=True),
    Column("subject", String(255), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("organisation", String(63), nullable=False),
    Column("proof", String(10), nullable=False),  # "code" or "email"
    Column("linked_at", DateTime(timezone=True), nullable=False),
)
