"""Charts are accessible SVG without inline styles, and a hidden count draws no bar."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from services.reporting.web import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "style=" not in str(markup) and "<script" not in str(markup)
    return root


def test_a_line_chart_with_a_target():
    root = parse(charts.line_chart("c1", "Progress <&>", "Months", x_labels=["2025-01", "2025-02"],
                                   series=[("Started", [1, 3]), ("Multidisciplinary", [0, 2])],
                                   target=("Target", 20), y_label="Environments"))
    assert root.find(f"{SVG}title").text == "Progress <&>"
    assert len(root.findall(f"{SVG}polyline")) == 2


def test_a_hidden_count_has_no_bar():
    root = parse(charts.bar_chart("c2", "Funnel", "Stages", bars=[("Clients", 19), ("In work", "<5")]))
    assert len(root.findall(f"{SVG}rect")) == 1
    assert "<5" in [t.text for t in root.findall(f"{SVG}text")]


def test_step_and_dumbbell_charts():
    parse(charts.step_chart("c3", "KM", "Curve", series=[("2025", [(0, 1.0), (60, 0.8), (120, 0.5)])],
                            x_max=720, x_label="days", y_label="Still on their way"))
    root = parse(charts.dumbbell_chart("c4", "Metrics", "Start and end", rows=[("confidence", 2.5, 3.4)],
                                       scale=(1, 5), start_label="Start", end_label="End"))
    assert len(root.findall(f"{SVG}circle")) == 4  # two per row and the legend's two


def test_a_line_chart_of_one_month_shows_its_values():
    root = parse(charts.line_chart("c5", "Progress", "One month", x_labels=["2025-03"],
                                   series=[("Started", [3]), ("Multidisciplinary", [1])], target=("Target", 20)))
    points = root.findall(f"{SVG}circle")
    assert len(points) == 2  # a dot per value where one point makes no line
    assert {p.get("cx") for p in points} == {str(charts._x(0.5, 1)).rstrip("0").rstrip(".")}  # in the middle
    assert "2025-03" in [t.text for t in root.findall(f"{SVG}text")]


def test_chart_text_is_readable_in_the_pdf():
    root = parse(charts.bar_chart("c6", "Funnel", "Stages", bars=[("Clients", 19)]))
    assert int(root.get("font-size")) >= 14  # about 10 pt at the PDF's 160 mm width


def test_a_long_scale_name_is_wrapped_beside_its_row_not_cut_off():
    """The personal metrics' chart cut "Uskon löytäväni paikkani työelämässä tai koulutuksessa" at its left edge."""
    name = "Uskon löytäväni paikkani työelämässä tai koulutuksessa"
    root = parse(charts.dumbbell_chart("c7", "Metrics", "Start and end", rows=[(name, 3.1, 3.8), ("Tiimityö", 3, 4)],
                                       scale=(1, 5), start_label="Alussa", end_label="Lopussa"))
    labels = [t for t in root.findall(f"{SVG}text") if t.get("text-anchor") == "end"]  # the rows' names
    lines = [t.text for t in labels]
    assert " ".join(lines[:2]) == name and lines[2:] == ["Tiimityö"]  # every word shown, on two lines
    assert not root.findall(f".//{SVG}tspan"), "a text element a line: a checker reads its colour"
    right = float(labels[0].get("x"))  # the lines end here (text-anchor end)
    assert labels[1].get("x") == labels[0].get("x") and float(labels[1].get("y")) > float(labels[0].get("y"))
    # DejaVu Sans averages 0.62 em a character: each line's width fits between the chart's left edge and its row.
    assert all(len(line) * charts.FONT_SIZE * 0.62 <= right for line in lines)
