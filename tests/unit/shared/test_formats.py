"""Numbers, dates, times and months by fi_FI and sv_FI conventions (issue 21, item 3): expected strings by hand."""
from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask, render_template_string

from shared import formats
from shared.web.ui import init_ui

NBSP = "\u00a0"
# 03.17 UTC on 6 December is 05.17 in Helsinki (EET, UTC+2).
INSTANT = dt.datetime(2026, 12, 6, 3, 17, tzinfo=dt.UTC)


@pytest.mark.parametrize(("lang", "expected"), [
    ("fi", "6.12.2026 klo 5.17"), ("sv", "6.12.2026 kl. 5.17"), ("en", "6 Dec 2026, 05:17")])
def test_an_instant_is_shown_in_helsinki_time_with_the_languages_word_for_at(lang, expected):
    assert formats.datetime(INSTANT, lang) == expected


def test_a_naive_instant_is_taken_as_utc_as_the_databases_store_it():
    assert formats.datetime(dt.datetime(2026, 7, 1, 9, 5), "fi") == "1.7.2026 klo 12.05"  # EEST, UTC+3


@pytest.mark.parametrize(("lang", "expected"), [("fi", "6.12.2026"), ("sv", "6.12.2026"), ("en", "6 Dec 2026")])
def test_a_day_has_no_leading_zeros_and_no_iso_form(lang, expected):
    assert formats.date(dt.date(2026, 12, 6), lang) == expected
    assert formats.date("2026-12-06", lang) == expected


@pytest.mark.parametrize(("lang", "expected", "short"), [
    ("fi", "joulukuu 2026", "12/2026"), ("sv", "december 2026", "12/2026"), ("en", "December 2026", "12/2026")])
def test_a_month_is_named_in_the_nominative(lang, expected, short):
    assert formats.month(dt.date(2026, 12, 1), lang) == expected
    assert formats.month("2026-12", lang) == expected
    assert formats.month_number("2026-12", lang) == short


@pytest.mark.parametrize(("lang", "mean", "big", "share"), [
    ("fi", "4,1", f"1{NBSP}234,5", f"25{NBSP}%"), ("sv", "4,1", f"1{NBSP}234,5", f"25{NBSP}%"),
    ("en", "4.1", "1,234.5", "25%")])
def test_numbers_have_the_decimal_comma_and_a_space_before_the_per_cent_sign(lang, mean, big, share):
    assert formats.decimal(4.06, 1, lang) == mean
    assert formats.decimal(1234.5, 1, lang) == big
    assert formats.percent(0.25, lang=lang) == share
    assert formats.percent(0.0, lang=lang) == share.replace("25", "0")


def test_no_figure_is_a_dash_and_a_count_keeps_its_decimals():
    assert formats.decimal(None) == "–" and formats.percent(None) == "–"
    assert formats.number(0.625, "fi") == "0,625" and formats.number(12, "sv") == "12"


def test_an_unknown_language_is_finnish():
    assert formats.date(dt.date(2026, 1, 2), "de") == "2.1.2026"
    assert formats.language("sv-FI") == "sv" and formats.locale("sv") == "sv_FI"


def test_pages_filters_follow_the_readers_language():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "x"
    init_ui(app, "intake")
    template = ("{{ when | datetimeformat('short') }}|{{ day | dateformat }}|{{ 3.25 | decimalformat }}|"
                "{{ 0.5 | percentformat }}|{{ '2026-12' | monthformat }}")
    with app.test_request_context("/", headers={"Cookie": "kampus_lang=sv"}):
        assert render_template_string(template, when=INSTANT, day=dt.date(2026, 12, 6)) == (
            f"6.12.2026 kl. 5.17|6.12.2026|3,25|50{NBSP}%|december 2026")
    with app.test_request_context("/", headers={"Accept-Language": "fi"}):
        assert render_template_string(template, when=INSTANT, day=dt.date(2026, 12, 6)) == (
            f"6.12.2026 klo 5.17|6.12.2026|3,25|50{NBSP}%|joulukuu 2026")


def test_an_organisation_is_named_not_given_by_its_slug():
    assert formats.organisation("sataedu", {"sataedu": "Sataedu"}) == "Sataedu"
    assert formats.organisation("unknown") == "unknown" and formats.organisation(None) == ""
