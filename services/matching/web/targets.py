"""Pages per target: a need's candidates, an environment's candidates per role and its optimal team."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from services.matching.context import lang, live, runtime
from services.matching.handlers import suggestion_list, teams
from services.matching.web.forms import TeamForm
from services.matching.web.suggestions import labels, readable
from shared.auth import allow, current_principal
from shared.reference import education
from shared.web.peer import client_names

bp = Blueprint("target_pages", __name__)


@bp.get("/needs/<uuid:need_id>")
@allow("manager")
def need_page(need_id):
    """A need's candidates from the organisation's clients, best first, with explanations."""
    with runtime().db.session() as session:
        need, result = suggestion_list.need_candidates(session, current_principal(), str(need_id))
    return render_template("matching/needs/show.html", need=need, result=result,
                           entries=[readable(i) for i in result["items"]], labels=labels(),
                           names=client_names("matching", [i["client_id"] for i in result["items"]]))


def field_name(code: str | None, lang: str) -> str:
    if not code:
        return "–"
    return f"{code} {education.name(code, lang)}" if education.is_valid(code) else code


@bp.get("/environments/<uuid:environment_id>")
@allow("manager")
def environment_page(environment_id):
    """An environment's roles with the organisation's candidates, and team building."""
    form = TeamForm(formdata=request.args)
    with runtime().db.session() as session:
        result = suggestion_list.environment_candidates(session, current_principal(), str(environment_id))
        plan = None
        if request.args.get("build") and form.validate():
            plan = teams.plan(session, current_principal(), str(environment_id), live(), form.min_fields.data,
                              form.min_institutions.data)
    for role in result["roles"]:
        role["items"] = [readable(i) for i in role["items"]]
    shown = [i["client_id"] for role in result["roles"] for i in role["items"]]
    for team in (plan, (plan or {}).get("proposal")):
        shown += [m.get("client_id") for m in ((team or {}).get("members") or [])]
    return render_template("matching/environments/show.html", env=result, form=form, plan=plan, labels=labels(),
                           names=client_names("matching", shown),
                           field_name=lambda code: field_name(code, lang()))
