"""The portal's rules as plain Python: usernames, passwords, failed-login limits, users."""
