"""Intake's domain: plain Python rules, no Flask, SQLAlchemy or pika."""


def N_(message: str) -> str:
    """Mark a rule's message for translation: pages translate it, the API answers it in English."""
    return message
