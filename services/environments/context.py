"""Environments' request context: the shared one (shared/web/context.py) and the network's target."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from services.environments.domain import Conflict, Invalid
from services.environments.domain.target import parse_target
from shared.web.context import LANGS, lang, page_errors, runtime
from shared.web.errors import ApiError


def target(config) -> int:
    """The network's target number of environments: Config.extra["environments_target"] or ENVIRONMENTS_TARGET."""
    return parse_target(config.extra.get("environments_target") or os.environ.get("ENVIRONMENTS_TARGET"))


@contextmanager
def rules() -> Iterator[None]:
    """Answer a broken domain rule as the API's error: a conflict is 409 with its reason, bad input 422."""
    try:
        yield
    except Conflict as exc:
        error = ApiError(409, exc.message, {"status": [exc.message]})
        error.template, error.params = exc.reason, exc.details
        raise error from exc
    except Invalid as exc:
        raise ApiError(422, "Invalid input", exc.fields) from exc


__all__ = ["LANGS", "lang", "page_errors", "rules", "runtime", "target"]
