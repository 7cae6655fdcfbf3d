"""The PDFs of phase C, one module per part, all through the core's one document path:
`kluis` (the proces-verbaal van opening), `bieden` (receipts), `gunning` (award letters)."""
