"""Labels and forms of the personal path pages: goals, steps and their statuses."""
from __future__ import annotations

from functools import lru_cache

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, StringField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from shared.reference import education, esco
from shared.web.forms import PageForm, choices

GOAL_KIND_LABELS = {"education": _l("Education"), "work": _l("Work"), "other": _l("Other goal")}
GOAL_STATUS_LABELS = {"active": _l("Active"), "reached": _l("Reached"), "dropped": _l("Dropped")}
STEP_KIND_LABELS = {
    "visit_company": _l("Visit a company"),
    "join_environment": _l("Join a learning environment"),
    "apply_apprenticeship": _l("Apply for an apprenticeship"),
    "apply_education": _l("Apply for education"),
    "job_application": _l("Apply for a job"),
    "work_trial": _l("Work trial"),
    "course": _l("Course"),
    "guidance_meeting": _l("Guidance meeting"),
    "other": _l("Other step"),
}
OWNER_LABELS = {"client": _l("The client"), "manager": _l("Service manager"), "partner": _l("Partner"),
                "other": _l("Someone else")}
STEP_STATUS_LABELS = {"planned": _l("Planned"), "in_progress": _l("In progress"), "done": _l("Done"),
                      "cancelled": _l("Cancelled")}
STEP_FIELD_LABELS = {"goal_id": _l("Goal"), "kind": _l("Kind of step"), "title": _l("Step"), "owner": _l("Who"),
                     "due_date": _l("Due date"), "status": _l("Status"), "starts_at": _l("Starts"),
                     "ends_at": _l("Ends"), "place": _l("Place"), "video_link": _l("Video link"),
                     "participants": _l("Participants")}


def labels() -> dict:
    """Every label of the path pages, for templates."""
    return {"goal_kind": GOAL_KIND_LABELS, "goal_status": GOAL_STATUS_LABELS, "step_kind": STEP_KIND_LABELS,
            "owner": OWNER_LABELS, "step_status": STEP_STATUS_LABELS, "field": STEP_FIELD_LABELS}


def field_of_education_choices(lang: str) -> list:
    return choices([("", _l("No field of education"))] + [
        (f.code, ("" if f.level == 1 else "– ") + f"{f.code} {f.name(lang)}") for f in education.all()])


@lru_cache(maxsize=1)
def _occupation_texts() -> tuple[tuple[str, str], ...]:
    return tuple((o.uri, " ".join(o.labels.values()).casefold()) for o in esco.occupations())


def occupation_options(query: str, lang: str, limit: int = 12) -> list[tuple[str, str]]:
    """ESCO occupations whose label in any language contains every word of the query, labelled in lang."""
    words = [w for w in query.casefold().split() if w]
    if not words:
        return []
    found = [(uri, esco.occupation(uri).label(lang)) for uri, text in _occupation_texts()
             if all(w in text for w in words)]
    found.sort(key=lambda o: (not o[1].casefold().startswith(words[0]), len(o[1])))
    return found[:limit]


def occupation_label(uri: str | None, lang: str) -> str | None:
    """The label of an ESCO occupation, None if there is no such occupation."""
    try:
        return esco.occupation(uri).label(lang) if uri else None
    except KeyError:
        return None


class GoalForm(PageForm):
    kind = RadioField(_l("The goal is"), choices=choices(GOAL_KIND_LABELS), default="work",
                      validators=[InputRequired(_l("Choose what kind of goal this is."))])
    title = StringField(_l("Goal"), validators=[DataRequired(_l("Give the goal a name.")), Length(max=200)],
                        description=_l("For example: vocational qualification in welding, or a summer job."))
    field_of_education = SelectField(_l("Field of education"), validators=[Optional()],
                                     description=_l("For an education goal."))
    occupation_query = StringField(_l("Find an occupation"), validators=[Optional(), Length(max=100)],
                                   description=_l("For a work goal: type a word of the occupation, e.g. welder."))
    occupation_uri = StringField(_l("Occupation"), validators=[Optional(), Length(max=200)])
    due_date = DateField(_l("Due date"), validators=[Optional()])

    def target_code(self) -> str | None:
        if self.kind.data == "work":
            return self.occupation_uri.data or None
        if self.kind.data == "education":
            return self.field_of_education.data or None
        return None


class MeetingForm(PageForm):
    """When, where and with whom a step meets (times in Helsinki time); all blank: not a meeting."""
    meeting_date = DateField(_l("Day of the meeting"), validators=[Optional()])
    start_time = TimeField(_l("Starts at"), validators=[Optional()], description=_l("Finnish time, e.g. 14:00."))
    end_time = TimeField(_l("Ends at"), validators=[Optional()])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)],
                        description=_l("An address or a room; or give a video link."))
    video_link = StringField(_l("Video link"), validators=[Optional(), Length(max=500)],
                             description=_l("A web address starting with https://."))
    participants = StringField(_l("Participants"), validators=[Optional(), Length(max=500)],
                               description=_l("Who takes part besides the client, e.g. the workshop's foreman."))

    def meeting(self) -> tuple[dict, dict]:
        """The meeting's values for the command (times in UTC), and the problems of its day and times."""
        from services.intake.domain.meetings import from_local

        starts_at, ends_at, problems = from_local(self.meeting_date.data, self.start_time.data, self.end_time.data)
        return {"starts_at": starts_at, "ends_at": ends_at, "place": self.place.data or None,
                "video_link": self.video_link.data or None, "participants": self.participants.data or None}, problems


MEETING_ALIASES = {"starts_at": "start_time", "ends_at": "end_time"}


class StepForm(MeetingForm):
    id_prefix = "step-"  # beside the goal form on the path page: its title and due date have their own ids

    goal_id = SelectField(_l("Towards the goal"), validators=[Optional()])
    kind = SelectField(_l("Kind of step"), choices=choices(STEP_KIND_LABELS), default="visit_company",
                       validators=[InputRequired()])
    title = StringField(_l("Step"), validators=[DataRequired(_l("Describe the step.")), Length(max=200)],
                        description=_l("For example: visit Konepaja Virtanen's workshop."))
    owner = SelectField(_l("Who takes the step"), choices=choices(OWNER_LABELS), default="client",
                        validators=[InputRequired()])
    due_date = DateField(_l("Due date"), validators=[Optional()])


class StepStatusForm(PageForm):
    status = SelectField(_l("Status"), choices=choices(STEP_STATUS_LABELS), validators=[InputRequired()])
    due_date = DateField(_l("Due date"), validators=[Optional()])


class GoalStatusForm(PageForm):
    status = SelectField(_l("Status"), choices=choices(GOAL_STATUS_LABELS), validators=[InputRequired()])
