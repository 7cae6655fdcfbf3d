"""Every read of phase B that reaches a page, scoped to the user who asks; one module per part."""
