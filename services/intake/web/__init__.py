"""Intake's pages for people: one module per area, each exposing a Flask blueprint `bp`."""
