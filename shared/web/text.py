"""Which text and whole numbers every service refuses, whoever sends them: one rule for API, pages and query."""
from __future__ import annotations

import re


def N_(message: str) -> str:  # noqa: N802 - babel's keyword for "translate later"
    return message


# PostgreSQL cannot store NUL in text, and a lone surrogate cannot be written as UTF-8 at all.
NUL_MESSAGE = N_("Remove the NUL character (an invisible control character) from the text.")
SURROGATE_MESSAGE = N_("The text is not valid Unicode: remove the lone surrogate character.")
_SURROGATE = re.compile("[\ud800-\udfff]")

# Whole numbers an integer column holds on every supported database (PostgreSQL's integer is 32 bits).
SMALLEST_INTEGER = -(2**31)
LARGEST_INTEGER = 2**31 - 1
RANGE_MESSAGE = N_("Give a whole number from %(min)s to %(max)s.")

# Calendar months and dates people may give: wide enough for any real date, narrow enough for arithmetic.
MONTH_PATTERN = r"^(19|2\d)\d{2}-(0[1-9]|1[0-2])$"
MONTH_MESSAGE = N_("Give a month as YYYY-MM, between 1900-01 and 2999-12.")


def text_problem(value: str) -> str | None:
    """Why no service can keep this text (a NUL or a lone surrogate), or None when it can."""
    if "\x00" in value:
        return NUL_MESSAGE
    if _SURROGATE.search(value):
        return SURROGATE_MESSAGE
    return None


def escaped(value: str) -> str:
    """The text with its unstorable characters written as escapes, safe to name in an answer."""
    return "".join(c.encode("unicode_escape").decode("ascii") if c == "\x00" or _SURROGATE.match(c) else c
                    for c in value)
