"""What the dashboard and the funder's PDF show: cards, charts with their tables, and the indicator tables."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup

from services.reporting.domain.tables import TOTAL, Table, cell_text, shown
from services.reporting.handlers.indicators import Report
from services.reporting.web import charts
from services.reporting.web.labels import Labeller
from shared import formats

# The order and grouping of the tables on the page and in the PDF.
SECTIONS = (
    ("environments", ("environments",)),
    ("reach", ("reach", "referrals")),
    ("evaluation", ("experience", "experience_by", "fit", "fit_by")),
    ("outcomes", ("jobs", "hidden_jobs", "cooperation")),
    ("learning", ("metrics", "transition")),
    ("funder", ("esf_entry", "esf_exit")),
    ("matching", ("matching", "fairness", "recruitment")),
)


@dataclass(frozen=True)
class CardView:
    key: str
    title: str
    value: str
    detail: str


@dataclass(frozen=True)
class ChartView:
    key: str
    title: str
    svg: Markup
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class TableView:
    key: str
    title: str
    note: str | None
    header: list[str]
    rows: list[tuple[bool, list[str]]]  # (is the total row, cells)
    legend: list[tuple[str, str]]  # (mark, what it means)

    @property
    def wide(self) -> bool:
        """Whether its column headers' longest words need more than a portrait A4 page's width (the PDF turns
        the page: a column that does not fit is cut off, not wrapped)."""
        return sum(max(WIDE_MIN_WORD, *(len(w) for w in h.split())) for h in self.header[1:]) > WIDE_CHARACTERS


# A portrait page holds about this many characters of the column headers' longest words at 8 pt (the row headers
# wrap); the columns' words are counted at least this long (the figures' own width).
WIDE_CHARACTERS = 60
WIDE_MIN_WORD = 4


def _text(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return formats.decimal(value, 1)
    return formats.number(value) if isinstance(value, int) else str(value)


def cards(report: Report) -> list[CardView]:
    by_key = {c.key: c for c in report.cards}
    target = by_key["target"]
    share = f" ({formats.percent(target.value / target.of)})" if target.of else ""
    jobs, coop, experience, fit = by_key["jobs"], by_key["cooperation"], by_key["experience"], by_key["fit"]
    return [
        CardView("target", _("Multidisciplinary environments started"), f"{target.value} / {target.of}",
                 _("realised of the target") + share),
        CardView("jobs", _("Jobs"), _text(jobs.value), _("of which hidden jobs: %(n)s", n=_text(jobs.of))),
        CardView("cooperation", _("Cooperation opportunities"), _text(coop.value), _("theses, traineeships, projects, "
                                                                                      "orders")),
        CardView("experience", _("Students' experience"), _text(experience.value),
                 _("mean on a scale of 1–5, respondents: %(n)s", n=_text(experience.of))),
        CardView("fit", _("Competence fit"), _text(fit.value),
                 _("partners' mean on a scale of 1–5, respondents: %(n)s", n=_text(fit.of))),
    ]


def headline(report: Report) -> list[tuple[str, object, object, str]]:
    """The cards as the workbook's first sheet lists them: (title, value, target, detail), the values as
    published (numbers, or a mark such as "<5"), the target only where there is one."""
    by_key = {c.key: c for c in report.cards}
    return [(card.title, by_key[card.key].value, by_key[card.key].of if card.key == "target" else None, card.detail)
            for card in cards(report)]


def table_view(table: Table, labeller: Labeller) -> TableView:
    header = [labeller.corner(table), *[labeller.header(c) for c in table.columns]]
    rows = [(row.key == TOTAL,
             [labeller.header(row), *[shown(table, row.key, c.key, labeller.lang) for c in table.columns]])
            for row in table.rows]
    return TableView(table.key, labeller.title(table), labeller.note(table), header, rows, labeller.legend())


def tables(report: Report, labeller: Labeller) -> list[tuple[str, list[TableView]]]:
    return [(section, [table_view(report.tables[k], labeller) for k in keys if k in report.tables])
            for section, keys in SECTIONS]


def progress_chart(report: Report) -> ChartView:
    p = report.progress
    months = [formats.month(m) for m in p.months]
    title = _("Environments realised against the target")
    description = _("Environments started and not cancelled, month by month, and the multidisciplinary ones "
                    "against the target of %(target)s.", target=p.target)
    svg = charts.line_chart("chart-progress", title, description,
                            x_labels=[formats.month_number(m) for m in p.months],
                            series=[(_("Started"), p.started), (_("Of them multidisciplinary"), p.multidisciplinary)],
                            target=(_("Target"), p.target), y_label=_("Environments"))
    rows = [[m, formats.number(s), formats.number(d)] for m, s, d in zip(months, p.started, p.multidisciplinary)]
    return ChartView("progress", title, svg, [_("Month"), _("Started"), _("Of them multidisciplinary")], rows)


def funnel_chart(report: Report, labeller: Labeller) -> ChartView:
    table = report.tables["funnel"]
    bars = [(labeller.header(r), table.cell(r.key, "persons")) for r in table.rows]
    title = _("From intake to environments and work")
    svg = charts.bar_chart("chart-funnel", title, _("Persons at each stage in the period; counts under five are "
                                                    "shown as <5, figures hidden to protect them as x."), bars=bars)
    return ChartView("funnel", title, svg, [_("Stage"), _("Persons")], [[label, _text(v)] for label, v in bars])


def transition_chart(report: Report, labeller: Labeller) -> ChartView:
    from services.reporting.domain.tables import Header

    title = _("Time to education or work (Kaplan–Meier)")
    series, rows = [], []
    for cohort, points in report.curves.items():
        name = labeller.header(Header(cohort, "cohort"))
        series.append((name, [(p.day, p.survival) for p in points]))
        rows += [[name, formats.number(p.day), _text(p.at_risk), formats.percent(1 - p.survival)] for p in points]
    svg = charts.step_chart("chart-transition", title,
                            _("Share of each cohort still on their way to education or work by days since first "
                              "intake; shown where no count under five is given away."),
                            series=series, x_max=720, x_label=_("days since first intake"),
                            y_label=_("Still on their way"))
    return ChartView("transition", title, svg, [_("Cohort"), _("Day"), _("At risk"), _("In education or work")],
                     rows)


def metrics_chart(report: Report, labeller: Labeller) -> ChartView:
    from services.reporting.domain.tables import Header

    table = report.tables["metrics"]
    rows = []
    for r in table.rows:
        start, end = table.cell(r.key, "mean_start"), table.cell(r.key, "mean_end")
        if isinstance(start, float) and isinstance(end, float):
            rows.append((labeller.header(Header(r.key, "scale")), start, end))
    title = _("Personal metrics: mean at start and at end")
    svg = charts.dumbbell_chart("chart-metrics", title, _("Per scale, the mean first answer at the start and the "
                                                          "mean latest answer at the end (pairs of five or more)."),
                                rows=rows, scale=(1, 5), start_label=_("Start"), end_label=_("End"))
    return ChartView("metrics", title, svg, [_("Scale"), _("Start"), _("End")],
                     [[label, _text(s), _text(e)] for label, s, e in rows])


def all_charts(report: Report, labeller: Labeller) -> list[ChartView]:
    return [progress_chart(report), funnel_chart(report, labeller), transition_chart(report, labeller),
            metrics_chart(report, labeller)]


def document_table_view(table: dict, labeller: Labeller) -> TableView:
    """A table of a release document (keys and published cells) as the pages show a table."""
    from services.reporting.domain.tables import Header

    shell = Table(table["key"], table["title"], [], [], {}, note=table.get("note"),
                  row_dimension=table["row_dimension"])
    kinds = {c["key"]: c["kind"] for c in table["columns"]}
    header = [labeller.corner(shell), *[labeller.header(Header(c["key"], c["dimension"])) for c in table["columns"]]]
    rows = [(r["key"] == TOTAL, [labeller.header(Header(r["key"], r["dimension"])),
                                 *[cell_text(r["cells"].get(c), kinds[c], labeller.lang) for c in kinds]])
            for r in table["rows"]]
    return TableView(table["key"], labeller.title(shell), labeller.note(shell), header, rows, labeller.legend())
