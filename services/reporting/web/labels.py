"""Names of rows, columns and tables in the reader's language (pages, exports and the PDF)."""
from __future__ import annotations

from flask_babel import gettext, lazy_pgettext
from flask_babel import lazy_gettext as _l

from services.reporting.domain.tables import MARKS, Header, Table
from shared.reference import education, municipalities
from shared.reference.metric_scales import DEFAULT_SCALES
from shared.web.ui import organisation_name

LANGS = ("fi", "sv", "en")

COLUMNS = {
    "total": _l("Total"), "multidisciplinary": _l("Of them multidisciplinary"),
    "clients_served": _l("Clients served"), "new_clients": _l("New clients"), "participants": _l("Participants"),
    "completed": lazy_pgettext("participants", "Completed"), "referrals_sent": _l("Referrals sent"),
    "referrals_accepted": _l("Accepted"),
    "referrals_declined": _l("Declined"), "referrals_completed": lazy_pgettext("referral", "Completed"),
    "referrals_cancelled": lazy_pgettext("referral", "Cancelled"), "shared_found": _l("Shared clients found"),
    "overlaps_removed": _l("Overlaps removed"), "overlaps_dismissed": _l("Overlaps dismissed"),
    "n": _l("n"), "mean": _l("Mean"), "respondents": _l("Respondents"), "answers": _l("Answers"),
    "hidden_jobs": _l("Hidden jobs"), "mean_start": _l("Mean at start"), "mean_end": _l("Mean at end"),
    "mean_change": _l("Mean change"), "transitioned": _l("In education or work"),
    "on_their_way": _l("Still on their way"), "median_days": _l("Median (days)"),
    "suggestions_made": _l("Suggestions made"), "persons_suggested": _l("Persons suggested"),
    "accepted": _l("Accepted"), "declined": _l("Declined"), "acceptance_rate": _l("Acceptance rate"),
    "fairness_ratio": _l("Fairness ratio"), "population": _l("Population"), "suggested": _l("Suggested"),
    "suggestion_rate": _l("Suggestion rate"), "persons": _l("Persons"),
    "introductions": _l("Introductions"), "interviews": _l("Interviews"), "trials": _l("Work try-outs"),
    "hires": _l("Hires"),
}
DIMENSIONS = {
    "organisation": _l("Organisation"), "area": _l("Service area"), "field": _l("Field of education"),
    "gender": _l("Gender"), "environment": _l("Environment"), "cohort": _l("Cohort"), "scale": _l("Scale"),
    "survey_item": _l("Survey item"), "criterion": _l("Criterion"), "esf": _l("Indicator"), "stage": _l("Stage"),
    "fairness_group": _l("Group"), "target": _l("Need or environment"),
}
VALUES = {
    "status": {"draft": _l("Draft"), "open": _l("Open"), "running": _l("Running"),
               "completed": lazy_pgettext("environment", "Completed"),
               "evaluated": _l("Evaluated"), "cancelled": _l("Cancelled")},
    "work_form": {"part_time": _l("Part-time"), "short": _l("Short"), "fixed_term": _l("Fixed-term"),
                  "full_time": _l("Full-time"), "unspecified": _l("Form not told")},
    # "Declined" of a metric got worse; of a referral or a suggestion it was refused (fi Heikkeni / Hylätty).
    "direction": {"improved": _l("Improved"), "unchanged": _l("Unchanged"),
                  "declined": lazy_pgettext("metric change", "Declined")},
    "stage": {"clients_served": _l("Clients served"), "participants": _l("In an environment"),
              "in_work": _l("Started work")},
    "gender": {"woman": _l("Women"), "man": _l("Men"), "other": _l("Other"), "undisclosed": _l("Not told")},
    "esf": {"participants": _l("Participants"), "leavers": _l("Leavers"), "unemployed": _l("Unemployed"),
            "long_term_unemployed": _l("Long-term unemployed"), "inactive": _l("Inactive"),
            "inactive_not_in_education": _l("Inactive, not in education or training"),
            "employed": _l("Employed, including self-employed"), "under_25": _l("Under 25 years"),
            "over_54": _l("Over 54 years"), "isced_1_2": _l("Primary or lower secondary education (ISCED 1–2)"),
            "isced_3_4": _l("Upper secondary or post-secondary education (ISCED 3–4)"),
            "isced_5_8": _l("Tertiary education (ISCED 5–8)"), "disadvantaged": _l("Disadvantaged"),
            "in_education": _l("In education or training upon leaving"),
            "qualification": _l("Gaining a qualification upon leaving"),
            "in_employment": _l("In employment, including self-employed, upon leaving")},
    "within_days": {"within_90": _l("Within 3 months"), "within_180": _l("Within 6 months"),
                    "within_365": _l("Within a year")},
    "pairs": {"total": _l("Pairs")},
    "persons": {"total": _l("Persons")},
    "cohort": {"total": _l("All cohorts")},
    "cooperation_kind": {"thesis": _l("Thesis"), "traineeship": _l("Traineeship"), "project": _l("New project"),
                         "order": _l("Order")},
    "fairness_ratio": {"total": _l("Lowest over highest")},
    "hidden": {"hidden_jobs": _l("Hidden jobs (together)")},
    # The students' survey items and the partners' assessment criteria (the keys environments publishes;
    # its forms ask them in full sentences, a table names them briefly).
    "survey_item": {"working_life_orientation": _l("A real picture of working life"),
                    "learning": _l("Learned what working life needs"),
                    "competence_shown": _l("Could show my competence to the partner"),
                    "teamwork": _l("The multidisciplinary team worked well"),
                    "guidance": _l("Enough guidance")},
    "criterion": {"competence_matched_needs": _l("Competence met our needs"),
                  "working_life_skills": _l("Working-life skills"),
                  "initiative": _l("Initiative and problem solving"), "teamwork": _l("Teamwork"),
                  "would_recruit": _l("Would recruit or work with them again"),
                  "overall": _l("Overall assessment")},
}
SCALE_NAMES = dict(DEFAULT_SCALES)  # the network's personal-metric scales, named in fi, sv and en
UNKNOWN = _l("Not known")
TOTAL_ROW = _l("Total")
BREAKDOWN_CHOICES = [("organisation", DIMENSIONS["organisation"]), ("area", DIMENSIONS["area"]),
                     ("field", DIMENSIONS["field"]), ("gender", DIMENSIONS["gender"]),
                     ("environment", DIMENSIONS["environment"])]


