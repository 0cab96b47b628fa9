"""The dashboard: headline cards, charts with tables beside them, every indicator table, filters, downloads."""
from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import DateField, SelectField
from wtforms.validators import Optional

from services.reporting.config import settings
from services.reporting.context import lang, runtime
from services.reporting.domain.filters import GENDERS
from services.reporting.domain.viewer import Viewer
from services.reporting.handlers import queries
from services.reporting.handlers.frozen import filters_of
from services.reporting.web import exports, panels
from services.reporting.web.labels import BREAKDOWN_CHOICES, VALUES, Labeller, area_name, field_name, slices_text
from shared import audit, clock
from shared.auth import allow, current_principal
from shared.errors import Invalid
from shared.formats import date as format_date
from shared.reference import education, municipalities
from shared.web.forms import CachedSelect, PlainForm, choices
from shared.web.ui import organisation_name

bp = Blueprint("dashboard", __name__)


def organisations(shown: queries.Shown | None = None) -> list[str]:
    """Organisations that have something in the projections (kept with a shown report's version)."""
    def read() -> list[str]:
        with runtime().db.session() as session:
            return queries.organisations(session)

    return read() if shown is None else queries.output(runtime(), shown, ("organisations",), read)


_SLICES: dict[str, tuple[list, list, list]] = {}  # per language: the areas', fields' and genders' choices


def _slices() -> tuple[list, list, list]:
    """The choices of the area, field and gender selects in the reader's language (made once per language)."""
    found = _SLICES.get(lang())
    if found is None:
        everyone = [("", _("All"))]
        found = _SLICES[lang()] = (
            choices(everyone + [(s, area_name(s, lang())) for s in municipalities.service_areas()]),
            choices(everyone + [(f.code, field_name(f.code, lang())) for f in education.all(level=1)]),
            choices(everyone + [(g, str(VALUES["gender"][g])) for g in GENDERS]))
    return found


class FilterForm(PlainForm):
    """The report's filters as a GET form (no CSRF: it changes nothing). The selects' options are rendered
    once per language and selection (CachedSelect)."""

    start = DateField(_l("Period from"), validators=[Optional()])
    end = DateField(_l("Period to"), validators=[Optional()])
    organisation = SelectField(_l("Organisation"), validate_choice=False, widget=CachedSelect())
    area = SelectField(_l("Service area"), validate_choice=False, widget=CachedSelect())
    field = SelectField(_l("Field of education"), validate_choice=False, widget=CachedSelect())
    gender = SelectField(_l("Gender"), validate_choice=False, widget=CachedSelect())
    breakdown = SelectField(_l("Break down by"), choices=choices(BREAKDOWN_CHOICES), validate_choice=False,
                            widget=CachedSelect())

    def __init__(self, formdata, viewer: Viewer, shown: queries.Shown | None = None) -> None:
        super().__init__(formdata)
        if viewer.everything:
            organisation = [("", _("Whole network"))] + [(o, organisation_name(o)) for o in organisations(shown)]
        else:
            organisation = [(viewer.own or "", organisation_name(viewer.own)), ("", _("Whole network"))]
        self.organisation.choices = choices(organisation)
        self.area.choices, self.field.choices, self.gender.choices = _slices()


def default_period() -> tuple[date, date]:
    """The period shown unless the reader asks for another: the project's, or the current year."""
    return settings().default_period(clock.today())


def _args(viewer: Viewer) -> dict:
    """The query arguments, a manager's own organisation and the default period by default."""
    args = request.args.to_dict()
    if not viewer.everything and "organisation" not in args:
        args["organisation"] = viewer.own or ""
    start, end = default_period()
    asked_start, asked_end = _date(args.get("start")), _date(args.get("end"))
    if not args.get("start"):
        if asked_end is not None and asked_end < start:
            start = date(asked_end.year, 1, 1)
        args["start"] = start.isoformat()
    if not args.get("end"):
        args["end"] = (end if asked_start is None or asked_start <= end else clock.today()).isoformat()
    return args


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def shown_to(viewer: Viewer, args: dict) -> queries.Shown:
    """The report the query arguments ask for, as the viewer may see it (a refusal is answered in one place)."""
    filters, breakdown, view = queries.parse(args)
    return queries.shown_to(runtime(), viewer, filters, breakdown, settings().environments_target, view)


def report(viewer: Viewer, args: dict):
    """The report the query arguments ask for, as the viewer may see it."""
    return shown_to(viewer, args).report


def viewers_report():
    """The signed-in viewer's report for the request's arguments."""
    viewer = Viewer(current_principal())
    return report(viewer, _args(viewer))


@bp.get("/")
@allow("coordinator", "manager")
def index():
    """The network's indicators against its targets, for a period and slices."""
    viewer = Viewer(current_principal())
    args = _args(viewer)
    try:
        shown = shown_to(viewer, args)
    except Invalid as exc:
        form = filter_form(viewer, args)
        for name, messages in exc.fields.items():
            target = getattr(form, name, None)
            if target is not None:
                target.errors = [*target.errors, *[_(m) for m in messages]]
        return render_template("reporting/dashboard.html", form=form, report=None, query=""), 422
    query = request.query_string.decode("latin-1")
    filters = queries.output(runtime(), shown, ("filters", lang(), request.script_root, query), lambda: Markup(
        render_template("reporting/_filters.html", form=filter_form(viewer, args, shown))))
    return render_template("reporting/dashboard.html", filters=filters, report=shown.report, query=query,
                           figures=figures(shown, query), manager_network=not viewer.everything and
                           not args.get("organisation"), other_view=_other_view(viewer, shown.report))


