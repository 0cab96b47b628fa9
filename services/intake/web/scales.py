"""The network's personal-metric questionnaire: the coordinator or an administrator adds, retires and restores
its statements (the scales); service managers and students only answer them."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.validators import Optional

from services.intake.context import lang, runtime
from services.intake.domain.metrics import CONFIGURERS, key_for
from services.intake.handlers import metrics
from shared.auth import allow
from shared.errors import Invalid
from shared.web.forms import PageForm, show_problems

bp = Blueprint("scale_pages", __name__)


class ScaleForm(PageForm):
    """A new statement of the questionnaire, in the three languages, and its range."""
    required_by_command = ("label_fi", "label_sv", "label_en")  # a statement is asked in all three languages
    label_fi = StringField(_l("Statement in Finnish"), description=_l("For example: Tiedän vahvuuteni."))
    label_sv = StringField(_l("Statement in Swedish"), description=_l("For example: Jag känner mina styrkor."))
    label_en = StringField(_l("Statement in English"), description=_l("For example: I know my strengths."))
    minimum = IntegerField(_l("Lowest value"), default=1, validators=[Optional()])
    maximum = IntegerField(_l("Highest value"), default=5, validators=[Optional()])


class ScaleActionForm(PageForm):
    """A retire or restore button (only the CSRF token)."""


def _render(form: ScaleForm, status: int = 200):
    with runtime().db.session() as session:
        found = metrics.scales(session, active_only=False)
    in_use = [s for s in found if s.active]
    retired = [s for s in found if not s.active]
    return render_template("intake/metrics/scales.html", form=form, in_use=in_use, retired=retired, lang=lang(),
                           action_form=ScaleActionForm()), status


@bp.get("/metrics/scales")
@allow(*CONFIGURERS)
def scales():
    """The statements of the questionnaire, in use and retired, and a form to add one."""
    return _render(ScaleForm())


@bp.post("/metrics/scales")
@allow(*CONFIGURERS)
def add():
    """Add a statement to the questionnaire; its key is made from the English statement."""
    form = ScaleForm()
    if form.validate_on_submit():
        labels = {code: (getattr(form, f"label_{code}").data or "").strip() for code in ("fi", "sv", "en")}
        minimum = form.minimum.data if form.minimum.data is not None else 1
        maximum = form.maximum.data if form.maximum.data is not None else 5
        try:
            with runtime().work() as work:
                taken = [s.key for s in metrics.scales(work.session, active_only=False)]
                metrics.add_scale(work, key_for(labels["en"], taken), labels, minimum, maximum)
            flash(_("The statement was added to the questionnaire."), "success")
            return redirect(url_for(".scales"), code=303)
        except Invalid as exc:
            problems = dict(exc.fields)
            if "labels" in problems:
                missing = [f"label_{code}" for code, text in labels.items() if not text]
                problems.update({name: problems["labels"] for name in missing or ["label_fi"]})
                del problems["labels"]
            problems.pop("key", None)  # made from the English statement: a blank one is already named above
            show_problems(form, problems)
    return _render(form, 422)


@bp.post("/metrics/scales/<string:key>/<any(retire, restore):action>")
@allow(*CONFIGURERS)
def change(key, action):
    """Retire a statement (answers given stay) or bring a retired one back."""
    if ScaleActionForm().validate_on_submit():
        with runtime().work() as work:
            metrics.change_scale(work, key, {"active": action == "restore"})
        flash(_("The statement is back on the questionnaire.") if action == "restore"
              else _("The statement was retired; the answers given stay."), "success")
    return redirect(url_for(".scales"), code=303)
