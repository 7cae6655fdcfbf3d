"""Forms of phase C (issue 6 fills these in)."""
