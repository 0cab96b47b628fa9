"""The log review a controller runs (`kampus audit review`): who did what with its data, and what stands out.

Counts by actor, action, purpose and category over a period; actors who handled unusually many clients;
reads of a controller's clients by users of another organisation. Computed from the entries alone (codes),
then written as text in fi, sv or en, or as CSV.
"""
from __future__ import annotations

import csv
import io
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from shared.audit.codes import label
from shared.errors import N_
from shared.spreadsheets import safe_row

UNUSUAL_CLIENTS = 100  # an actor who handled more clients than this in the period stands out
UNUSUAL_FACTOR = 3  # ... or more than three times the median actor (when there are at least three actors)


@dataclass
class Review:
    """The figures of one organisation's log over one period."""

    organisation: str
    entries: int = 0
    by_actor: Counter = field(default_factory=Counter)  # (actor, organisation, role) -> entries
    clients_by_actor: dict = field(default_factory=lambda: defaultdict(set))  # actor key -> client ids handled
    by_action: Counter = field(default_factory=Counter)
    by_purpose: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    outside_reads: Counter = field(default_factory=Counter)  # actor key -> reads of this organisation's clients

    @property
    def clients_handled(self) -> dict:
        return {actor: len(ids) for actor, ids in self.clients_by_actor.items()}

    def unusual(self, limit: int = UNUSUAL_CLIENTS, factor: int = UNUSUAL_FACTOR) -> list[tuple[tuple, int]]:
        """Actors who handled more clients than `limit`, or than `factor` times the median actor."""
        handled = self.clients_handled
        median = statistics.median(handled.values()) if len(handled) >= 3 else None
        return sorted(((actor, n) for actor, n in handled.items()
                       if n > limit or (median and n > factor * median)), key=lambda item: -item[1])


def concerns(entry: Mapping, organisation: str) -> bool:
    """An entry about the organisation's data, or by one of its users."""
    return organisation in (entry.get("organisation"), entry.get("actor_organisation"))


def review(entries: Iterable[Mapping], organisation: str) -> Review:
    """Count the entries that concern `organisation` (the caller picks the period)."""
    result = Review(organisation)
    for entry in entries:
        if not concerns(entry, organisation):
            continue
        actor = (entry.get("actor") or "-", entry.get("actor_organisation") or "-", entry.get("actor_role") or "-")
        result.entries += 1
        result.by_actor[actor] += 1
        result.clients_by_actor[actor].update(entry.get("subject_ids") or ())
        result.by_action[entry["action"]] += 1
        result.by_purpose[entry["purpose"]] += 1
        result.by_category[entry["category"]] += 1
        if entry["action"] == "read" and entry.get("actor_organisation") and entry.get("organisation") == organisation \
                and entry["actor_organisation"] != organisation:
            result.outside_reads[actor] += 1
    return result


TITLE = N_("Log review of %(organisation)s, %(start)s – %(end)s")
HEADINGS = {"entries": N_("Entries"), "actor": N_("By actor (entries, clients handled)"),
            "action": N_("By action"), "purpose": N_("By purpose"), "category": N_("By category"),
            "unusual": N_("Unusual volumes (clients handled)"),
            "outside": N_("Reads by users of another organisation"), "none": N_("None.")}


def as_text(result: Review, gettext: Callable[[str], str], start: str, end: str,
            name_of: Callable[[str], str] = str) -> str:
    """The review as plain text in the language of `gettext`."""
    def who(actor: tuple) -> str:
        return f"{name_of(actor[0]) if actor[0] != '-' else '-'} ({actor[1]}, {actor[2]})"

    handled = result.clients_handled
    lines = [gettext(TITLE) % {"organisation": result.organisation, "start": start, "end": end}, "",
             f"{gettext(HEADINGS['entries'])}: {result.entries}", "", gettext(HEADINGS["actor"])]
    lines += [f"  {who(a)}: {n}, {handled.get(a, 0)}" for a, n in result.by_actor.most_common()]
    for kind, counter in (("action", result.by_action), ("purpose", result.by_purpose),
                          ("category", result.by_category)):
        lines += ["", gettext(HEADINGS[kind])]
        lines += [f"  {gettext(label(kind, code))}: {n}" for code, n in counter.most_common()]
    for key, rows in (("unusual", result.unusual()), ("outside", result.outside_reads.most_common())):
        lines += ["", gettext(HEADINGS[key])]
        lines += [f"  {who(a)}: {n}" for a, n in rows] or [f"  {gettext(HEADINGS['none'])}"]
    return "\n".join(lines) + "\n"


def as_csv(result: Review, gettext: Callable[[str], str]) -> str:
    """The review as CSV: section, code (or actor id), organisation, role, name in the language, count."""
    rows: list[list] = [["section", "code", "organisation", "role", "name", "count"],
                        ["entries", "", result.organisation, "", "", result.entries]]
    rows += [["actor", *actor, "", n] for actor, n in result.by_actor.most_common()]
    rows += [["clients_handled", *actor, "", n] for actor, n in result.clients_handled.items()]
    for kind, counter in (("action", result.by_action), ("purpose", result.by_purpose),
                          ("category", result.by_category)):
        rows += [[kind, code, "", "", gettext(label(kind, code)), n] for code, n in counter.most_common()]
    rows += [["unusual", *actor, "", n] for actor, n in result.unusual()]
    rows += [["outside_read", *actor, "", n] for actor, n in result.outside_reads.most_common()]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(safe_row(row) for row in rows)
    return out.getvalue()
