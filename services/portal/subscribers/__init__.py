"""Events the portal consumes: the notification rules' types (notifications.py) and a client's erasure (accounts.py)."""
