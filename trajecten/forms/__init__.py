"""Forms of phase A (issue 4 fills these in)."""
