"""What phases D and E add to the earlier apps (dashboard panels, deadline sources,
trajectory page sections, demo data), see aanbesteden/extensions.py. Nothing yet: when
there is, a `registreren()` here is called from `VerantwoordingConfig.ready()`."""
