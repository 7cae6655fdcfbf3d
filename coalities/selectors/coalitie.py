"""coalitie."""
