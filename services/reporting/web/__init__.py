"""Pages of the reporting service: one module per area, each exposing a Flask blueprint `bp`.

Beside the blueprints (`dashboard.py`, `network.py`) live the helpers that only render what the pages
show: `panels.py` (cards, table views and charts of the dashboard and the PDF), `charts.py` (SVG),
`labels.py` (fi/sv/en labels), `exports.py` (CSV and Excel files) and `pdf.py` (WeasyPrint). They read
no database: the report comes from handlers/queries.py.
"""
