"""The base of every page form: each field refuses text and numbers no service can keep, beside the field.

The same rule as the API's fields (shared.web.fields): forms subclass `PageForm` (or `PlainForm` for a
FormField's rows and GET filters); tests/unit/web/test_web_input_fields.py checks that every form does.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import flash, redirect, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from markupsafe import Markup
from marshmallow import ValidationError
from wtforms import Form, IntegerField, SelectChoice, SelectMultipleField
from wtforms.meta import DefaultMeta
from wtforms.validators import NumberRange, Regexp, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget, Select, html_params

from shared.errors import DomainError
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


def _flat(messages) -> list[str]:
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _flat(value)]
    return [str(m) for m in (messages if isinstance(messages, (list, tuple)) else [messages])]


def show_problems(form, problems: dict, aliases: dict[str, str] | None = None,
                  entry_aliases: dict[str, str] | None = None) -> None:
    """Put field errors (marshmallow's shape) beside the form's fields, translated; the rest above the form.

    `aliases` name the form field of a schema field where the names differ; `entry_aliases` the same in the
    rows of a list of subforms."""
    for name, messages in (problems or {}).items():
        target = form._fields.get((aliases or {}).get(name, name)) if isinstance(name, str) else None
        if target is not None and hasattr(target, "entries") and isinstance(messages, dict):
            for index, nested in messages.items():
                entries = target.entries
                entry = entries[int(index)] if str(index).isdigit() and int(index) < len(entries) else None
                if entry is not None and isinstance(nested, dict) and hasattr(entry, "form"):
                    show_problems(entry.form, nested, entry_aliases, entry_aliases)
                elif entry is not None:
                    entry.errors = list(entry.errors) + [gettext(m) for m in _flat(nested)]
                else:
                    target.errors = list(target.errors) + [gettext(m) for m in _flat(nested)]
            continue
        if target is None:
            form.form_errors.extend(gettext(m) for m in _flat(messages))
        else:
            target.errors = list(target.errors) + [gettext(m) for m in _flat(messages)]


def show_refusal(form, exc: ValidationError | DomainError) -> None:
    """Refused input (marshmallow) or a refused command on the form: field problems beside the fields, the rest
    above the form."""
    if isinstance(exc, ValidationError):
        show_problems(form, exc.normalized_messages())
    else:
        show_problems(form, exc.fields or {"_schema": [exc.message]})


@contextmanager
def refusals_on(form, show: Callable[..., None] = show_refusal, **options) -> Iterator[None]:
    """Run a form's command in the block; when its input or the command is refused (ValidationError,
    DomainError), `show(form, exc, **options)` puts why on the form and the page goes on to render it again."""
    try:
        yield
    except (ValidationError, DomainError) as exc:
        show(form, exc, **options)


def succeeded(message: str, endpoint: str, **values):
    """After a form's command was done: say so (flashed) and go on to `endpoint`'s page (303 See Other)."""
    flash(message, "success")
    return redirect(url_for(endpoint, **values), code=303)


def form_status() -> int:
    """A form page's status: 422 when a submitted form is shown again (it was refused), else 200."""
    return 422 if request.method == "POST" else 200


def marked_optional(field) -> bool:
    """Whether a form's label calls the field optional: not when a value is required (DataRequired,
    InputRequired, or named in the form's `required_by_command` or `required_for_some`), not for a checkbox or
    a hidden field, and not for a single choice with no empty option (a value is always chosen)."""
    if field.flags.required or field.flags.required_for_some \
            or field.type in ("BooleanField", "HiddenField", "CSRFTokenField", "SubmitField"):
        return False
    if field.type in ("SelectField", "RadioField") and field.choices is not None:
        values = [choice[0] for choice in field.iter_choices()]
        return "" in values or (field.type == "RadioField" and bool(field.flags.optional))
    return True


class InputMeta(DefaultMeta):
    """Binds the input rules to each field of a form, before the field's own validators.

    A form's `required_by_command` names the fields its command refuses without (the API schema's required
    ones) that the form itself does not check: they are flagged required, so no label calls them optional
    and the control says it is required, while the command's own message is the one shown beside them.
    `required_for_some` names the fields the command needs only for some choices (the hint says which): no
    label calls them optional, but the control is not required either.
    A form's `id_prefix` starts its fields' ids (not their names), so two forms on one page never share an id;
    the CSRF token's hidden input has none."""

    def bind_field(self, form, unbound_field, options):
        field = super().bind_field(form, unbound_field, options)
        if field.type == "CSRFTokenField":  # hidden, never labelled: no id, so forms on one page share none
            field.render_kw = {**(field.render_kw or {}), "id": False}
        elif prefix := getattr(form, "id_prefix", ""):
            field.id = prefix + field.id
        if options.get("name") in getattr(form, "required_by_command", ()):
            field.flags.required = True
        if options.get("name") in getattr(form, "required_for_some", ()):
            field.flags.required_for_some = True
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


class CachedSelect(Select):
    """WTForms' Select, with the options' HTML kept per process for a long list of fixed choices (the
    municipalities: 309 options, rendered through `html_params` one by one, were a third of a filter page's
    work). The same HTML as Select: the options are rendered by Select itself the first time a list of choices
    (values, labels in the page's language, which is selected) is seen, and that text is reused afterwards."""

    LIMIT = 256  # distinct (choices, selection) pairs kept; a full cache starts again

    def __init__(self, multiple: bool = False) -> None:
        super().__init__(multiple)
        self._options: dict[tuple, str] = {}

    def __call__(self, field, **kwargs):
        if field.has_groups():
            return super().__call__(field, **kwargs)
        choices = list(field._iter_choices_normalized())
        if any(choice.render_kw for choice in choices):
            return super().__call__(field, **kwargs)
        key = tuple((choice.value, type(choice.label), str(choice.label), choice.selected) for choice in choices)
        options = self._options.get(key)
        if options is None:
            render = type(self)._dispatch_render_option()
            options = "".join(render(choice) for choice in choices)
            if len(self._options) >= self.LIMIT:
                self._options.clear()
            self._options[key] = options
        kwargs.setdefault("id", field.id)
        if self.multiple:
            kwargs["multiple"] = True
        flags = getattr(field, "flags", {})
        for k in dir(flags):
            if k in self.validation_attrs and k not in kwargs:
                kwargs[k] = getattr(flags, k)
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")
