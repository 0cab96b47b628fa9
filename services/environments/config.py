"""The environments service's own settings, typed and read once when its app is built."""
from __future__ import annotations

import os
from dataclasses import dataclass

from services.environments.domain.target import DEFAULT_TARGET, parse_target
from shared.config import Config

KEY = "environments.settings"  # where the app keeps them: app.extensions[KEY]


@dataclass(frozen=True)
class EnvironmentsSettings:
    """What only the environments service reads: the network's target number of environments."""

    target: int = DEFAULT_TARGET

    @classmethod
    def from_config(cls, config: Config) -> EnvironmentsSettings:
        """Config.extra["environments_target"], else ENVIRONMENTS_TARGET, else the default."""
        given = config.extra.get("environments_target") or os.environ.get("ENVIRONMENTS_TARGET")
        return cls(target=parse_target(given))


def install(app, runtime) -> None:
    """Build the settings once, from the runtime's Config, when the app is built (ServiceDefinition.setup_app)."""
    app.extensions[KEY] = EnvironmentsSettings.from_config(runtime.config)


def settings() -> EnvironmentsSettings:
    """The settings of the current app."""
    from flask import current_app

    return current_app.extensions[KEY]
