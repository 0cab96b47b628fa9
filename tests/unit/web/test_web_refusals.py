"""A refused form comes back with the reasons on it (shared.web.forms.refusals_on) and a 422 (form_status)."""
from __future__ import annotations

import pytest
from flask_wtf import FlaskForm
from marshmallow import ValidationError
from wtforms import StringField

from shared.errors import DomainError, Invalid, NotFound
from shared.web.forms import form_status, refusals_on


class NameForm(FlaskForm):
    name = StringField("Name")


def refused(request_as, exc: Exception, **options) -> tuple[NameForm, list[str]]:
    """The form after a block that raised `exc`, and what of the block ran."""
    ran = []
    with request_as(path="/", method="POST", data={}):
        form = NameForm(meta={"csrf": False})
        with refusals_on(form, **options):
            ran.append("before")
            raise exc
        ran.append("after")  # the page goes on to render the form again
    return form, ran


def test_refused_input_goes_beside_its_field_and_the_view_goes_on(request_as):
    form, ran = refused(request_as, ValidationError({"name": ["Too long."], "other": ["Not known."]}))
    assert ran == ["before", "after"]
    assert form.name.errors == ["Too long."]
    assert form.form_errors == ["Not known."]


def test_a_command_refused_by_field_or_as_a_whole(request_as):
    by_field, _ = refused(request_as, Invalid({"name": ["Required."]}))
    assert by_field.name.errors == ["Required."]
    whole, _ = refused(request_as, NotFound("No such client."))
    assert whole.form_errors == ["No such client."]


def test_a_service_shows_refusals_its_own_way(request_as):
    shown = []
    refused(request_as, DomainError("Closed."), show=lambda form, exc, **options: shown.append((exc.message, options)),
            scale="answers")
    assert shown == [("Closed.", {"scale": "answers"})]


def test_other_errors_are_not_refusals(request_as):
    with pytest.raises(KeyError):
        refused(request_as, KeyError("bug"))


@pytest.mark.parametrize(("method", "status"), [("GET", 200), ("POST", 422)])
def test_a_form_shown_again_after_a_post_is_422(request_as, method, status):
    with request_as(path="/", method=method):
        assert form_status() == status
