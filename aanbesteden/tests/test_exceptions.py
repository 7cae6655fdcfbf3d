"""The domain errors live in aanbesteden.exceptions (issue 12, points 4 and 5)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from aanbesteden import services
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from coalities.services.organisaties import lid_toevoegen
from coalities.tests.factories import OrganisatieFactory
from trajecten.services.opstellen import MijlpaalFout, traject_aanmaken


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


REFUSALS = {
    "gemeente_aanmaken": "Only a platform administrator creates a municipality.",
    "gemeente_instellingen_wijzigen": "You may not change the settings of this municipality.",
    "medewerker_toevoegen": "You may not add officers to this municipality.",
    "medewerker_verwijderen": "You may not remove officers of this municipality.",
    "lid_toevoegen": "Only an administrator of the organisation adds members.",
    "traject_aanmaken": "Only officers of this municipality create a trajectory here.",
}


def _refuse(naam, actor, gemeente):
    if naam == "gemeente_aanmaken":
        services.gemeente_aanmaken(actor=actor, naam="Emmen", slug="emmen")
    elif naam == "gemeente_instellingen_wijzigen":
        services.gemeente_instellingen_wijzigen(actor=actor, gemeente=gemeente, sroi_drempel=1)
    elif naam == "medewerker_toevoegen":
        services.medewerker_toevoegen(actor=actor, gemeente=gemeente, user=UserFactory())
    elif naam == "medewerker_verwijderen":
        services.medewerker_verwijderen(
            actor=actor, medewerker=MedewerkerFactory(gemeente=gemeente)
        )
    elif naam == "lid_toevoegen":
        lid_toevoegen(actor=actor, organisatie=OrganisatieFactory(), user=UserFactory())
    else:
        traject_aanmaken(actor=actor, gemeente=gemeente, titel="Buurtkracht")


@pytest.mark.django_db
@pytest.mark.parametrize("naam", sorted(REFUSALS))
def test_a_refusal_is_a_translatable_message(naam, burger, gemeente):
    """The message is an English msgid through gettext: English here, Dutch once translated."""
    with translation.override("en"), pytest.raises(NotAllowed) as refused:
        _refuse(naam, burger, gemeente)
    assert str(refused.value) == REFUSALS[naam]
    with translation.override("nl"):
        with pytest.raises(NotAllowed) as refused:
            _refuse(naam, burger, gemeente)
        assert str(refused.value) == gettext(REFUSALS[naam])
