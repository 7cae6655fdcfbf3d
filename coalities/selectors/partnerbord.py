"""partnerbord."""
