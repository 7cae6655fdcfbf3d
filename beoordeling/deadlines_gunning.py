"""Deadlines of the end of the standstill (skeleton; built by the gunning part)."""

from aanbesteden.deadlines import DeadlineSource


class StandstillSource(DeadlineSource):
    naam = "beoordeling.standstill"

    def deadlines(self, *, van, tot):
        return iter(())
