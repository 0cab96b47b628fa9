"""Row and column names in the reader's language."""
from __future__ import annotations

from pathlib import Path

import pytest

from services.reporting.domain.tables import Header
from services.reporting.web.labels import Labeller


@pytest.mark.parametrize("lang, name", [
    ("fi", "Uskon löytäväni paikkani työelämässä tai koulutuksessa"),
    ("sv", "Jag tror att jag hittar min plats i arbetslivet eller i utbildning"),
    ("en", "I believe I will find my place in work or education"),
])
def test_the_networks_personal_metric_scales_are_named_in_the_readers_language(lang, name):
    assert Labeller(lang).header(Header("find_my_place", "scale")) == name


def test_an_organisations_own_scale_keeps_a_readable_key():
    assert Labeller("fi").header(Header("punctuality", "scale")) == "Punctuality"


@pytest.mark.parametrize("dimension, keys", [
    ("survey_item", ("working_life_orientation", "learning", "competence_shown", "teamwork", "guidance")),
    ("criterion", ("competence_matched_needs", "working_life_skills", "initiative", "teamwork", "would_recruit")),
])
def test_every_survey_item_and_criterion_is_named_in_fi_sv_and_en(dimension, keys):
    """The keys environments publishes (services/environments/domain/evaluation.py), never shown as keys."""
    from flask import Flask
    from flask_babel import Babel, force_locale

    from services.environments.domain import evaluation

    published = {"survey_item": evaluation.SURVEY_KEYS, "criterion": evaluation.CRITERIA_KEYS}[dimension]
    assert set(published) == set(keys)
    app = Flask(__name__)
    Babel(app, default_translation_directories=str(Path(__file__).resolve().parents[3] / "services" / "reporting"
                                                   / "translations"))
    with app.app_context(), app.test_request_context():
        names = {}
        for lang in ("fi", "sv", "en"):
            with force_locale(lang):
                names[lang] = [Labeller(lang).header(Header(k, dimension)) for k in keys]
    for lang, labels in names.items():
        if lang == "en":
            continue  # "Teamwork" is its key's English name
        assert all(label != k.replace("_", " ").capitalize() for label, k in zip(labels, keys)), (lang, labels)
    assert names["fi"] != names["en"] and names["sv"] != names["en"] and names["fi"] != names["sv"]
    assert names["fi"][2] == {"survey_item": "Sain näyttää osaamiseni kumppanille",
                              "criterion": "Oma-aloitteisuus ja ongelmanratkaisu"}[dimension]


@pytest.mark.parametrize("lang, worse, completed, cancelled", [
    ("fi", "Heikkeni", "Toteutunut", "Peruttu"), ("sv", "Försämrades", "Slutförda", "Återkallade"),
    ("en", "Got worse", "Completed", "Cancelled")])
def test_a_word_with_two_meanings_is_translated_by_its_context(lang, worse, completed, cancelled):
    """A metric that "declined" got worse (not "rejected"); a referral's completed and cancelled are its own."""
    from flask import Flask
    from flask_babel import Babel, force_locale

    root = Path(__file__).resolve().parents[3]
    app = Flask(__name__)
    Babel(app, default_translation_directories=";".join(
        str(root / p) for p in ("shared/translations", "services/reporting/translations")))
    with app.test_request_context(), force_locale(lang):
        labeller = Labeller(lang)
        assert labeller.header(Header("declined", "direction")) == worse
        assert labeller.header(Header("referrals_completed", "column")) == completed
        assert labeller.header(Header("referrals_cancelled", "column")) == cancelled
        assert labeller.header(Header("referrals_declined", "column")) != worse