def filter_form(viewer: Viewer, args: dict, shown: queries.Shown | None = None) -> FilterForm:
    """The filters as asked, the defaults filled in. What it shows follows from the query, the viewer's scope,
    the day and the projections' version (the organisations), so its HTML is kept with the shown report."""
    form = FilterForm(request.args if request.args else None, viewer, shown)
    if "organisation" not in request.args and not viewer.everything:
        form.organisation.data = viewer.own
    if not request.args.get("start"):
        form.start.data = _date(args["start"])
    if not request.args.get("end"):
        form.end.data = _date(args["end"])
    return form


def figures(shown: queries.Shown, query: str) -> Markup:
    """The page's cards, charts and tables, rendered once per report as the viewer sees it, language and query
    (the download links carry it) until the next event."""
    def render() -> Markup:
        labeller = Labeller(lang(), shown.report.environment_names)
        return Markup(render_template("reporting/_figures.html", query=query, cards=panels.cards(shown.report),
                                      charts=panels.all_charts(shown.report, labeller),
                                      sections=panels.tables(shown.report, labeller)))

    return queries.output(runtime(), shown, ("figures", lang(), request.script_root, query), render)


def _other_view(viewer: Viewer, shown) -> str | None:
    """The query of the same report in the coordinator's other view (exact / protected); None for the others."""
    if not viewer.everything:
        return None
    args = {k: v for k, v in request.args.items() if k != "view"}
    args["view"] = "protected" if shown.exact else "exact"
    return urlencode(args)


def _download(body, mimetype: str, filename: str, report, what: str) -> Response:
    """A report file to save; the export is logged (which report, which period, by whom)."""
    principal = current_principal()
    audit.log(runtime().audit, principal, "export", "report", "funder_reporting", organisation=principal.organisation,
              detail={"report": what, "format": filename.rsplit(".", 1)[-1], "from": report.filters.start.isoformat(),
                      "to": report.as_of.isoformat()})
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stamp(report) -> str:
    return f"{report.filters.start.isoformat()}_{report.as_of.isoformat()}"


@bp.get("/tables/<key>.<any(csv, xlsx):extension>")
@allow("coordinator", "manager")
def table_file(key: str, extension: str):
    """One indicator table as CSV or Excel, as published (suppressed). `?dialect=excel-fi` gives the CSV
    that Finnish Excel opens in columns (semicolons, decimal commas, a byte order mark); without it the
    CSV is plain RFC 4180 (commas, decimal points)."""
    shown = viewers_report()
    table = shown.table(key)
    if table is None:
        abort(404)
    labeller = Labeller(lang(), shown.environment_names)
    if extension == "csv":
        excel = request.args.get("dialect") == exports.EXCEL_FI
        body = exports.excel_csv_of(table, labeller) if excel else exports.csv_of(table, labeller)
        suffix = "_excel" if excel else ""
        return _download(body, "text/csv; charset=utf-8", f"{key}_{_stamp(shown)}{suffix}.csv", shown, key)
    return _download(exports.workbook_of([table], labeller, heading(shown)), exports.XLSX,
                     f"{key}_{_stamp(shown)}.xlsx", shown, key)


def identity() -> list[tuple[str, str]]:
    """The funded project as the report's first lines name it: (what, value) pairs in the reader's language."""
    s = settings()
    lines = [(_("Project"), s.project_name)]
    if s.project_code:
        lines.append((_("Project code"), s.project_code))
    if s.funder:
        lines.append((_("Funder"), s.funder))
    if s.project_start and s.project_end:
        lines.append((_("Project period"), f"{format_date(s.project_start)}–{format_date(s.project_end)}"))
    return lines


def heading(report) -> str:
    """The report's heading line: the project, its code, the period reported and the slices it is limited to."""
    s = settings()
    name = f"{s.project_name} ({s.project_code})" if s.project_code else s.project_name
    line = _("%(project)s – period %(start)s–%(end)s", project=name, start=format_date(report.filters.start),
             end=format_date(report.as_of))
    limited = slices_text(filters_of(report), lang())
    return f"{line} · {limited}" if limited else line


@bp.get("/workbook.xlsx")
@allow("coordinator", "manager")
def workbook():
    """Every indicator table in one Excel workbook, a sheet each."""
    shown = viewers_report()
    labeller = Labeller(lang(), shown.environment_names)
    ordered = [shown.tables[k] for _s, keys in panels.SECTIONS for k in keys if k in shown.tables]
    return _download(exports.workbook_of(ordered, labeller, heading(shown), panels.headline(shown)), exports.XLSX,
                     f"sosiaalinen-kampus_{_stamp(shown)}.xlsx", shown, "workbook")


@bp.get("/report.pdf")
@allow("coordinator", "manager")
def funder_pdf():
    """The funder's report for the period as PDF: cards, charts and every table."""
    shown = viewers_report()
    return _download(funder_document(shown), "application/pdf", pdf_name(shown), shown, "funder_report")


def funder_document(shown) -> bytes:
    """The funder's report as PDF: cards, charts and every table."""
    from services.reporting.web.pdf import render_pdf

    labeller = Labeller(lang(), shown.environment_names)
    title = _("%(project)s: report to the funder", project=settings().project_name)
    html = render_template("reporting/report.html", report=shown, heading=heading(shown), title=title,
                           identity=identity(), cards=panels.cards(shown), charts=panels.all_charts(shown, labeller),
                           sections=panels.tables(shown, labeller))
    return render_pdf(html, lang=lang(), title=title)


def pdf_name(shown) -> str:
    return f"sosiaalinen-kampus_{_stamp(shown)}.pdf"
