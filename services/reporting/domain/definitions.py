"""Every figure reporting publishes, defined once: what it is, from which events, by which date, what is
counted and how it is protected.

The definitions page of the app (web/definitions.py) and docs/indicators.md (`kampus reporting
definitions`, checked by tests/unit/reporting/test_reporting_definitions.py) are both written from this
registry, so they cannot drift; the same test checks that every table and headline card the dashboard shows
has an entry. The texts are English message ids, translated where people read them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from services.reporting.domain.tables import N_

# What a figure counts.
COUNTED = {
    "persons": N_("Persons: each person once, across the network (the same person in two organisations once)."),
    "events": N_("Events: each recorded occurrence once, not persons."),
    "person_events": N_("Events about persons (jobs, referrals, suggestions), each once; protected like counts "
                        "of persons, because each is about a person."),
    "environments": N_("Environments: each environment once, not persons."),
    "answers": N_("Answers: a student's survey answer or a partner's assessment, each once; their means on a "
                  "scale of 1–5."),
    "pairs": N_("Persons with a pair of answers (the first at the start, the latest at the end) on a scale."),
    "ratios": N_("Rates and ratios of suggestions, as the matching service reports them."),
}

# How a figure is protected where it is published.
PROTECTION = {
    "suppressed": N_("Counts of persons: the coordinator's dashboard and the funder's report show them exactly; "
                     "everything public and everything partners see shows 1–4 persons as <5 and hides, as x, "
                     "any figure from which a hidden one could be worked out (totals included)."),
    "means": N_("Shown as counts of persons are (<5, x); a mean only beside at least five answers, and rounded "
                "or hidden where it would give a hidden count away."),
    "none": N_("Not about persons: shown as they are."),
    "groups": N_("Computed by the matching service over groups of at least five suggestions; a smaller group "
                 "is not shown."),
}


@dataclass(frozen=True)
class Figure:
    """One published figure (a table, or a headline card that repeats a table's total)."""

    key: str  # the table's key (or the card's) on the dashboard, in the API and in open data
    title: str
    definition: str
    sources: tuple[str, ...]  # the event types its projection is built from
    date: str  # which date places it in the period
    counts: str  # a key of COUNTED
    protection: str  # a key of PROTECTION


_CLIENT = ("intake.client.registered", "intake.statistics.recorded", "intake.consent.given",
           "intake.consent.withdrawn", "intake.person_key.published", "intake.client.closed", "intake.client.erased")
_ENVIRONMENT = ("environments.environment.created", "environments.environment.opened",
                "environments.environment.started", "environments.environment.completed",
                "environments.environment.evaluated", "environments.environment.cancelled")
_PARTICIPANT = ("environments.participant.enrolled", "environments.participant.withdrew",
                "environments.participant.completed")
_OUTCOME = ("intake.outcome.recorded", "environments.outcome.recorded")


def _also(figure: Figure, key: str, title: str, definition: str) -> Figure:
    """Another table of the same events as `figure` (its breakdown, or a part of it): dated, counted and
    protected the same way."""
    return replace(figure, key=key, title=title, definition=definition)


_EXPERIENCE = Figure("experience", N_("Students' experience of the project, per survey item"),
                     N_("Per survey item: how many answered 1, 2, 3, 4 and 5, their number and their mean."),
                     ("environments.survey.answered",), N_("The day of the answer."), "answers", "means")
_FIT = Figure("fit", N_("Partners' assessment of how competence met their needs, per criterion"),
              N_("Per assessment criterion: how many partners' assessments gave 1, 2, 3, 4 and 5, their number "
                 "and their mean (assessments of one participant or of the whole team)."),
              ("environments.assessment.given",), N_("The day of the assessment."), "answers", "means")
_JOBS = Figure("jobs", N_("Jobs that started in the period, by form of work"),
               N_("Jobs recorded by intake or by an environment that started in the period, by form of work "
                  "(part-time, short, fixed-term, full-time, not told). The headline card shows their total."),
               _OUTCOME, N_("The day the job started."), "person_events", "suppressed")

FIGURES: tuple[Figure, ...] = (
    Figure("target", N_("Multidisciplinary environments against the target"),
           N_("Multidisciplinary project learning environments that have started (running, completed or "
              "evaluated) and were not cancelled, against the network's target (20). The environments page, "
              "the dashboard, the funder's report and the API count with this one rule."),
           _ENVIRONMENT, N_("The environment's own start date, by the end of the period."), "environments", "none"),
    Figure("environments", N_("Project learning environments active in the period, by status"),
           N_("Environments whose time (from creation to completion or cancellation) touches the period, by "
              "their current status, drafts and open ones included, and how many of them are multidisciplinary. "
              "The headline card counts only multidisciplinary environments that have started (see the target)."),
           _ENVIRONMENT, N_("The environment's own creation, completion and cancellation dates."), "environments",
           "none"),
    Figure("reach", N_("Clients served and participants of environments"),
           N_("Clients served: persons whose case was open on some day of the period. New clients: persons whose "
              "first intake was in the period. Participants: persons taking part in an environment in the "
              "period; completed: those who completed one in it."),
           _CLIENT + _PARTICIPANT, N_("The day of intake and the day the case was closed; the days of "
                                      "enrolment and of leaving an environment."), "persons", "suppressed"),
    Figure("funnel", N_("From intake to environments and work"),
           N_("Persons at each stage in the period: clients served, participants of an environment, and persons "
              "whose job started."),
           _CLIENT + _PARTICIPANT + _OUTCOME,
           N_("As in the tables it repeats; for work, the day the job started."), "persons", "suppressed"),
    Figure("referrals", N_("Referrals, shared clients found and overlaps removed"),
           N_("Referrals sent in the period and what became of them; persons found to be clients of two or more "
              "member organisations; overlapping services removed or dismissed."),
           ("intake.referral.sent", "intake.referral.updated", "intake.person_key.published",
            "intake.overlap.resolved"),
           N_("The day the referral was sent, the day the shared client was found, the day the overlap was "
              "resolved."), "person_events", "suppressed"),
    _EXPERIENCE,
    _also(_EXPERIENCE, "experience_by", N_("Students' experience of the project"),
          N_("Per row of the breakdown: students' survey answers, the number of answers to the items and the "
             "mean of every item. The headline card shows the whole network's mean.")),
    _FIT,
    _also(_FIT, "fit_by", N_("Partners' assessment of competence fit"),
          N_("Per row of the breakdown: assessments given, the scores in them and their mean. The headline "
             "card shows the whole network's mean.")),
    _JOBS,
    _also(_JOBS, "hidden_jobs", N_("Hidden jobs that started in the period"),
          N_("Of the jobs, those that were never advertised (found through the network's contacts).")),
    Figure("cooperation", N_("Cooperation opportunities by kind"),
           N_("Cooperation opportunities that arose in the period (theses, traineeships, new projects, orders), "
              "recorded for a participant, an environment or a partner; by kind. The headline card shows their "
              "total."),
           _OUTCOME, N_("The day the opportunity arose."),
           "events", "none"),
    Figure("metrics", N_("Personal metrics: change from start to end, per scale"),
           N_("Per scale: persons whose latest answer at the end was higher, the same or lower than their first "
              "answer at the start, and the means at the start, at the end and of the change."),
           ("intake.metric.answered",), N_("The day of the end answer."), "pairs", "means"),
    Figure("transition", N_("Time from first intake to education or work, by cohort"),
           N_("Kaplan–Meier estimate of the time from a person's first intake to education or work, by the year "
              "of first intake: the median and the shares within three months, six months and a year. A person "
              "still on their way is censored at their exit, or at the end of the period."),
           _CLIENT + _OUTCOME,
           N_("The day of first intake (the cohort), the day of the first education or work, the day of exit."),
           "persons", "suppressed"),
    Figure("esf_entry", N_("Participants at entry (ESF common indicators), by gender"),
           N_("The ESF+ common indicators of participants (EU 2021/1057, annex I) at their first intake: "
              "employment situation, age, education and disadvantage, each person once in the project."),
           _CLIENT, N_("The day of the person's first intake in the network."), "persons", "suppressed"),
    Figure("esf_exit", N_("Participants at exit (ESF common indicators), by gender"),
           N_("The ESF+ result indicators at a person's last exit: in education or training, gaining a "
              "qualification, in employment (within four weeks of leaving), each person once in the project."),
           _CLIENT + ("intake.outcome.recorded",), N_("The day the person's last case was closed (its closing "
                                                      "date as recorded, also when back-dated)."),
           "persons", "suppressed"),
    Figure("matching", N_("Matching: suggestions made and accepted"),
           N_("Suggestions of a client for a need made in the period, the persons suggested, and how many "
              "suggestions were accepted or declined; the acceptance rate and the fairness ratio between rows."),
           ("matching.suggestion.made", "matching.suggestion.accepted", "matching.suggestion.declined",
            "matching.suggestion.withdrawn"), N_("The day the suggestion was made."), "person_events", "suppressed"),
    Figure("recruitment", N_("Recruitment: introductions, interviews, work try-outs and hires"),
           N_("Per competence need and per learning environment a student was suggested for in the period: "
              "suggestions made, introductions a partner asked for, interviews, work try-outs and hires as the "
              "partner recorded them, and the median days from the suggestion to the hire (from five hires up). "
              "Hidden jobs' needs are one row together, never a row of their own."),
           ("matching.suggestion.made", "matching.introduction.requested", "matching.candidate.feedback_recorded"),
           N_("The day the suggestion was made."), "person_events", "suppressed"),
    Figure("fairness", N_("Fairness figures reported by the matching service"),
           N_("Per group (gender, service area…): suggestion and acceptance rates, and the lowest group's rate "
              "over the highest one's (the four-fifths rule warns under 0.8)."),
           ("matching.fairness.reported",), N_("The month of the newest report in the period."), "ratios",
           "groups"),
)

BY_KEY = {f.key: f for f in FIGURES}

# The headline cards and the charts of the dashboard, and the figure each repeats.
CARDS = {"target": "target", "jobs": "jobs", "cooperation": "cooperation", "experience": "experience_by",
         "fit": "fit_by"}
CHARTS = {"progress": "target", "funnel": "funnel", "transition": "transition", "metrics": "metrics"}



def _event_list(sources: tuple[str, ...]) -> str:
    return ", ".join(f"`{s}`" for s in sources)


def markdown(translate=lambda text: text) -> str:
    """docs/indicators.md: every figure with its definition, source events, date, what it counts and how it
    is protected (English unless `translate` says otherwise)."""
    t = translate
    lines = [
        "# Indicators: what every figure means",
        "",
        "<!-- Generated from services/reporting/domain/definitions.py by `kampus reporting definitions "
        "> docs/indicators.md`; do not edit by hand (tests/unit/reporting/test_reporting_definitions.py "
        "fails when this file and the registry differ). -->",
        "",
        "Every figure of the dashboard, the funder's report, the exports, the API and open data is listed "
        "here once. The same text is in the app (Reports → What the figures mean, `/reporting/indicators`), "
        "in Finnish, Swedish and English. Only clients whose statistics basis is in force are counted; an "
        "erased client drops out of every figure.",
        "",
        "| figure | key | counts | shown in |",
        "| --- | --- | --- | --- |",
    ]
    shown_in: dict[str, list[str]] = {}
    for card, key in CARDS.items():
        shown_in.setdefault(key, []).append(f"card `{card}`")
    for chart, key in CHARTS.items():
        shown_in.setdefault(key, []).append(f"chart `{chart}`")
    for f in FIGURES:
        places = ", ".join((["table"] if f.key != "target" else []) + shown_in.get(f.key, []))
        lines.append(f"| [{t(f.title)}](#{f.key}) | `{f.key}` | {f.counts} | {places} |")
    for f in FIGURES:
        lines += ["", f'<a id="{f.key}"></a>', f"## {t(f.title)}", "", t(f.definition), "",
                  f"- **Source events:** {_event_list(f.sources)}",
                  f"- **Date:** {t(f.date)}",
                  f"- **Counts:** {t(COUNTED[f.counts])}",
                  f"- **Protection:** {t(PROTECTION[f.protection])}"]
    return "\n".join(lines) + "\n"
