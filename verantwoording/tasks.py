"""Tasks of phases D and E: agreements, reports and evaluations (a later issue)."""
