"""The funded project's identity and default period come from configuration (issue 15, item 10)."""
from __future__ import annotations

from datetime import date

import yaml

from services.reporting.config import ReportingSettings
from shared import network as networks
from shared.config import Config


def settings(tmp_path=None, network_text: str | None = None, **extra) -> ReportingSettings:
    path = None
    if network_text is not None:
        path = tmp_path / "network.yaml"
        path.write_text(network_text, encoding="utf-8")
    config = Config(service="reporting", database_url="sqlite://", testing=True, extra=extra,
                    network_file=str(path) if path else None)
    return ReportingSettings.from_config(config)


NETWORK = """
privacy: {funder: Etelä-Pohjanmaan ELY-keskus}
project: {name: Kampus ESR+, code: S30999, start: 2024-01-01, end: 2026-12-31}
organisations:
  verkosto: {name: Verkosto, kind: development_organisation}
"""


def test_the_project_from_the_network_file(tmp_path):
    s = settings(tmp_path, NETWORK)
    assert (s.project_name, s.project_code, s.funder) == ("Kampus ESR+", "S30999", "Etelä-Pohjanmaan ELY-keskus")
    assert (s.project_start, s.project_end) == (date(2024, 1, 1), date(2026, 12, 31))
    # During the project: its start up to today; after it: the whole project.
    assert s.default_period(date(2025, 5, 6)) == (date(2024, 1, 1), date(2025, 5, 6))
    assert s.default_period(date(2027, 3, 1)) == (date(2024, 1, 1), date(2026, 12, 31))


def test_settings_override_the_network_file(tmp_path):
    s = settings(tmp_path, NETWORK, project_code="S31000", project_start="2025-03-01")
    assert s.project_code == "S31000" and s.project_name == "Kampus ESR+"
    assert s.default_period(date(2025, 5, 6)) == (date(2025, 3, 1), date(2025, 5, 6))


def test_without_a_project_the_default_period_is_the_current_year():
    s = settings()
    assert s.project_name == "Sosiaalinen kampus" and s.project_code is None and s.funder is None
    assert s.default_period(date(2026, 12, 6)) == (date(2026, 1, 1), date(2026, 12, 6))
    # A project that has not started yet does not give a period that ends before it begins.
    later = settings(project_start="2027-01-01")
    assert later.default_period(date(2026, 12, 6)) == (date(2026, 1, 1), date(2026, 12, 6))


def test_a_project_that_ends_before_it_starts_is_refused():
    data = yaml.safe_load(NETWORK)
    data["project"]["end"] = "2023-12-31"
    try:
        networks.parse(data)
    except networks.NetworkFileError as exc:
        assert "project.end" in str(exc)
    else:
        raise AssertionError("a project ending before its start was accepted")
