"""The four services of the network."""
