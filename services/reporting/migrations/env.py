"""Alembic environment of the reporting service."""
from alembic import context

from services.reporting.db import metadata
from shared.migrations import run_env

run_env(context, metadata)
