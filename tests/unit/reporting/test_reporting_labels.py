"""Row and column names in the reader's language."""
from __future__ import annotations

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
