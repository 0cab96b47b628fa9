"""Alembic environment of the environments service."""
from alembic import context

from services.environments.db import metadata
from shared.migrations import run_env

run_env(context, metadata)
