"""Alembic environment of the matching service."""
from alembic import context

from services.matching.db import metadata
from shared.migrations import run_env

run_env(context, metadata)
