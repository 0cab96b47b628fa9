"""The portal's pages: the front page, login, logout, one's own password and the administrator's users."""
