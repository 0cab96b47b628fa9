"""Intake's domain: plain Python rules, no Flask, SQLAlchemy or pika."""
