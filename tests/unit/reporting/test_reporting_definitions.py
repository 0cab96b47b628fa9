"""docs/indicators.md is written from the registry of figures (issue 15, item 12) and is up to date with it."""
from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from services.reporting.domain import definitions
from services.reporting.web import panels
from shared import figures

ROOT = Path(__file__).resolve().parents[3]


def test_docs_indicators_md_is_the_registry_written_out():
    """Regenerate with `python -m services.cli reporting definitions > docs/indicators.md`."""
    assert (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8") == definitions.markdown()


def test_every_table_card_and_chart_of_the_dashboard_has_one_entry():
    keys = [f.key for f in definitions.FIGURES]
    assert len(keys) == len(set(keys))
    shown = {k for _section, tables in panels.SECTIONS for k in tables}
    assert shown <= set(keys), shown - set(keys)
    assert set(definitions.CARDS.values()) | set(definitions.CHARTS.values()) <= set(keys)
    assert set(definitions.CARDS) == {"target", "jobs", "cooperation", "experience", "fit"}
    assert set(definitions.CHARTS) == {"progress", "funnel", "transition", "metrics"}


def test_each_entry_is_complete_and_translated():
    catalogs = {}
    for lang in ("fi", "sv"):
        with open(ROOT / "services/reporting/translations" / lang / "LC_MESSAGES/messages.po", "rb") as po:
            catalogs[lang] = read_po(po, locale=lang)
    for f in definitions.FIGURES:
        assert f.sources and all(s.count(".") == 2 for s in f.sources), f.key
        assert f.counts in definitions.COUNTED and f.protection in definitions.PROTECTION, f.key
        for text in (f.title, f.definition, f.date, definitions.COUNTED[f.counts],
                     definitions.PROTECTION[f.protection]):
            for lang, catalog in catalogs.items():
                message = catalog.get(text)
                assert message is not None and message.string, (lang, text)


def test_the_target_is_defined_as_shared_figures_counts_it():
    target = definitions.BY_KEY["target"]
    assert figures.TARGET_STATUSES == ("running", "completed", "evaluated")
    assert "(running, completed or evaluated) and were not cancelled" in target.definition
    assert figures.counts_toward_target("running", True) and not figures.counts_toward_target("open", True)


def test_counts_of_persons_are_suppressed_and_counts_of_environments_are_not():
    for f in definitions.FIGURES:
        if f.counts in ("persons", "person_events", "pairs"):
            assert f.protection in ("suppressed", "means"), f.key
        if f.counts in ("environments", "events"):
            assert f.protection == "none", f.key
