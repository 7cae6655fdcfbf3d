"""The sealed vault's selectors: who may see a bid's content, and when."""

import hashlib
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import timezone

from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import Bijlage, Bod
from beoordeling.selectors import kluis as sel
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    BodFactory,
    BodVersieFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    alles_verklaard,
)
from coalities.constants import PartnerRol
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    SleutelpartijFactory,
)
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject(gemeente):
    return TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)


@pytest.fixture
def bod(traject):
    perceel = traject.percelen.first()
    return BodFactory(perceel=perceel, ingediend=True)


@pytest.fixture
def bieder(bod):
    return LidmaatschapFactory(organisatie=bod.organisatie).user


def _open(traject, ronde=Ronde.HOOFDLIJNEN):
    return KluisOpeningFactory(traject=traject, ronde=ronde, geopend=True)


def test_deadline_and_expiry(traject):
    assert sel.deadline_van(traject, Ronde.HOOFDLIJNEN) == traject.inschrijving_sluit
    assert sel.deadline_van(traject, "uitwerking") == traject.uitwerking_sluit
    deadline = traject.inschrijving_sluit
    assert not sel.is_verlopen(traject, Ronde.HOOFDLIJNEN, op=deadline - timedelta(seconds=1))
    assert sel.is_verlopen(traject, Ronde.HOOFDLIJNEN, op=deadline)
    assert sel.is_verlopen(traject, Ronde.HOOFDLIJNEN, op=deadline + timedelta(seconds=1))
    assert not sel.is_verlopen(traject, Ronde.HOOFDLIJNEN)  # default now, 30 days ahead
    traject.uitwerking_sluit = None
    assert sel.deadline_van(traject, Ronde.UITWERKING) is None
    assert not sel.is_verlopen(traject, Ronde.UITWERKING, op=timezone.now() + timedelta(days=999))


def test_is_geopend_needs_confirmation(traject):
    KluisOpeningFactory(traject=traject)  # started, not confirmed
    assert not sel.is_geopend(traject, Ronde.HOOFDLIJNEN)
    _open(traject)
    assert sel.is_geopend(traject, Ronde.HOOFDLIJNEN)
    assert not sel.is_geopend(traject, Ronde.UITWERKING)


def test_aantal_ingediend_counts_only_submitted(traject, bod):
    perceel = bod.perceel
    BodFactory(perceel=perceel)  # draft
    BodFactory(perceel=perceel, ingediend=True, status=BodStatus.INGETROKKEN)
    BodFactory(perceel=perceel, ingediend=True, ronde=Ronde.UITWERKING)
    assert sel.aantal_ingediend(traject, Ronde.HOOFDLIJNEN) == 1
    assert sel.aantal_ingediend(traject, Ronde.UITWERKING) == 1
    # Issue 13, rule 3: the page's counts exist only for opened stages.
    assert sel.aantallen_na_opening(traject, []) == {}
    assert sel.aantallen_na_opening(traject, ["hoofdlijnen"]) == {"hoofdlijnen": 1}
    assert sel.aantallen_na_opening(traject, Ronde.values) == {"hoofdlijnen": 1, "uitwerking": 1}


def test_bidder_member_and_accepted_partner(traject, bod, bieder):
    assert sel.is_bieder(bieder, bod)
    assert sel.mag_inhoud_zien(bieder, bod)
    coalitie = CoalitieFactory(traject=traject)
    bod.coalitie = coalitie
    bod.save()
    geaccepteerd = CoalitiePartnerFactory(coalitie=coalitie, geaccepteerd=True)
    uitgenodigd = CoalitiePartnerFactory(coalitie=coalitie)
    partnerlid = LidmaatschapFactory(organisatie=geaccepteerd.organisatie).user
    uitgenodigd_lid = LidmaatschapFactory(organisatie=uitgenodigd.organisatie).user
    assert sel.is_bieder(partnerlid, bod)
    assert sel.mag_inhoud_zien(partnerlid, bod)
    assert not sel.is_bieder(uitgenodigd_lid, bod)
    assert not sel.mag_inhoud_zien(uitgenodigd_lid, bod)
    # Its own bid, also as a draft and when withdrawn.
    bod.status = BodStatus.CONCEPT
    bod.save()
    assert sel.mag_inhoud_zien(bieder, bod)
    assert list(sel.eigen_biedingen(partnerlid)) == [bod]
    assert sel.bod_voor_bieder(bieder, bod.pk) == bod


