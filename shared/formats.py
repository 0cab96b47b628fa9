"""Numbers, percentages, dates, times and months in the reader's language, by Finland's conventions.

One place for every page, export, chart and PDF: Finnish and Swedish follow Babel's `fi_FI` and `sv_FI`
(a decimal comma, a narrow space between thousands, "6.12.2026", "klo 5.17" / "kl. 5.17",
"joulukuu 2026" / "december 2026"); English keeps English numbers and says "6 Dec 2026, 05:17".
Plain Babel `sv` is Sweden's Swedish ("2026-12-06 05:17"), which Finland Swedish does not write.
"""
from __future__ import annotations

import datetime as dt
import functools

from babel import dates, numbers

from shared.clock import ZONE

LANGUAGES = ("fi", "sv", "en")
DEFAULT = "fi"
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en"}
DATE = {"fi": "d.M.y", "sv": "d.M.y", "en": "d MMM y"}
TIME = {"fi": "H.mm", "sv": "H.mm", "en": "HH:mm"}
AT = {"fi": "{date} klo {time}", "sv": "{date} kl. {time}", "en": "{date}, {time}"}
MONTH = "LLLL y"  # the stand-alone month name: "joulukuu 2026", not the genitive "joulukuuta"


def language(lang: str | None = None) -> str:
    """The two-letter language asked for, else the current request's, else Finnish."""
    if lang:
        short = lang.replace("-", "_").split("_", 1)[0].lower()
        return short if short in LANGUAGES else DEFAULT
    try:
        from flask import has_request_context
        from flask_babel import get_locale

        if has_request_context():
            return language(str(get_locale() or DEFAULT))
    except ImportError:  # pragma: no cover - flask is always installed with the services
        pass
    return DEFAULT


def locale(lang: str | None = None) -> str:
    """The Babel locale of a language: fi_FI, sv_FI or en."""
    return LOCALES[language(lang)]


def decimal(value: float | int | None, digits: int = 1, lang: str | None = None) -> str:
    """A figure with `digits` decimals ("4,1"; "1 234,5"); "–" for no figure."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return numbers.format_decimal(round(float(value), digits), format=pattern, locale=locale(lang))


def number(value: float | int | None, lang: str | None = None) -> str:
    """A count or a measure with as many decimals as it has (at most three): "12", "0,625"."""
    if value is None:
        return "–"
    return _number(value, locale(lang))


@functools.lru_cache(maxsize=65536)
def _number(value: float | int, in_locale: str) -> str:
    # Babel parses the locale and the pattern on every call: a table of a few thousand cells took a quarter
    # of a second per page. The text is a function of the value and the locale alone.
    return numbers.format_decimal(value, locale=in_locale)


def percent(fraction: float | None, digits: int = 0, lang: str | None = None) -> str:
    """A share as a percentage: 0.25 → "25 %" (fi/sv, with a no-break space) or "25%" (en)."""
    if fraction is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    if language(lang) != "en":
        pattern = pattern[:-1] + "\u00a0%"
    return numbers.format_percent(fraction, format=pattern, locale=locale(lang))


def _local(value: dt.datetime) -> dt.datetime:
    """An instant in Finland's time (a naive one is taken as UTC, as the databases store them)."""
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(ZONE)


def date(value: dt.date | dt.datetime | str | None, lang: str | None = None) -> str:
    """A day: "6.12.2026" (fi, sv), "6 Dec 2026" (en); an ISO string is read first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return _day(value, language(lang))


@functools.lru_cache(maxsize=65536)
def _day(value: dt.date, in_language: str) -> str:
    # as _number: Babel parsed the pattern and the locale for every date (~0.1 ms; 3 ms a page of 25 clients)
    return dates.format_date(value, DATE[in_language], locale=LOCALES[in_language])


def time(value: dt.datetime | dt.time | None, lang: str | None = None) -> str:
    """A time of day: "5.17" (fi, sv), "05:17" (en)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value).time()
    return dates.format_time(value, TIME[language(lang)], locale=locale(lang))


def datetime(value: dt.datetime | str | None, lang: str | None = None) -> str:
    """An instant: "6.12.2026 klo 5.17", "6.12.2026 kl. 5.17", "6 Dec 2026, 05:17"."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        return date(value, lang)
    local = _local(value)
    return AT[language(lang)].format(date=date(local.date(), lang), time=time(local.time(), lang))


def month(value: dt.date | str | None, lang: str | None = None) -> str:
    """A month: "joulukuu 2026", "december 2026", "December 2026"; "2026-12" is read too."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:7] + "-01")
    return dates.format_date(value, MONTH, locale=locale(lang))


def month_number(value: dt.date | str | None, lang: str | None = None) -> str:
    """A month in figures, short enough for a chart's axis: "12/2026"."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:7] + "-01")
    return dates.format_date(value, "M/y", locale=locale(lang))


def jinja_filters() -> dict:
    """The filters pages use, replacing Flask-Babel's (whose `sv` is Sweden's). A Flask-Babel style
    argument ("short", "medium") is accepted and ignored: there is one date style per language."""
    return {
        "dateformat": lambda value, _style=None: date(value),
        "datetimeformat": lambda value, _style=None: datetime(value),
        "timeformat": lambda value, _style=None: time(value),
        "decimalformat": lambda value, digits=None: number(value) if digits is None else decimal(value, digits),
        "percentformat": lambda value, digits=0: percent(value, digits),
        "monthformat": lambda value: month(value),
    }


def organisation(slug: str | None, names: dict[str, str] | None = None) -> str:
    """An organisation's display name ("Sataedu") rather than its slug: from `names`, else the one lookup the
    pages use (shared.web.ui.organisation_names: the network file's, else the portal's), else the slug."""
    if not slug:
        return ""
    if names and slug in names:
        return names[slug]
    from shared.web.ui import organisation_names

    return organisation_names().get(slug, slug)
