"""The reporting domain: plain Python, no Flask, SQLAlchemy or pika.

Filters and who sees what (`filters.py`, `viewer.py`), suppression and the published tables
(`suppression.py`, `tables.py`), Kaplan–Meier (`survival.py`), a person's entry and exit facts
(`persons.py`), the open data file (`open_data.py`), and event histories written by hand (`history.py`:
what tests feed reporting and what handlers/synthetic.py is made of).
"""
