"""The reporting service's own settings, typed and read once when its app is built."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from shared.config import Config

DEFAULT_TARGET = 20
DEFAULT_PROJECT_NAME = "Sosiaalinen kampus"
KEY = "reporting.settings"  # where the app keeps them: app.extensions[KEY]


def _target(value) -> int:
    try:
        return int(value) if value else DEFAULT_TARGET
    except ValueError:
        return DEFAULT_TARGET


def _date(value) -> date | None:
    if isinstance(value, date) or value is None:
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class ReportingSettings:
    """What only reporting reads: the network's target number of multidisciplinary environments and the
    identity of the funded project its report is about (name, funder, code, period)."""

    environments_target: int = DEFAULT_TARGET
    project_name: str = DEFAULT_PROJECT_NAME
    funder: str | None = None
    project_code: str | None = None
    project_start: date | None = None
    project_end: date | None = None

    @classmethod
    def from_config(cls, config: Config) -> ReportingSettings:
        """Each field from Config.extra (e.g. "project_code"), else REPORTING_<FIELD> (e.g.
        REPORTING_PROJECT_CODE), else the network file's `project:` block, else the default."""
        network = config.network
        project = network.project if network is not None else None

        def read(name: str):
            value = config.extra.get(name) or os.environ.get(f"REPORTING_{name.upper()}")
            if value:
                return value
            return getattr(project, name.removeprefix("project_"), None) if project is not None else None

        return cls(environments_target=_target(config.extra.get("environments_target")
                                               or os.environ.get("REPORTING_ENVIRONMENTS_TARGET")),
                   project_name=read("project_name") or DEFAULT_PROJECT_NAME, funder=read("funder"),
                   project_code=read("project_code"), project_start=_date(read("project_start")),
                   project_end=_date(read("project_end")))

    def default_period(self, today: date) -> tuple[date, date]:
        """The period a report covers unless asked otherwise: the project's period (up to today), or the
        current year up to today."""
        if self.project_start is not None and self.project_start <= today:
            end = min(self.project_end, today) if self.project_end is not None else today
            return self.project_start, end
        return date(today.year, 1, 1), today


def install(app, runtime) -> None:
    """Build the settings once, from the runtime's Config, when the app is built (ServiceDefinition.setup_app)."""
    app.extensions[KEY] = ReportingSettings.from_config(runtime.config)


def settings() -> ReportingSettings:
    """The settings of the current app."""
    from flask import current_app

    return current_app.extensions[KEY]
