"""How a later phase extends an earlier one, in one place per app.

Imports point one way (verantwoording -> beoordeling -> coalities -> trajecten ->
aanbesteden), so an earlier app offers registries and a later app adds to them. Each app
has an `extensions.py` that holds both:

- the registries it offers (declared at the top, data only), and
- `registreren()`, which adds what this app contributes to earlier apps' registries;
  its `AppConfig.ready()` calls it, and nothing else.

The core offers:

- dashboard panels: `aanbesteden.dashboards.register(name, provider, order=...)`;
- deadline sources: `aanbesteden.deadlines.register(source)`;
- sealed objects kept out of the admin: `aanbesteden.admin.verzegeld_registreren(...)`;
- demo data: `DEMO` below, `DEMO.add(func, order=...)`, where `func(ctx)` builds this
  app's part of the demo from the shared context (users, gemeenten, what earlier parts
  put there) and returns its extra logins (or None).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from aanbesteden import dashboards
from aanbesteden.views import beheer_panel


class Register:
    """An ordered set of contributions: added once (again is a no-op), read in order."""

    def __init__(self, beschrijving: str) -> None:
        self.beschrijving = beschrijving
        self._items: list[tuple[int, int, Any]] = []

    def add(self, item: Any, *, order: int = 50) -> Any:
        if all(bestaand is not item and bestaand != item for _, _, bestaand in self._items):
            self._items.append((order, len(self._items), item))
            self._items.sort(key=lambda regel: (regel[0], regel[1]))
        return item

    def __iter__(self) -> Iterator[Any]:
        return iter([item for _, _, item in self._items])

    def __contains__(self, item: object) -> bool:
        return any(bestaand == item for _, _, bestaand in self._items)

    def __len__(self) -> int:
        return len(self._items)


DemoBijdrage = Callable[[dict[str, Any]], list[Any] | None]

# Each app's part of the demo (see aanbesteden.demo.build).
DEMO = Register("demo data per app, in order")


def registreren() -> None:
    """The core's own contributions: the platform administrator's panel."""
    dashboards.register("aanbesteden.beheer", beheer_panel, order=90)
