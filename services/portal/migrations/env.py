"""Alembic environment of the identity store (the portal's database)."""
from alembic import context

from services.portal.db import metadata
from shared.migrations import run_env

run_env(context, metadata)
