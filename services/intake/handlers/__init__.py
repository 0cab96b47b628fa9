"""Intake's commands and the queries pages and the API share: plain functions fn(work, principal, ...) that
raise shared.errors' NotFound, Forbidden, Conflict or Invalid."""
