"""dialoog."""
