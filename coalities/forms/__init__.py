"""Forms of phase B (issue 5 fills these in)."""
