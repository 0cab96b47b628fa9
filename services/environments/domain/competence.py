"""Competence evidence: the skills a participant demonstrated, as the partners confirmed them."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.environments.domain import N_


def confirmation_problems(confirmed: Iterable[Mapping], wanted: Iterable[str]) -> dict:
    """A partner confirms only skills the participant's role asked for, each once, on levels 1–5."""
    wanted, seen, problems = set(wanted), set(), {}
    for i, skill in enumerate(confirmed):
        uri = skill.get("uri")
        if uri not in wanted:
            problems[str(i)] = {"uri": [N_("Confirm only skills that the participant's role asks for.")]}
        elif uri in seen:
            problems[str(i)] = {"uri": [N_("The same skill is listed twice.")]}
        seen.add(uri)
    return {"skills": problems} if problems else {}


def demonstrated(wanted: Iterable[str], confirmations: Iterable[Iterable[Mapping]]) -> list[dict]:
    """The role's wanted skills that some partner confirmed, each at the highest confirmed level."""
    wanted = list(wanted)
    best: dict[str, int] = {}
    for skills in confirmations:
        for skill in skills:
            if skill["uri"] in wanted:
                best[skill["uri"]] = max(best.get(skill["uri"], 0), int(skill["level"]))
    return [{"uri": uri, "level": best[uri]} for uri in wanted if uri in best]
