"""The built-in identity store and token issuer: organisations, users, passwords."""
