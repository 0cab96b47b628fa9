"""Environments' request context: the shared one (shared/web/context.py) and the network's target."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from services.environments.domain.target import parse_target
from shared.web.context import LANGS, lang, page_errors, runtime


def target(config) -> int:
    """The network's target number of environments: Config.extra["environments_target"] or ENVIRONMENTS_TARGET."""
    return parse_target(config.extra.get("environments_target") or os.environ.get("ENVIRONMENTS_TARGET"))


@contextmanager
def rules() -> Iterator[None]:
    """Nothing to do: shared/web/errors.py answers a broken rule (shared.errors) for the API and the pages.

    Kept only until its last callers are gone (the lead deletes it); do not use.
    """
    yield


__all__ = ["LANGS", "lang", "page_errors", "rules", "runtime", "target"]
