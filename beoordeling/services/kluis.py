"""kluis."""
