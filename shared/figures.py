"""Figures that more than one service shows, each defined here once (docs/indicators.md lists every figure).

The network's target: at least 20 multidisciplinary project learning environments. An environment counts
towards it once it has started (running, completed or evaluated) and as long as it is multidisciplinary. An
open environment has not started yet; a cancelled one never counts. The environments service's pages and API
and reporting's dashboard, funder's report and exports all count with this rule.
"""
from __future__ import annotations

# The environments lifecycle's statuses in which an environment has started (and was not cancelled).
TARGET_STATUSES = ("running", "completed", "evaluated")


def counts_toward_target(status: str, multidisciplinary: bool) -> bool:
    """Whether an environment in `status` counts towards the network's target."""
    return bool(multidisciplinary) and status in TARGET_STATUSES
