"""The cached select renders exactly what WTForms' Select renders, whatever is chosen (shared.web.forms)."""
from __future__ import annotations

from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectField
from wtforms.validators import DataRequired
from wtforms.widgets import Select

from shared.web.forms import CachedSelect, choices

CHOICES = choices([("", "Kaikki kunnat"), ("609", "Pori"), ("684", "Rauma"), ("214", "Kankaanpää & <Honkajoki>")])


class Plain(Form):
    municipality = SelectField("Kotikunta", choices=CHOICES, validators=[DataRequired()], widget=Select())


class Cached(Form):
    municipality = SelectField("Kotikunta", choices=CHOICES, validators=[DataRequired()], widget=CachedSelect())


def test_the_same_html_as_select_for_every_choice_and_again_from_the_cache():
    for _round in range(2):  # the second round comes from the cache
        for chosen in ("", "609", "684", "214", "999"):
            data = MultiDict({"municipality": chosen})
            plain, cached = Plain(data).municipality, Cached(data).municipality
            assert cached() == plain() and isinstance(cached(), Markup)
            assert cached(class_="field__control", **{"aria-invalid": "true"}) == plain(
                class_="field__control", **{"aria-invalid": "true"})
    assert 'selected value="609"' in Cached(MultiDict({"municipality": "609"})).municipality()
    assert "Kankaanpää &amp; &lt;Honkajoki&gt;" in Cached().municipality()


def test_other_labels_are_other_html():
    class Swedish(Form):
        municipality = SelectField("Hemkommun", choices=choices([("609", "Björneborg")]), widget=CachedSelect())

    assert "Björneborg" in Swedish().municipality() and "Pori" not in Swedish().municipality()
    assert "Pori" in Cached().municipality()
