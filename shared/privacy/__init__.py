"""What each controller of the network declares about its processing (the network file's `privacy:` block)."""
