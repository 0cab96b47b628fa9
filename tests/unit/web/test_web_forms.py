"""The form macros tie labels, hints and errors to their fields (WCAG 2.1 AA: 1.3.1, 3.3.1, 3.3.2)."""
from __future__ import annotations

from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectChoice, StringField
from wtforms.validators import DataRequired, Length, Regexp

TEMPLATE = """{% from "macros/forms.html" import field, error_summary, csrf_field %}
{{ error_summary(form) }}
<form method="post" novalidate>{{ csrf_field() }}
{% for f in form %}{{ field(f) }}{% endfor %}
</form>"""


class ClientForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired()], description="First and last name")
    email = StringField("Email", validators=[Regexp(r"^[^@\s]+@[^@\s]+$")])
    municipality = RadioField("Municipality", validators=[DataRequired()],
                              choices=[SelectChoice("079", "Harjavalta"), SelectChoice("271", "Kokemäki")])
    consent = BooleanField("Consent given", validators=[DataRequired()])
    nickname = StringField("Nickname", validators=[Length(max=3)])
    token = HiddenField(validators=[DataRequired()])


def render(request_as, html, data: dict | None):
    with request_as(path="/", method="POST", data=data or {}):
        form = ClientForm(meta={"csrf": False})
        if data is not None:
            form.validate()
        return html(render_template_string(TEMPLATE, form=form))


def ids(page) -> set[str]:
    return {el.attrs["id"] for el in page.iter() if el.attrs.get("id")}


def test_every_control_has_a_label(request_as, html):
    page = render(request_as, html, None)
    labelled = {label.attrs["for"] for label in page.find_all("label")}
    for control in page.find_all("input"):
        if control.attrs.get("type") != "hidden":
            assert control.attrs["id"] in labelled, control.attrs


def test_a_hint_is_tied_to_its_field(request_as, html):
    page = render(request_as, html, None)
    control = page.find("input", id="name")
    assert control.attrs["aria-describedby"] == "name-hint"
    assert page.find(id="name-hint").text == "First and last name"
    assert "aria-invalid" not in control.attrs


def test_errors_are_tied_to_fields_and_every_referenced_id_exists(request_as, html):
    page = render(request_as, html, {"email": "not-an-address", "nickname": "toolong"})
    known = ids(page)
    for element in page.iter():
        for referenced in (element.attrs.get("aria-describedby") or "").split():
            assert referenced in known, f"{element.tag} refers to a missing id {referenced}"
    name = page.find("input", id="name")
    assert name.attrs["aria-invalid"] == "true"
    assert name.attrs["aria-describedby"].split() == ["name-hint", "name-error"]
    assert "Virhe:" in page.find(id="name-error").text
    for field_id in ("email", "nickname", "consent"):
        assert page.find("input", id=field_id).attrs["aria-describedby"] == f"{field_id}-error"
    fieldset = page.find("fieldset")
    assert fieldset.attrs["aria-describedby"] == "municipality-error"
    assert fieldset.find("legend").text.startswith("Municipality")
    assert all(r.attrs["aria-invalid"] == "true" for r in fieldset.find_all("input", type="radio"))


def test_the_error_summary_links_to_each_field_with_a_problem(request_as, html):
    page = render(request_as, html, {"email": "x"})
    summary = page.find(data_error_summary=True)
    assert summary.attrs["tabindex"] == "-1"
    assert page.find(id=summary.attrs["aria-labelledby"]).text == "Lomakkeessa on virheitä"
    targets = [a.attrs["href"] for a in summary.find_all("a")]
    assert targets == ["#name", "#email", "#municipality-0", "#consent"]
    assert all(t[1:] in ids(page) for t in targets)
    hidden_problem = [li.text for li in summary.find_all("li") if not li.find_all("a")]
    assert len(hidden_problem) == 1, "a hidden field's error is listed without a link"


def test_no_summary_without_errors(request_as, html):
    page = render(request_as, html, None)
    assert page.find_all(data_error_summary=True) == []


def test_optional_fields_say_so(request_as, html):
    page = render(request_as, html, None)
    assert "(ei pakollinen)" in page.find("label", for_="email").text
    assert "ei pakollinen" not in page.find("label", for_="name").text


def test_extra_keywords_become_attributes(request_as, html):
    with request_as():
        form = ClientForm(meta={"csrf": False})
        page = html(render_template_string(
            '{% from "macros/forms.html" import field %}{{ field(form.name, hint="Koko nimi", autocomplete="name") }}',
            form=form))
    control = page.find("input", id="name")
    assert control.attrs["autocomplete"] == "name"
    assert page.find(id="name-hint").text == "Koko nimi"
