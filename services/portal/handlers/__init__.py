"""The portal's commands: the identity store's, and those the pages, the API and `kampus` share."""