def test_nobody_else_before_opening(traject, bod, gemeente, andere_gemeente, beheerder):
    lid = CommissielidFactory(traject=traject)
    BelangenverklaringFactory(commissielid=lid, bod=bod)
    medewerker = MedewerkerFactory(gemeente=gemeente).user
    ander = LidmaatschapFactory(organisatie=OrganisatieFactory()).user
    for user in (
        AnonymousUser(),
        UserFactory(),
        ander,
        lid.user,
        medewerker,
        MedewerkerFactory(gemeente=andere_gemeente).user,
        beheerder,
    ):
        assert not sel.mag_inhoud_zien(user, bod), user
        assert sel.inhoud_van(user, bod) is None
        assert not sel.versies_voor(user, bod).exists()
        assert not sel.eigen_biedingen(user).exists()
        with pytest.raises(Bod.DoesNotExist):
            sel.bod_voor_bieder(user, bod.pk)
    assert not sel.geopende_biedingen(traject, Ronde.HOOFDLIJNEN).exists()


def test_after_opening(traject, bod, gemeente, andere_gemeente, beheerder):
    _open(traject)
    medewerker = MedewerkerFactory(gemeente=gemeente).user
    # Issue 13, rule 5: an officer reads only after both declarations.
    assert not sel.mag_inhoud_zien(medewerker, bod)
    alles_verklaard(medewerker, traject)
    assert sel.mag_inhoud_zien(medewerker, bod)
    assert sel.inhoud_van(medewerker, bod) == bod.versies.get().inhoud
    assert not sel.mag_inhoud_zien(MedewerkerFactory(gemeente=andere_gemeente).user, bod)
    assert not sel.mag_inhoud_zien(beheerder, bod)
    assert not sel.mag_inhoud_zien(UserFactory(), bod)

    # Committee: only with a declaration without conflict for this bid.
    zonder = CommissielidFactory(traject=traject)
    assert not sel.mag_inhoud_zien(zonder.user, bod)
    met = CommissielidFactory(traject=traject)
    BelangenverklaringFactory(commissielid=met, bod=bod)
    assert sel.mag_inhoud_zien(met.user, bod)
    conflict = CommissielidFactory(traject=traject)
    BelangenverklaringFactory(commissielid=conflict, bod=bod, conflict=True)
    assert not sel.mag_inhoud_zien(conflict.user, bod)
    # A member of another trajectory's committee with a declaration for... another bid.
    elders = CommissielidFactory(traject=TrajectFactory(gepubliceerd=True))
    assert not sel.mag_inhoud_zien(elders.user, bod)

    assert list(sel.inzichtelijke_biedingen(met.user, traject, Ronde.HOOFDLIJNEN)) == [bod]
    assert not sel.inzichtelijke_biedingen(conflict.user, traject, Ronde.HOOFDLIJNEN).exists()
    assert list(sel.inzichtelijke_biedingen(medewerker, traject, Ronde.HOOFDLIJNEN)) == [bod]


def test_opening_of_other_stage_does_not_count(traject, bod, gemeente):
    _open(traject, Ronde.UITWERKING)
    medewerker = MedewerkerFactory(gemeente=gemeente).user
    assert not sel.mag_inhoud_zien(medewerker, bod)


def test_drafts_and_withdrawn_stay_sealed_after_opening(traject, bod, gemeente):
    _open(traject)
    medewerker = MedewerkerFactory(gemeente=gemeente).user
    concept = BodFactory(perceel=bod.perceel)
    ingetrokken = BodFactory(perceel=bod.perceel, ingediend=True, status=BodStatus.INGETROKKEN)
    assert not sel.mag_inhoud_zien(medewerker, concept)
    assert not sel.mag_inhoud_zien(medewerker, ingetrokken)
    assert list(sel.geopende_biedingen(traject, Ronde.HOOFDLIJNEN)) == [bod]


