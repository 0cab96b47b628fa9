"""The municipalities' choices of the client forms are sorted by their names in the page's language once per language
and process (issue 18, the tenth round): the reference data does not change while a process runs."""
from __future__ import annotations

from types import SimpleNamespace

from services.intake.web import client_forms


def test_the_municipalities_are_sorted_by_name_once_per_language(monkeypatch):
    names = {"fi": {"020": "Akaa", "005": "Alajärvi", "049": "Espoo"},
             "sv": {"020": "Akaa", "005": "Alajärvi", "049": "Esbo"}}
    asked: list[str] = []
    listed = (SimpleNamespace(code="049", name=lambda lang: names[lang]["049"]),
              SimpleNamespace(code="020", name=lambda lang: names[lang]["020"]),
              SimpleNamespace(code="005", name=lambda lang: names[lang]["005"]))
    monkeypatch.setattr(client_forms.municipalities, "all", lambda: asked.append("all") or listed)
    client_forms.municipalities_by_name.cache_clear()
    try:
        first = client_forms.municipalities_by_name("fi")
        assert [(c.value, c.label) for c in first] == [("020", "Akaa"), ("005", "Alajärvi"), ("049", "Espoo")]
        assert client_forms.municipalities_by_name("fi") is first
        assert asked == ["all"]  # the second time nothing was read or sorted again
        assert [c.label for c in client_forms.municipalities_by_name("sv")] == ["Akaa", "Alajärvi", "Esbo"]
        assert asked == ["all", "all"]
    finally:
        client_forms.municipalities_by_name.cache_clear()


class Lazy:
    """A lazy text that counts how often it is looked up, in the language `locale` names."""

    def __init__(self, texts: dict[str, str], locale: list[str], looked: list[str]) -> None:
        self.texts, self.locale, self.looked = texts, locale, looked

    def __str__(self) -> str:
        self.looked.append(self.locale[0])
        return self.texts[self.locale[0]]


def test_a_coded_value_is_translated_once_per_language(monkeypatch):
    locale, looked = ["fi"], []
    monkeypatch.setattr(client_forms, "LABELS", {"status": {
        "active": Lazy({"fi": "Aktiivinen", "sv": "Aktiv"}, locale, looked)}})
    monkeypatch.setattr(client_forms, "get_locale", lambda: locale[0])
    monkeypatch.setattr(client_forms, "_LABEL_TEXTS", {})
    assert [client_forms.labels("status", "active") for _ in range(3)] == ["Aktiivinen"] * 3
    assert looked == ["fi"]
    locale[0] = "sv"
    assert [client_forms.labels("status", "active") for _ in range(2)] == ["Aktiv"] * 2
    assert looked == ["fi", "sv"]
    assert client_forms.labels("status", "unknown") == "unknown" and client_forms.labels("status", None) == ""
