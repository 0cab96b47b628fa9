"""The portal's JSON API: the token endpoint and token introspection."""
