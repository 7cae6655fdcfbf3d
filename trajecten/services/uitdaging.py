"""uitdaging."""
