"""The PDFs of phase A, one module per part, all through the core's one document path:
`uitvraag` (the call and the overview), `dialoog` (notas)."""