def humanise(key: str) -> str:
    return key.replace("_", " ").capitalize()


def area_name(slug: str, lang: str) -> str:
    areas = municipalities.service_areas()
    return areas[slug].names[lang] if slug in areas else slug


def field_name(code: str, lang: str) -> str:
    return f"{code} {education.name(code, lang)}" if education.is_valid(code) else code


SLICES = ("organisation", "area", "field", "gender")


def slices_text(filters: dict[str, str | None], lang: str) -> str:
    """The slices a report is limited to, named in the reader's language ("" for the whole network): its files
    and the list of reports sent say what they cover, not only the period."""
    namers = {"organisation": organisation_name, "area": lambda v: area_name(v, lang),
              "field": lambda v: field_name(v, lang), "gender": lambda v: str(VALUES["gender"].get(v, v))}
    return " · ".join(f"{DIMENSIONS[k]}: {namers[k](filters[k])}" for k in SLICES if filters.get(k))


class Labeller:
    """Names the rows and columns of tables for one reader (language, environment names)."""

    def __init__(self, lang: str, environment_names: dict[str, str] | None = None) -> None:
        self.lang = lang if lang in LANGS else "fi"
        self.environment_names = environment_names or {}

    def header(self, header: Header) -> str:
        key, dimension = header.key, header.dimension
        if key == "unknown":
            return str(UNKNOWN)
        if dimension in VALUES and key in VALUES[dimension]:
            return str(VALUES[dimension][key])
        if dimension == "total" or (key == "total" and dimension not in ("column",)):
            return str(TOTAL_ROW)
        if dimension == "area":
            return area_name(key, self.lang)
        if dimension == "field":
            return field_name(key, self.lang)
        if dimension in ("environment", "need"):  # names of environments, and of needs (the recruitment table)
            return self.environment_names.get(key, key)
        if dimension == "scale" and key in SCALE_NAMES:
            return SCALE_NAMES[key][self.lang]
        if dimension == "fairness_group":
            kind, _, group = key.partition(":")
            return area_name(group, self.lang) if kind == "service_area" else group
        if dimension in ("column", "pairs", "persons") and key in COLUMNS:
            return str(COLUMNS[key])
        if dimension == "organisation":
            return organisation_name(key)
        if dimension in ("cohort", "scale_value"):
            return key
        return humanise(key)

    def corner(self, table: Table) -> str:
        """The name of the row dimension (the table's top-left cell)."""
        return str(DIMENSIONS.get(table.row_dimension, ""))

    def title(self, table: Table) -> str:
        return gettext(table.title)

    def legend(self) -> list[tuple[str, str]]:
        """The marks that stand for hidden or missing figures, each with what it means."""
        return [(mark, gettext(meaning)) for mark, meaning in MARKS]

    def legend_line(self) -> str:
        """The legend as one line: "Marks: <5 fewer than five persons (1–4); x hidden …"."""
        return gettext("Marks: %(marks)s.", marks="; ".join(f"{mark} {meaning}" for mark, meaning in self.legend()))

    def note(self, table: Table) -> str | None:
        if not table.note:
            return None
        return gettext(table.note, **table.note_values) if table.note_values else gettext(table.note)
