"""What matching does when events arrive: one module per area, each exposing `HANDLERS`."""
