"""Environments' request context: the shared one (shared/web/context.py); its settings are in config.py."""
from __future__ import annotations

from shared.web.context import LANGS, lang, runtime

__all__ = ["LANGS", "lang", "runtime"]
