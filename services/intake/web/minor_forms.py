"""Forms of the minors' pages: a guardian, a guardian's request and its decision, the young person's answers."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from shared.web.forms import PageForm, choices

RELATION_LABELS = {"parent": _l("Parent"), "guardian": _l("Other guardian"), "other": _l("Other legal representative")}
REQUEST_KIND_LABELS = {"access": _l("Access to the young person's data"),
                       "information": _l("Information about the service")}
REQUEST_STATUS_LABELS = {"open": _l("Waiting for a decision"), "granted": _l("Granted"), "refused": _l("Refused")}


class GuardianForm(PageForm):
    name = StringField(_l("Guardian's name"), validators=[DataRequired(), Length(max=200)])
    relation = RadioField(_l("Relation"), default="parent", choices=choices(RELATION_LABELS),
                          validators=[InputRequired()])
    email = StringField(_l("Email"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    informed_on = DateField(_l("Informed of the service on"), validators=[Optional()])

    def data_for_handler(self) -> dict:
        return {"name": self.name.data, "relation": self.relation.data, "email": self.email.data,
                "phone": self.phone.data, "informed_on": self.informed_on.data}


class GuardianRequestForm(PageForm):
    guardian_id = SelectField(_l("Guardian"), validators=[DataRequired()])
    kind = RadioField(_l("The guardian asks for"), default="access", choices=choices(REQUEST_KIND_LABELS),
                      validators=[InputRequired()])
    received_on = DateField(_l("Received on"), validators=[InputRequired()])


class AnswerForm(PageForm):
    """A yes/no answer posted by a button: accept or decline, grant or refuse, object or not."""

    answer = HiddenField(validators=[DataRequired()])

    def yes(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.answer.data)
