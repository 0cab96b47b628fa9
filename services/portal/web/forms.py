"""Forms of the portal."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, EqualTo, Length, Optional, Regexp

from shared.web.forms import PageForm, choices


class LoginForm(PageForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    next = HiddenField()


class PasswordForm(PageForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=10, max=200)])
    repeat = PasswordField(_l("Repeat the new password"),
                           validators=[DataRequired(), EqualTo("new", message=_l("The passwords differ"))])


class ConfirmForm(PageForm):
    """A form with only its CSRF token (logout)."""


class ActivationForm(PageForm):
    """An administrator's activation or deactivation of one user (the username travels in the body)."""

    username = HiddenField(validators=[DataRequired(), Length(max=80)])
    active = HiddenField(validators=[DataRequired(), AnyOf(["0", "1"])])


class CodeForm(PageForm):
    """A one-time code from the authenticator app, or a recovery code."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)])


class EnrolForm(CodeForm):
    """Setting up a one-time password: the secret shown beside the form, proven with a code from it."""

    secret = HiddenField(validators=[DataRequired(), Length(max=64)])


class UserForm(PageForm):
    """An administrator's action on one user (the username travels in the body)."""

    username = HiddenField(validators=[DataRequired(), Length(max=80)])


class EmailPreferenceForm(PageForm):
    """How one hears of new notifications by e-mail."""

    email = RadioField(_l("E-mail about new notifications"), choices=choices(
        [("immediately", _l("Immediately")), ("daily", _l("A daily digest")), ("off", _l("No e-mail"))]),
        validators=[DataRequired()])


class WelcomeForm(PageForm):
    """An invited student's one-time code and, once the code is known right, the password they choose."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    new = PasswordField(_l("New password"), validators=[Length(max=200)])
    repeat = PasswordField(_l("Repeat the new password"),
                           validators=[EqualTo("new", message=_l("The passwords differ"))])


class NewUserForm(PageForm):
    """An administrator's new user account; the identity store checks the username, role and organisation."""

    display_name = StringField(_l("Name"), validators=[DataRequired(_l("Give the person's name.")), Length(max=200)])
    username = StringField(_l("Username"), validators=[DataRequired(_l("Give a username.")), Length(max=80)])
    role = SelectField(_l("Role"), validate_choice=False, validators=[DataRequired(_l("Choose a role."))])
    organisation = SelectField(_l("Organisation"), validate_choice=False,
                               validators=[DataRequired(_l("Choose an organisation."))])
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=254), Regexp(
        r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Give an e-mail address such as name@example.fi."))])
