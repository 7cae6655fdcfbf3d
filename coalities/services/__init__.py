"""Every write of phase B, one module per part: organisaties, partnerbord, coalitie."""
