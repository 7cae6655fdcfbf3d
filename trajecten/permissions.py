"""Who may do what in trajecten: one predicate per action, returning a
`aanbesteden.permissions.Toestemming` (truthy, or falsy with the reason). Services call
`.vereisen()`; pages and templates ask the same predicate to show an action.
"""

from __future__ import annotations
