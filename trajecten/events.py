"""The audit events of trajecten: one typed writer per event type (see aanbesteden/events.py).

Services call these, never `audit.record` itself; docs/architecture.md lists each event's
detail fields.
"""

from __future__ import annotations
