"""Who sees what in a report: the coordinator everything, a service manager their organisation and the network.

The coordinator's internal dashboard and the funder's report hold exact figures (the funder receives exact
participant figures); whatever members' managers, partners or the public see is protected (suppressed).
"""
from __future__ import annotations

from dataclasses import dataclass

from services.reporting.domain.filters import Filters
from shared.auth.principal import Principal
from shared.errors import N_, Forbidden

EXACT, PROTECTED = "exact", "protected"
VIEWS = (EXACT, PROTECTED)


class NotExact(Forbidden):
    """Someone other than the coordinator asked for exact figures (403, naming the field to change)."""

    def __init__(self) -> None:
        super().__init__(N_("Only the network's coordinator sees exact figures"))

    @property
    def fields(self) -> dict:
        return {"view": [N_("Protected figures, as partners and the public see them.")]}


class OtherOrganisation(Forbidden):
    """A service manager asked for another organisation's figures (403, naming the field to change)."""

    def __init__(self) -> None:
        super().__init__(N_("A service manager sees their own organisation and the network's totals"))

    @property
    def fields(self) -> dict:
        return {"organisation": [N_("Your own organisation, or none for the whole network.")]}


@dataclass(frozen=True)
class Viewer:
    """What a principal may see: the coordinator everything, a manager their organisation and the network."""

    principal: Principal

    @property
    def everything(self) -> bool:
        return self.principal.has("coordinator")

    @property
    def own(self) -> str | None:
        return None if self.everything else self.principal.organisation

    def check(self, filters: Filters) -> None:
        if not self.everything and filters.organisation not in (None, self.own):
            raise OtherOrganisation()

    def exact(self, view: str | None) -> bool:
        """Whether the viewer sees exact figures: the coordinator (internal dashboard, the funder's report)
        unless they ask to see the protected view; everyone else sees counts of persons protected."""
        if view == EXACT and not self.everything:
            raise NotExact()
        return self.everything and view != PROTECTED

    def rows_kept(self, breakdown: str) -> set[str] | None:
        """Rows of an organisation breakdown a manager may see (None: all)."""
        if self.everything or breakdown != "organisation":
            return None
        return {self.own or "", "total"}
