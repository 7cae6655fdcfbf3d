"""The audit events of beoordeling: one typed writer per event type (see
aanbesteden/events.py). Services call these, never `audit.record` itself;
docs/architecture.md lists each event's detail fields. One section per part of the phase.
"""

from __future__ import annotations

# --- bieden ---------------------------------------------------------------------------

# --- kluis ----------------------------------------------------------------------------

# --- commissie ------------------------------------------------------------------------

# --- selectie -------------------------------------------------------------------------

# --- consensus ------------------------------------------------------------------------

# --- gesprekken -----------------------------------------------------------------------

# --- gunning --------------------------------------------------------------------------
