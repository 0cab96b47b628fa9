"""Matching's request context: the shared one (shared/web/context.py) and this process's live engine."""
from __future__ import annotations

from services.matching.handlers.live import LiveEngine, engine_for
from shared.web.context import LANGS, lang, runtime


def live() -> LiveEngine:
    """This process's matching engine."""
    return engine_for(runtime())


__all__ = ["LANGS", "lang", "live", "runtime"]
