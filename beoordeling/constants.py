"""Choices of phase C (issue 6 adds bids, the vault and scoring)."""
