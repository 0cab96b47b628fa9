"""The reporting service's own settings, typed and read once when its app is built."""
from __future__ import annotations

import os
from dataclasses import dataclass

from shared.config import Config

DEFAULT_TARGET = 20
KEY = "reporting.settings"  # where the app keeps them: app.extensions[KEY]


def _target(value) -> int:
    try:
        return int(value) if value else DEFAULT_TARGET
    except ValueError:
        return DEFAULT_TARGET


@dataclass(frozen=True)
class ReportingSettings:
    """What only reporting reads: the network's target number of multidisciplinary environments."""

    environments_target: int = DEFAULT_TARGET

    @classmethod
    def from_config(cls, config: Config) -> ReportingSettings:
        """Config.extra["environments_target"], else REPORTING_ENVIRONMENTS_TARGET, else the default."""
        return cls(environments_target=_target(config.extra.get("environments_target")
                                               or os.environ.get("REPORTING_ENVIRONMENTS_TARGET")))


def install(app, runtime) -> None:
    """Build the settings once, from the runtime's Config, when the app is built (ServiceDefinition.setup_app)."""
    app.extensions[KEY] = ReportingSettings.from_config(runtime.config)


def settings() -> ReportingSettings:
    """The settings of the current app."""
    from flask import current_app

    return current_app.extensions[KEY]
