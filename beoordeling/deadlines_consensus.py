"""Deadlines of the consensus meeting (skeleton; built by the consensus part)."""

from aanbesteden.deadlines import DeadlineSource


class ConsensusOverlegSource(DeadlineSource):
    naam = "beoordeling.consensusoverleg"

    def deadlines(self, *, van, tot):
        return iter(())