def test_geopende_biedingen_latest_version(traject, bod):
    BodVersieFactory(bod=bod, nummer=2, inhoud={"plan": "tweede"})
    _open(traject)
    [gevonden] = sel.geopende_biedingen(traject, Ronde.HOOFDLIJNEN)
    assert gevonden.laatste_versie_nummer == 2
    assert sel.laatste_versie(gevonden).inhoud == {"plan": "tweede"}
    assert gevonden.laatste_sha256 == sel.laatste_versie(gevonden).sha256


def _bijlage(bod, user, inhoud, naam="plan.pdf"):
    return Bijlage.objects.create(
        bod=bod,
        bestand=ContentFile(inhoud, name=naam),
        naam=naam,
        mime="application/pdf",
        grootte=len(inhoud),
        sha256=hashlib.sha256(inhoud).hexdigest(),
        geupload_door=user,
    )


def test_bijlage_voor(traject, bod, bieder, gemeente):
    ingediend = _bijlage(bod, bieder, b"%PDF-1.4 geheim")
    versie = bod.versies.get()
    versie.inhoud = {
        **versie.inhoud,
        "bijlagen": [{"naam": "plan.pdf", "sha256": ingediend.sha256}],
    }
    versie.save()
    later = _bijlage(bod, bieder, b"%PDF-1.4 later toegevoegd", naam="later.pdf")
    medewerker = MedewerkerFactory(gemeente=gemeente).user
    alles_verklaard(medewerker, traject)
    assert sel.bijlage_voor(bieder, ingediend.pk) == ingediend
    assert sel.bijlage_voor(bieder, later.pk) == later
    assert sel.bijlagen_van(bieder, bod) == [ingediend, later]
    with pytest.raises(Bijlage.DoesNotExist):
        sel.bijlage_voor(medewerker, ingediend.pk)
    assert sel.bijlagen_van(medewerker, bod) == []
    _open(traject)
    assert sel.bijlage_voor(medewerker, ingediend.pk) == ingediend
    # Added after the last submission: not part of the bid, so not for the officers.
    with pytest.raises(Bijlage.DoesNotExist):
        sel.bijlage_voor(medewerker, later.pk)
    assert sel.bijlagen_van(medewerker, bod) == [ingediend]
    [gevonden] = sel.inzichtelijke_biedingen_met_bijlagen(medewerker, traject, Ronde.HOOFDLIJNEN)
    assert gevonden.zichtbare_bijlagen == [ingediend]


def test_other_perceel_unaffected(traject):
    perceel2 = PerceelFactory(traject=traject)
    BodFactory(perceel=perceel2, ingediend=True)
    assert sel.aantal_ingediend(traject, Ronde.HOOFDLIJNEN) == 1


def test_only_the_lead_and_partners_read_a_coalition_bid(traject):
    """Issue 13, rule 1: a subcontractor and a key party of the coalition are no bidder: no
    content, no bid in their list; an accepted partner is. A key party of the trajectory reads
    nothing even when its row says `partner`."""
    coalitie = CoalitieFactory(traject=traject)
    leider = CoalitiePartnerFactory(coalitie=coalitie, penvoerder=True)
    bod = BodFactory(
        perceel=traject.percelen.first(),
        organisatie=leider.organisatie,
        coalitie=coalitie,
        concept={"plan": "GEHEIM"},
        ingediend=True,
    )

    def lid(rol, **extra):
        partner = CoalitiePartnerFactory(coalitie=coalitie, rol=rol, geaccepteerd=True, **extra)
        return LidmaatschapFactory(organisatie=partner.organisatie).user, partner

    partner, _ = lid(PartnerRol.PARTNER)
    onderaannemer, _ = lid(PartnerRol.ONDERAANNEMER)
    sleutelpartij, _ = lid(PartnerRol.SLEUTELPARTIJ)
    oude_sleutelpartij, rij = lid(PartnerRol.PARTNER)
    SleutelpartijFactory(traject=traject, organisatie=rij.organisatie)
    assert sel.is_bieder(partner, bod) and sel.inhoud_van(partner, bod) == {"plan": "GEHEIM"}
    for user in (onderaannemer, sleutelpartij, oude_sleutelpartij):
        assert not sel.is_bieder(user, bod)
        assert sel.inhoud_van(user, bod) is None
        assert not sel.eigen_biedingen(user).exists()
