"""Reads of phase C, scoped. Bid content is read ONLY through selectors.kluis."""
