"""The audit events of phases D and E: one typed writer per event type, as in
aanbesteden/events.py. None yet."""
