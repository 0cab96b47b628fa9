"""Privacy configuration every service reads: the register of purposes, bases and retention per controller."""
