"""Special categories of personal data (GDPR Art 9; the Finnish Data Protection Act 1050/2018 §6): what in
intake is, or may reveal, health data, marked in this one place.

- Need categories that are health-related: `health`, and `study_difficulties` (it often reveals a learning
  disability). A member may switch them off (INTAKE_DISABLED_NEED_CATEGORIES): they are then neither offered
  nor accepted, so that health data is kept in the student-welfare register where it belongs.
- Free text that may contain health data: a need's description, a referral's note, a path step's note.
- The ESF "disadvantaged" flag (it bundles disability and migrant or minority background).

Only the client's own organisation's managers (and the client themself) see them; every read and change is
logged as a separate audit entry of category `special_category`; no event carries them except the
`disadvantaged` flag in the ESF statistics, which the funder's reporting needs.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.intake.domain import N_
from services.intake.domain.needs import CATEGORIES

HEALTH_RELATED_NEEDS = frozenset({"health", "study_difficulties"})
FREE_TEXT = {"needs": ("description",), "referrals": ("note",), "path_steps": ("note",)}
SENSITIVE_FIELDS = {"clients": ("disadvantaged",), **FREE_TEXT}
# Which events about a client may carry a sensitive field, and why: ESF+ reporting is a legal obligation; a
# referral's note is what the receiving organisation needs, addressed to its intake alone.
ALLOWED_IN_EVENTS = {"intake.statistics.recorded": ("disadvantaged",), "intake.referral_note.shared": ("note",)}

Errors = dict[str, list[str]]


def check_switched_off(disabled: Iterable[str]) -> frozenset[str]:
    """The need categories a member switches off; only health-related ones may be (ValueError names others)."""
    found = frozenset(c.strip() for c in disabled if c.strip())
    unknown = found - HEALTH_RELATED_NEEDS
    if unknown:
        raise ValueError(f"only health-related need categories ({', '.join(sorted(HEALTH_RELATED_NEEDS))}) can be "
                         f"switched off, not {', '.join(sorted(unknown))}")
    return found


def offered_categories(disabled: frozenset[str]) -> tuple[str, ...]:
    """The need categories offered and accepted in this member's intake."""
    return tuple(c for c in CATEGORIES if c not in disabled)


def check_category_allowed(category: str | None, disabled: frozenset[str]) -> Errors:
    """A need of a switched-off category is refused, naming the field."""
    if category in disabled:
        return {"category": [N_("Your organisation does not record this need category.")]}
    return {}


def special_needs(needs: Iterable[Mapping]) -> dict:
    """What of a list of needs is special-category: the health-related categories and free texts present."""
    needs = list(needs)
    categories = sorted({n["category"] for n in needs if n["category"] in HEALTH_RELATED_NEEDS})
    texts = sum(1 for n in needs if (n.get("description") or "").strip())
    return {"categories": categories, "free_texts": texts} if categories or texts else {}


def special_fields(client: Mapping) -> list[str]:
    """The client record's special-category fields that hold a value."""
    return [name for name in SENSITIVE_FIELDS["clients"] if client.get(name) is not None]


def may_see(*, own_organisation_manager: bool, the_client: bool) -> bool:
    """Special-category data: the client's own organisation's managers and the client themself, nobody else."""
    return own_organisation_manager or the_client
