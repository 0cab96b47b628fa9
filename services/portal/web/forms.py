"""Forms of the portal."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, RadioField, StringField
from wtforms.validators import AnyOf, DataRequired, EqualTo, Length

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
