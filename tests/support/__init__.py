"""Test support: servers, probe events and helpers."""
