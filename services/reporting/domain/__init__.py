"""The reporting domain: indicators, suppression and statistics as plain Python."""
