"""Forms of the portal."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import AnyOf, DataRequired, EqualTo, Length

from shared.web.forms import PageForm


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
