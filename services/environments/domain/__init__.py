"""The environments domain: plain Python rules, no Flask, SQLAlchemy or pika."""
