"""The base of every page form: each field refuses text and numbers no service can keep, beside the field.

The same rule as the API's fields (shared.web.fields): forms subclass `PageForm` (or `PlainForm` for a
FormField's rows and GET filters); tests/unit/web/test_web_input_fields.py checks that every form does.
"""
from __future__ import annotations

from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from wtforms import Form, IntegerField, SelectChoice, SelectMultipleField
from wtforms.validators import NumberRange, Regexp, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from shared.web.text import LARGEST_INTEGER, MONTH_MESSAGE, MONTH_PATTERN, RANGE_MESSAGE, SMALLEST_INTEGER, text_problem


def storable_text(_form, field) -> None:
    """Stop at text with a NUL or a lone surrogate, whatever kind of field sent it."""
    for value in getattr(field, "raw_data", None) or ():
        problem = text_problem(value) if isinstance(value, str) else None
        if problem:
            raise StopValidation(gettext(problem))


def whole_number_range() -> NumberRange:
    """What an integer column holds on every supported database."""
    return NumberRange(SMALLEST_INTEGER, LARGEST_INTEGER, message=lazy_gettext(RANGE_MESSAGE))


def month() -> Regexp:
    """A calendar month as YYYY-MM in the years the network's dates may have (the API's `Month`)."""
    return Regexp(MONTH_PATTERN, message=lazy_gettext(MONTH_MESSAGE))


def choices(pairs) -> list[SelectChoice]:
    """Choices of a select or radio field from (value, label) pairs or a {value: label} dict."""
    return [SelectChoice(value, label) for value, label in (pairs.items() if isinstance(pairs, dict) else pairs)]


class InputMeta:
    """Binds the input rules to each field of a form, before the field's own validators."""

    def bind_field(self, form, unbound_field, options):
        field = super().bind_field(form, unbound_field, options)
        rules = [storable_text]
        if isinstance(field, IntegerField):
            rules.append(whole_number_range())
        field.validators = [*rules, *field.validators]
        return field


class PageForm(FlaskForm):
    """A form of a page (with CSRF protection) whose fields keep to the input rules."""

    class Meta(InputMeta):
        pass


class PlainForm(Form):
    """A form without a CSRF token of its own (a FormField's rows, a GET filter) that keeps to the input rules."""

    class Meta(InputMeta):
        pass


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (the shared form macros render it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
