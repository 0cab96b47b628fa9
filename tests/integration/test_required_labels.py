"""No label of the main create forms calls a required field optional, in Finnish, Swedish or English.

"Required" is what the command refuses without: the API schema's required fields that the page's form has.
The forms still call their truly optional fields optional (else this test would pass by marking nothing).
"""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from werkzeug.test import Client

from services.environments.api.schemas import EnvironmentCreate
from services.intake.api.client_schemas import ClientFields
from services.intake.api.competence_needs import CompetenceNeedIn
from services.intake.api.partners import PartnerIn
from tests.support import network as net
from tests.support.intake_partners import record_partner

pytestmark = pytest.mark.integration

network = net.module_network("required-labels")
OPTIONAL = {"fi": "(ei pakollinen)", "sv": "(valfritt)", "en": "(optional)"}


class Labels(HTMLParser):
    """Each form control's name → the text of its label (or of its fieldset's legend)."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, str] = {}
        self.names_by_id: dict[str, str] = {}
        self.legends: list[list] = []  # [legend text, first control name]
        self._label_for: str | None = None
        self._in_legend = False
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label" and a.get("for"):
            self._label_for, self._text = a["for"], []
        elif tag == "legend":
            self._in_legend, self._text = True, []
        elif tag in ("input", "select", "textarea") and a.get("name"):
            if a.get("id"):
                self.names_by_id[a["id"]] = a["name"]
            if self.legends and self.legends[-1][1] is None:
                self.legends[-1][1] = a["name"]

    def handle_endtag(self, tag):
        if tag == "label" and self._label_for:
            self.by_id[self._label_for] = " ".join("".join(self._text).split())
            self._label_for = None
        elif tag == "legend" and self._in_legend:
            self.legends.append([" ".join("".join(self._text).split()), None])
            self._in_legend = False

    def handle_data(self, data):
        if self._label_for or self._in_legend:
            self._text.append(data)

    def by_name(self) -> dict[str, str]:
        found = {self.names_by_id[i]: text for i, text in self.by_id.items() if i in self.names_by_id}
        found.update({name: text for text, name in self.legends if name and name not in found})
        return found


def labels_of(network, username: str, path: str, lang: str) -> dict[str, str]:
    browser = Client(network.wsgi)
    browser.set_cookie("kampus_token", net.token_for(network, username), domain="localhost")
    response = browser.get(path, headers={"Accept": "text/html", "Accept-Language": lang})
    assert response.status_code == 200, (path, response.status_code)
    parser = Labels()
    parser.feed(response.get_data(as_text=True))
    return parser.by_name()


@pytest.fixture(scope="module")
def partner_id(network):
    return record_partner(network, net.client_as(network, "manager1"), name="Lomakekumppani Oy", kind="company")["id"]


FORMS = {
    "client registration": ("/intake/clients/new", ClientFields, "email"),
    "partner": ("/intake/partners/new", PartnerIn, "business_id"),
    "competence need": ("/intake/partners/{partner}/needs/new", CompetenceNeedIn, "hours_per_week"),
    "environment": ("/environments/environments/new", EnvironmentCreate, "learning_goals"),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("form", FORMS)
def test_no_label_calls_a_required_field_optional(network, partner_id, form, lang):
    path, schema, optional_field = FORMS[form]
    labels = labels_of(network, "manager1", path.format(partner=partner_id), lang)
    required = [name for name, field in schema().fields.items() if field.required and name in labels]
    assert required, f"the {form} form shows none of the command's required fields: {sorted(labels)}"
    wrong = {name: labels[name] for name in required if OPTIONAL[lang] in labels[name]}
    assert not wrong, f"{form} ({lang}): required fields labelled optional: {wrong}"
    assert OPTIONAL[lang] in labels[optional_field], f"{form}: an optional field still says so"
