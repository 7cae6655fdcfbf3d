"""The domain errors live in aanbesteden.exceptions (issue 12, points 4 and 5)."""

import pytest

from aanbesteden import services
from aanbesteden.exceptions import DomainError, NotAllowed
from trajecten.services.opstellen import MijlpaalFout


def test_domain_error_names_its_field_or_none():
    fout = DomainError("Kies een datum.", veld="publicatie_op")
    assert str(fout) == "Kies een datum."
    assert fout.veld == "publicatie_op"
    assert DomainError("Zonder veld.").veld is None
    assert NotAllowed("Niet voor u.").veld is None


def test_the_old_import_path_gives_the_same_classes():
    assert services.DomainError is DomainError
    assert services.NotAllowed is NotAllowed
    with pytest.raises(DomainError):
        raise services.NotAllowed("Niet voor u.")


def test_a_refused_milestone_is_a_domain_error_at_its_field():
    fout = MijlpaalFout("inschrijving_sluit_op", "Dit moment is voorbij.")
    assert isinstance(fout, DomainError)
    assert fout.veld == "inschrijving_sluit_op"
    assert str(fout) == "Dit moment is voorbij."
