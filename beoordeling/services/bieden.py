"""bieden."""
