"""Coalition services: state rules, permissions, audit, the competition rule and the lock."""

import threading
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.utils import timezone

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import UserFactory
from coalities.constants import CoalitieStatus, PartnerRol, PartnerStatus
from coalities.models import Coalitie, CoalitiePartner
from coalities.permissions import vergrendeld_melding
from coalities.selectors.coalitie import (
    coalitie_overzicht,
    coalities_van_traject,
    geschiedenis_van,
)
from coalities.services import coalitie as s
from coalities.services import partnerbord
from coalities.tests.factories import (
    CoalitiePartnerFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    SleutelpartijFactory,
)
from trajecten.tests.factories import PerceelFactory, TrajectFactory


def maak_wereld(gemeente):
    """A published trajectory with two lots, and a coalition formed by A.

    A leads (accepted, 50/40), B is an accepted partner (30/30), C is invited (20/30),
    E is an organisation outside the coalition.
    """
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True, titel="Buurthuis De Boog")
    perceel1 = PerceelFactory(traject=traject, nummer=1)
    perceel2 = PerceelFactory(traject=traject, nummer=2)
    orgs, users = {}, {}
    for key in ("a", "b", "c", "e"):
        orgs[key] = OrganisatieFactory(naam=f"Organisatie {key.upper()}")
        users[f"{key}_beheerder"] = LidmaatschapFactory(organisatie=orgs[key], beheerder=True).user
        users[f"{key}_lid"] = LidmaatschapFactory(organisatie=orgs[key]).user
    coalitie = s.coalitie_vormen(
        actor=users["a_beheerder"],
        traject=traject,
        organisatie=orgs["a"],
        naam="Samen in De Boog",
        percelen=[perceel1],
        rol=PartnerRol.PENVOERDER,
        plan="Een buurthuis van en voor de wijk.",
        bijdrage="Het gebouw",
        aandeel_budget=50,
        aandeel_zeggenschap=40,
    )
    b = s.partner_uitnodigen(
        actor=users["a_beheerder"],
        coalitie=coalitie,
        organisatie=orgs["b"],
        rol=PartnerRol.PARTNER,
        aandeel_budget=30,
        aandeel_zeggenschap=30,
    )
    s.uitnodiging_beantwoorden(actor=users["b_beheerder"], partner=b, accepteren=True)
    c = s.partner_uitnodigen(
        actor=users["a_beheerder"],
        coalitie=coalitie,
        organisatie=orgs["c"],
        rol=PartnerRol.ONDERAANNEMER,
        aandeel_budget=20,
        aandeel_zeggenschap=30,
    )
    return SimpleNamespace(
        traject=traject,
        percelen=(perceel1, perceel2),
        orgs=orgs,
        users=users,
        coalitie=coalitie,
        leider=CoalitiePartner.objects.get(coalitie=coalitie, organisatie=orgs["a"]),
        b=CoalitiePartner.objects.get(pk=b.pk),
        c=CoalitiePartner.objects.get(pk=c.pk),
    )


@pytest.fixture
def w(gemeente):
    return maak_wereld(gemeente)


def events(coalitie, event_type):
    return list(
        AuditEvent.objects.filter(
            target_type="coalities.coalitie", target_id=str(coalitie.pk), event_type=event_type
        )
    )


pytestmark = pytest.mark.django_db


class TestForming:
    def test_the_organisation_becomes_the_accepted_lead(self, w):
        leider = w.leider
        assert (leider.rol, leider.status) == (PartnerRol.PENVOERDER, PartnerStatus.GEACCEPTEERD)
        assert leider.aandeel_budget == Decimal("50")
        assert leider.beantwoord_op is not None
        assert list(w.coalitie.percelen.all()) == [w.percelen[0]]
        assert w.coalitie.status == CoalitieStatus.OPEN and w.coalitie.versie == 1
        (event,) = events(w.coalitie, AuditEventType.COALITIE_GEVORMD)
        assert event.actor == w.users["a_beheerder"]
        assert event.gemeente == w.traject.gemeente
        assert event.detail["organisatie_id"] == w.orgs["a"].pk

    def test_a_facilitating_lead(self, gemeente):
        traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
        lid = LidmaatschapFactory(beheerder=True)
        coalitie = s.coalitie_vormen(
            actor=lid.user,
            traject=traject,
            organisatie=lid.organisatie,
            naam="Wij organiseren",
            percelen=[],
            rol=PartnerRol.FACILITEREND,
        )
        assert coalitie.partners.get().rol == PartnerRol.FACILITEREND

    def test_a_double_click_makes_one_coalition(self, w):
        kwargs = dict(
            actor=w.users["e_beheerder"],
            traject=w.traject,
            organisatie=w.orgs["e"],
            naam="Dubbel",
            percelen=[w.percelen[1]],
            rol=PartnerRol.PENVOERDER,
        )
        eerste = s.coalitie_vormen(**kwargs)
        tweede = s.coalitie_vormen(**kwargs)
        assert eerste == tweede
        assert Coalitie.objects.filter(naam="Dubbel").count() == 1
        assert len(events(eerste, AuditEventType.COALITIE_GEVORMD)) == 1

    def test_only_an_administrator_forms_one(self, w):
        with pytest.raises(NotAllowed):
            s.coalitie_vormen(
                actor=w.users["e_lid"],
                traject=w.traject,
                organisatie=w.orgs["e"],
                naam="Zonder recht",
                percelen=[w.percelen[0]],
                rol=PartnerRol.PENVOERDER,
            )
        with pytest.raises(NotAllowed):  # an administrator of another organisation
            s.coalitie_vormen(
                actor=w.users["a_beheerder"],
                traject=w.traject,
                organisatie=w.orgs["e"],
                naam="Zonder recht",
                percelen=[w.percelen[0]],
                rol=PartnerRol.PENVOERDER,
            )
        assert not Coalitie.objects.filter(naam="Zonder recht").exists()

    @pytest.mark.parametrize(
        "wijziging",
        ["concept", "gesloten", "geen_perceel", "ander_perceel", "rol_partner", "geen_naam"],
    )
    def test_refusals(self, w, wijziging, gemeente):
        traject = w.traject
        percelen = [w.percelen[0]]
        rol = PartnerRol.PENVOERDER
        naam = "Nieuw"
        if wijziging == "concept":
            traject = TrajectFactory(gemeente=gemeente)
            percelen = []
        elif wijziging == "gesloten":
            traject.inschrijving_sluit = timezone.now() - timedelta(seconds=1)
            traject.save()
        elif wijziging == "geen_perceel":
            percelen = []
        elif wijziging == "ander_perceel":
            percelen = [PerceelFactory()]
        elif wijziging == "rol_partner":
            rol = PartnerRol.PARTNER
        elif wijziging == "geen_naam":
            naam = "  "
        with pytest.raises(DomainError):
            s.coalitie_vormen(
                actor=w.users["e_beheerder"],
                traject=traject,
                organisatie=w.orgs["e"],
                naam=naam,
                percelen=percelen,
                rol=rol,
            )
        assert not CoalitiePartner.objects.filter(organisatie=w.orgs["e"]).exists()

    def test_a_partner_elsewhere_cannot_form_a_competing_coalition(self, w):
        with pytest.raises(DomainError, match="Organisatie B"):
            s.coalitie_vormen(
                actor=w.users["b_beheerder"],
                traject=w.traject,
                organisatie=w.orgs["b"],
                naam="Concurrent",
                percelen=[w.percelen[0]],  # issue 13: the rule is per lot
                rol=PartnerRol.PENVOERDER,
            )

    def test_coalitie_wijzigen_records_old_and_new(self, w):
        s.coalitie_wijzigen(
            actor=w.users["a_beheerder"],
            coalitie=w.coalitie,
            naam="Samen sterk",
            percelen=list(w.percelen),
        )
        w.coalitie.refresh_from_db()
        assert w.coalitie.naam == "Samen sterk"
        assert w.coalitie.percelen.count() == 2
        (event,) = events(w.coalitie, AuditEventType.COALITIE_GEWIJZIGD)
        assert event.detail["voor"]["naam"] == "Samen in De Boog"
        assert event.detail["na"]["percelen"] == sorted(p.pk for p in w.percelen)
        # nothing changed: no event
        s.coalitie_wijzigen(actor=w.users["a_beheerder"], coalitie=w.coalitie, naam="Samen sterk")
        assert len(events(w.coalitie, AuditEventType.COALITIE_GEWIJZIGD)) == 1

    @pytest.mark.parametrize("wie", ["a_lid", "b_beheerder", "e_beheerder"])
    def test_coalitie_wijzigen_only_by_the_lead(self, w, wie):
        with pytest.raises(NotAllowed):
            s.coalitie_wijzigen(actor=w.users[wie], coalitie=w.coalitie, naam="Overgenomen")
        w.coalitie.refresh_from_db()
        assert w.coalitie.naam == "Samen in De Boog"


class TestInviting:
    def test_invited_partner_notified_and_audited(
        self, w, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            partner = s.partner_uitnodigen(
                actor=w.users["a_beheerder"],
                coalitie=w.coalitie,
                organisatie=w.orgs["e"],
                rol=PartnerRol.PARTNER,
                bijdrage="Vrijwilligers",
                aandeel_budget="12.5",
                aandeel_zeggenschap=10,
            )
        assert partner.status == PartnerStatus.UITGENODIGD
        assert partner.aandeel_budget == Decimal("12.50")
        (event,) = events(w.coalitie, AuditEventType.COALITIE_PARTNER_UITGENODIGD)[-1:]
        assert event.detail["organisatie_id"] == w.orgs["e"].pk
        assert event.to_state == PartnerStatus.UITGENODIGD
        (melding,) = Notificatie.objects.filter(user=w.users["e_beheerder"])
        assert melding.url == w.coalitie.get_absolute_url()
        assert "@" not in melding.tekst
        assert not Notificatie.objects.filter(user=w.users["e_lid"]).exists()
        assert [m.to for m in mailoutbox] == [[w.users["e_beheerder"].email]]
        assert w.users["a_beheerder"].email not in mailoutbox[0].body

    def test_a_double_click_invites_once(self, w):
        kwargs = dict(
            actor=w.users["a_beheerder"],
            coalitie=w.coalitie,
            organisatie=w.orgs["e"],
            rol=PartnerRol.PARTNER,
        )
        assert s.partner_uitnodigen(**kwargs) == s.partner_uitnodigen(**kwargs)
        assert CoalitiePartner.objects.filter(organisatie=w.orgs["e"]).count() == 1
        assert len(events(w.coalitie, AuditEventType.COALITIE_PARTNER_UITGENODIGD)) == 3

    @pytest.mark.parametrize("rol", [PartnerRol.PENVOERDER, PartnerRol.FACILITEREND])
    def test_a_second_lead_is_refused(self, w, rol):
        with pytest.raises(DomainError):
            s.partner_uitnodigen(
                actor=w.users["a_beheerder"], coalitie=w.coalitie, organisatie=w.orgs["e"], rol=rol
            )

    @pytest.mark.parametrize("budget", [-1, 101, "veel"])
    def test_shares_are_percentages(self, w, budget):
        with pytest.raises(DomainError):
            s.partner_uitnodigen(
                actor=w.users["a_beheerder"],
                coalitie=w.coalitie,
                organisatie=w.orgs["e"],
                rol=PartnerRol.PARTNER,
                aandeel_budget=budget,
            )

    @pytest.mark.parametrize("wie", ["a_lid", "b_beheerder", "c_beheerder", "e_beheerder"])
    def test_only_the_leads_administrators_invite(self, w, wie):
        with pytest.raises(NotAllowed):
            s.partner_uitnodigen(
                actor=w.users[wie],
                coalitie=w.coalitie,
                organisatie=w.orgs["e"],
                rol=PartnerRol.PARTNER,
            )
        assert not CoalitiePartner.objects.filter(organisatie=w.orgs["e"]).exists()

    def test_an_accepted_partner_cannot_be_invited_again(self, w):
        with pytest.raises(DomainError):
            s.partner_uitnodigen(
                actor=w.users["a_beheerder"],
                coalitie=w.coalitie,
                organisatie=w.orgs["b"],
                rol=PartnerRol.PARTNER,
            )

    def test_a_declined_partner_can_be_invited_again(self, w):
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=False)
        opnieuw = s.partner_uitnodigen(
            actor=w.users["a_beheerder"],
            coalitie=w.coalitie,
            organisatie=w.orgs["c"],
            rol=PartnerRol.PARTNER,
            aandeel_budget=5,
        )
        assert opnieuw.pk == w.c.pk
        opnieuw.refresh_from_db()
        assert (opnieuw.status, opnieuw.rol, opnieuw.aandeel_budget) == (
            PartnerStatus.UITGENODIGD,
            PartnerRol.PARTNER,
            Decimal("5"),
        )
        assert opnieuw.beantwoord_op is None
        event = events(w.coalitie, AuditEventType.COALITIE_PARTNER_UITGENODIGD)[-1]
        assert (event.from_state, event.to_state) == (PartnerStatus.AFGEWEZEN, "uitgenodigd")

    def test_a_departed_partner_can_be_invited_again(self, w):
        s.coalitie_verlaten(actor=w.users["b_beheerder"], partner=w.b)
        opnieuw = s.partner_uitnodigen(
            actor=w.users["a_beheerder"],
            coalitie=w.coalitie,
            organisatie=w.orgs["b"],
            rol=PartnerRol.PARTNER,
        )
        assert (opnieuw.pk, opnieuw.status) == (w.b.pk, PartnerStatus.UITGENODIGD)


class TestCompetition:
    """Issue 13, rule 1: the competition rule is per lot."""

    def _tweede_coalitie(self, w, perceel=1):
        return s.coalitie_vormen(
            actor=w.users["e_beheerder"],
            traject=w.traject,
            organisatie=w.orgs["e"],
            naam="Tweede",
            percelen=[w.percelen[perceel]],
            rol=PartnerRol.PENVOERDER,
        )

    @pytest.mark.parametrize("org", ["b", "c"])  # accepted or invited in the first coalition
    def test_one_coalition_per_lot(self, w, org):
        tweede = self._tweede_coalitie(w, perceel=0)
        with pytest.raises(DomainError, match="Samen in De Boog") as fout:
            s.partner_uitnodigen(
                actor=w.users["e_beheerder"],
                coalitie=tweede,
                organisatie=w.orgs[org],
                rol=PartnerRol.PARTNER,
            )
        assert str(w.percelen[0]) in str(fout.value)
        assert not CoalitiePartner.objects.filter(coalitie=tweede, organisatie=w.orgs[org]).exists()

    def test_a_partner_may_join_coalitions_on_different_lots_of_one_trajectory(self, w):
        tweede = self._tweede_coalitie(w, perceel=1)
        partner = s.partner_uitnodigen(
            actor=w.users["e_beheerder"],
            coalitie=tweede,
            organisatie=w.orgs["b"],
            rol=PartnerRol.PARTNER,
        )
        s.uitnodiging_beantwoorden(actor=w.users["b_beheerder"], partner=partner, accepteren=True)
        assert (
            CoalitiePartner.objects.filter(
                organisatie=w.orgs["b"], status=PartnerStatus.GEACCEPTEERD
            ).count()
            == 2
        )

    def test_changing_the_lots_checks_the_rule_for_every_partner(self, w):
        tweede = self._tweede_coalitie(w, perceel=1)
        s.partner_uitnodigen(
            actor=w.users["e_beheerder"],
            coalitie=tweede,
            organisatie=w.orgs["b"],
            rol=PartnerRol.PARTNER,
        )
        with pytest.raises(DomainError, match="Samen in De Boog"):
            s.coalitie_wijzigen(actor=w.users["e_beheerder"], coalitie=tweede, percelen=w.percelen)
        assert list(tweede.percelen.all()) == [w.percelen[1]]

    def test_a_coalition_cannot_move_onto_a_lot_where_its_partner_is_elsewhere(self, w):
        tweede = self._tweede_coalitie(w, perceel=1)
        partner = s.partner_uitnodigen(
            actor=w.users["e_beheerder"],
            coalitie=tweede,
            organisatie=w.orgs["b"],
            rol=PartnerRol.PARTNER,
        )
        # The first coalition moves onto lot 2 while B's invitation there is open: B is an
        # accepted partner in it, so the move is refused ...
        with pytest.raises(DomainError, match="Tweede"):
            s.coalitie_wijzigen(
                actor=w.users["a_beheerder"], coalitie=w.coalitie, percelen=w.percelen
            )
        # ... and B, having left the first coalition, may accept.
        s.coalitie_verlaten(actor=w.users["b_beheerder"], partner=w.b)
        s.uitnodiging_beantwoorden(actor=w.users["b_beheerder"], partner=partner, accepteren=True)

    def test_a_key_party_joins_every_coalition_as_key_party(self, w):
        sleutel = OrganisatieFactory(naam="De Basisschool")
        beheerder = LidmaatschapFactory(organisatie=sleutel, beheerder=True).user
        SleutelpartijFactory(traject=w.traject, organisatie=sleutel)
        tweede = self._tweede_coalitie(w, perceel=0)
        with pytest.raises(DomainError, match="sleutelpartij"):
            s.partner_uitnodigen(
                actor=w.users["a_beheerder"],
                coalitie=w.coalitie,
                organisatie=sleutel,
                rol=PartnerRol.PARTNER,
            )
        for coalitie, leider in ((w.coalitie, "a_beheerder"), (tweede, "e_beheerder")):
            partner = s.partner_uitnodigen(
                actor=w.users[leider],
                coalitie=coalitie,
                organisatie=sleutel,
                rol=PartnerRol.SLEUTELPARTIJ,
            )
            s.uitnodiging_beantwoorden(actor=beheerder, partner=partner, accepteren=True)
        assert (
            CoalitiePartner.objects.filter(
                organisatie=sleutel, status=PartnerStatus.GEACCEPTEERD
            ).count()
            == 2
        )

    def test_only_a_key_party_takes_the_key_party_role(self, w):
        tweede = self._tweede_coalitie(w)
        with pytest.raises(DomainError):
            s.partner_uitnodigen(
                actor=w.users["e_beheerder"],
                coalitie=tweede,
                organisatie=w.orgs["b"],
                rol=PartnerRol.SLEUTELPARTIJ,
            )

    def test_a_key_party_does_not_form_a_coalition(self, w):
        SleutelpartijFactory(traject=w.traject, organisatie=w.orgs["e"])
        with pytest.raises(DomainError, match="sleutelpartij"):
            self._tweede_coalitie(w)

    def test_a_key_party_of_another_trajectory_is_not_exempt(self, w):
        SleutelpartijFactory(organisatie=w.orgs["b"])  # another trajectory
        tweede = self._tweede_coalitie(w, perceel=0)
        with pytest.raises(DomainError):
            s.partner_uitnodigen(
                actor=w.users["e_beheerder"],
                coalitie=tweede,
                organisatie=w.orgs["b"],
                rol=PartnerRol.PARTNER,
            )

    def test_a_subcontractor_serves_a_second_coalition_on_a_lot_only_after_its_declaration(self, w):
        tweede = self._tweede_coalitie(w, perceel=0)
        # C is an invited subcontractor of the first coalition on lot 1.
        with pytest.raises(DomainError, match="onafhankelijkheidsverklaring"):
            s.partner_uitnodigen(
                actor=w.users["e_beheerder"],
                coalitie=tweede,
                organisatie=w.orgs["c"],
                rol=PartnerRol.ONDERAANNEMER,
            )
        # Only its administrator signs, for a lot of this trajectory.
        with pytest.raises(NotAllowed):
            s.onafhankelijkheid_verklaren(
                actor=w.users["c_lid"],
                organisatie=w.orgs["c"],
                traject=w.traject,
                perceel=w.percelen[0],
            )
        verklaring = s.onafhankelijkheid_verklaren(
            actor=w.users["c_beheerder"],
            organisatie=w.orgs["c"],
            traject=w.traject,
            perceel=w.percelen[0],
        )
        assert "geen informatie" in verklaring.tekst
        event = AuditEvent.objects.get(event_type=AuditEventType.ONAFHANKELIJKHEID_VERKLAARD)
        assert event.detail == {"traject": w.traject.pk, "perceel": w.percelen[0].pk}
        # As a partner it may still not join the second coalition on the same lot.
        with pytest.raises(DomainError):
            s.partner_uitnodigen(
                actor=w.users["e_beheerder"],
                coalitie=tweede,
                organisatie=w.orgs["c"],
                rol=PartnerRol.PARTNER,
            )
        partner = s.partner_uitnodigen(
            actor=w.users["e_beheerder"],
            coalitie=tweede,
            organisatie=w.orgs["c"],
            rol=PartnerRol.ONDERAANNEMER,
        )
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=partner, accepteren=True)
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=True)
        # Its role cannot become partner in one of them while it serves the other.
        with pytest.raises(DomainError):
            s.partner_wijzigen(
                actor=w.users["e_beheerder"], partner=partner, rol=PartnerRol.PARTNER
            )
        partner.refresh_from_db()
        assert partner.rol == PartnerRol.ONDERAANNEMER

    def test_after_declining_or_leaving_the_organisation_is_free(self, w):
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=False)
        s.coalitie_verlaten(actor=w.users["b_beheerder"], partner=w.b)
        tweede = self._tweede_coalitie(w)
        for org in ("b", "c"):
            s.partner_uitnodigen(
                actor=w.users["e_beheerder"],
                coalitie=tweede,
                organisatie=w.orgs[org],
                rol=PartnerRol.PARTNER,
            )
            # The invitation stands, and the organisation's administrator is told about it.
            assert CoalitiePartner.objects.get(coalitie=tweede, organisatie=w.orgs[org]).status == (
                PartnerStatus.UITGENODIGD
            )
            assert Notificatie.objects.filter(
                user=w.users[f"{org}_beheerder"], url=tweede.get_absolute_url()
            ).exists()
        uitgenodigd = events(tweede, AuditEventType.COALITIE_PARTNER_UITGENODIGD)
        assert sorted(e.detail["organisatie_id"] for e in uitgenodigd) == sorted(
            [w.orgs["b"].pk, w.orgs["c"].pk]
        )

    def test_another_trajectory_does_not_count(self, w, gemeente):
        ander = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
        elders = s.coalitie_vormen(
            actor=w.users["b_beheerder"],
            traject=ander,
            organisatie=w.orgs["b"],
            naam="Elders",
            percelen=[],
            rol=PartnerRol.PENVOERDER,
        )
        # Organisation B now leads a coalition there and is still a partner here.
        (rij,) = coalities_van_traject(ander)
        assert rij.coalitie == elders and rij.leider.organisatie == w.orgs["b"]
        assert elders.partners.get().organisatie == w.orgs["b"]
        assert elders.partners.get().status == PartnerStatus.GEACCEPTEERD
        w.b.refresh_from_db()
        assert w.b.status == PartnerStatus.GEACCEPTEERD
        assert len(events(elders, AuditEventType.COALITIE_GEVORMD)) == 1


class TestAnswering:
    def test_accepting_counts_and_tells_the_lead(self, w):
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=True)
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.GEACCEPTEERD and w.c.beantwoord_op is not None
        event = events(w.coalitie, AuditEventType.COALITIE_PARTNER_GEACCEPTEERD)[-1]
        assert event.actor == w.users["c_beheerder"]
        assert event.detail["organisatie_id"] == w.orgs["c"].pk
        melding = Notificatie.objects.filter(user=w.users["a_beheerder"]).first()
        assert melding.url == w.coalitie.get_absolute_url()
        assert "@" not in melding.tekst

    def test_declining(self, w):
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=False)
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.AFGEWEZEN
        assert len(events(w.coalitie, AuditEventType.COALITIE_PARTNER_AFGEWEZEN)) == 1
        with pytest.raises(DomainError):  # a declined invitation cannot be accepted afterwards
            s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=True)

    def test_a_double_click_answers_once(self, w):
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=True)
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=True)
        assert len(events(w.coalitie, AuditEventType.COALITIE_PARTNER_GEACCEPTEERD)) == 2  # b, c

    @pytest.mark.parametrize("wie", ["c_lid", "a_beheerder", "e_beheerder"])
    def test_only_the_invited_administrators_answer(self, w, wie):
        with pytest.raises(NotAllowed):
            s.uitnodiging_beantwoorden(actor=w.users[wie], partner=w.c, accepteren=True)
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.UITGENODIGD

    def test_an_invitation_counts_only_after_it_is_accepted(self, w):
        overzicht = coalitie_overzicht(w.users["a_beheerder"], w.coalitie)
        assert overzicht.totaal_budget == Decimal("80")
        assert [st.naam for st in overzicht.staven] == ["Organisatie A", "Organisatie B"]
        assert [p.organisatie for p in overzicht.wachtend] == [w.orgs["c"]]
        assert not overzicht.budget_klopt
        (rij,) = coalities_van_traject(w.traject)
        assert (rij.aantal_partners, rij.aantal_uitgenodigd, rij.totaal_budget) == (
            2,
            1,
            Decimal("80"),
        )
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=True)
        overzicht = coalitie_overzicht(w.users["a_beheerder"], w.coalitie)
        assert overzicht.totaal_budget == Decimal("100") and overzicht.budget_klopt
        assert overzicht.totaal_zeggenschap == Decimal("100") and overzicht.zeggenschap_klopt
        assert len(overzicht.staven) == 3 and overzicht.wachtend == []
        (rij,) = coalities_van_traject(w.traject)
        assert (rij.aantal_partners, rij.aantal_uitgenodigd, rij.verdeling_klopt) == (3, 0, True)


class TestChangingAPartner:
    def test_old_and_new_values_are_audited(self, w):
        s.partner_wijzigen(
            actor=w.users["a_beheerder"],
            partner=w.b,
            rol=PartnerRol.ONDERAANNEMER,
            aandeel_budget=Decimal("25"),
            bijdrage="Jongerenwerkers",
        )
        w.b.refresh_from_db()
        assert (w.b.rol, w.b.aandeel_budget) == (PartnerRol.ONDERAANNEMER, Decimal("25"))
        (event,) = events(w.coalitie, AuditEventType.COALITIE_PARTNER_GEWIJZIGD)
        assert event.detail["voor"] == {"rol": "partner", "aandeel_budget": "30.00", "bijdrage": ""}
        assert event.detail["na"] == {
            "rol": "onderaannemer",
            "aandeel_budget": "25.00",
            "bijdrage": "Jongerenwerkers",
        }

    def test_nothing_changed_writes_nothing(self, w):
        s.partner_wijzigen(actor=w.users["a_beheerder"], partner=w.b, aandeel_budget=30)
        assert events(w.coalitie, AuditEventType.COALITIE_PARTNER_GEWIJZIGD) == []

    def test_the_lead_switches_to_facilitating_lead(self, w):
        s.partner_wijzigen(
            actor=w.users["a_beheerder"], partner=w.leider, rol=PartnerRol.FACILITEREND
        )
        w.leider.refresh_from_db()
        assert w.leider.rol == PartnerRol.FACILITEREND

    @pytest.mark.parametrize(
        "partner,rol",
        [
            ("b", PartnerRol.PENVOERDER),
            ("c", PartnerRol.FACILITEREND),
            ("leider", PartnerRol.PARTNER),
        ],
    )
    def test_one_lead(self, w, partner, rol):
        with pytest.raises(DomainError):
            s.partner_wijzigen(actor=w.users["a_beheerder"], partner=getattr(w, partner), rol=rol)

    @pytest.mark.parametrize("wie", ["a_lid", "b_beheerder", "e_beheerder"])
    def test_only_the_leads_administrators(self, w, wie):
        with pytest.raises(NotAllowed):
            s.partner_wijzigen(actor=w.users[wie], partner=w.b, aandeel_budget=90)
        w.b.refresh_from_db()
        assert w.b.aandeel_budget == Decimal("30")

    def test_a_departed_partner_is_not_changed(self, w):
        s.coalitie_verlaten(actor=w.users["b_beheerder"], partner=w.b)
        with pytest.raises(DomainError):
            s.partner_wijzigen(actor=w.users["a_beheerder"], partner=w.b, aandeel_budget=10)


class TestLeaving:
    def test_a_partner_leaves_and_the_lead_is_told(self, w):
        s.coalitie_verlaten(actor=w.users["b_beheerder"], partner=w.b)
        w.b.refresh_from_db()
        assert w.b.status == PartnerStatus.VERTROKKEN
        (event,) = events(w.coalitie, AuditEventType.COALITIE_PARTNER_VERTROKKEN)
        assert (event.from_state, event.to_state) == ("geaccepteerd", "vertrokken")
        assert Notificatie.objects.filter(
            user=w.users["a_beheerder"], url=w.coalitie.get_absolute_url()
        ).exists()
        s.coalitie_verlaten(actor=w.users["b_beheerder"], partner=w.b)  # a double click
        assert len(events(w.coalitie, AuditEventType.COALITIE_PARTNER_VERTROKKEN)) == 1

    def test_the_lead_cannot_leave(self, w):
        with pytest.raises(DomainError):
            s.coalitie_verlaten(actor=w.users["a_beheerder"], partner=w.leider)

    def test_an_invited_partner_declines_instead(self, w):
        with pytest.raises(DomainError):
            s.coalitie_verlaten(actor=w.users["c_beheerder"], partner=w.c)

    @pytest.mark.parametrize("wie", ["b_lid", "a_beheerder", "e_beheerder"])
    def test_only_the_partners_administrators(self, w, wie):
        with pytest.raises(NotAllowed):
            s.coalitie_verlaten(actor=w.users[wie], partner=w.b)
        w.b.refresh_from_db()
        assert w.b.status == PartnerStatus.GEACCEPTEERD


class TestLocking:
    """A coalition cannot change after its bid is submitted, except through a new bid version."""

    def wijzigingen(self, w):
        a = w.users["a_beheerder"]
        return {
            "coalitie_wijzigen": lambda: s.coalitie_wijzigen(
                actor=a, coalitie=w.coalitie, naam="X"
            ),
            "partner_uitnodigen": lambda: s.partner_uitnodigen(
                actor=a, coalitie=w.coalitie, organisatie=w.orgs["e"], rol=PartnerRol.PARTNER
            ),
            "partner_wijzigen": lambda: s.partner_wijzigen(actor=a, partner=w.b, aandeel_budget=1),
            "coalitie_verlaten": lambda: s.coalitie_verlaten(
                actor=w.users["b_beheerder"], partner=w.b
            ),
        }

    def test_locked_then_every_change_refused_then_a_new_version(self, w):
        s.coalitie_vergrendelen(actor=w.users["a_beheerder"], coalitie=w.coalitie)
        w.coalitie.refresh_from_db()
        assert w.coalitie.status == CoalitieStatus.VERGRENDELD
        (event,) = events(w.coalitie, AuditEventType.COALITIE_VERGRENDELD)
        assert (event.from_state, event.to_state) == ("open", "vergrendeld")
        aantal = AuditEvent.objects.count()
        for naam, wijziging in self.wijzigingen(w).items():
            with pytest.raises(DomainError) as exc:
                wijziging()
            assert str(exc.value) == vergrendeld_melding(), naam
            assert not isinstance(exc.value, NotAllowed), naam
        assert AuditEvent.objects.count() == aantal
        w.b.refresh_from_db()
        w.c.refresh_from_db()
        assert (w.b.status, w.b.aandeel_budget, w.c.status) == (
            PartnerStatus.GEACCEPTEERD,
            Decimal("30"),
            PartnerStatus.UITGENODIGD,
        )

        s.coalitie_openen_voor_nieuwe_versie(actor=w.users["a_beheerder"], coalitie=w.coalitie)
        w.coalitie.refresh_from_db()
        assert (w.coalitie.status, w.coalitie.versie) == (CoalitieStatus.OPEN, 2)
        (event,) = events(w.coalitie, AuditEventType.COALITIE_GEOPEND)
        assert event.detail == {"versie": 2}
        for wijziging in self.wijzigingen(w).values():
            wijziging()
        w.coalitie.refresh_from_db()
        w.b.refresh_from_db()
        assert w.coalitie.naam == "X"
        assert w.b.status == PartnerStatus.VERTROKKEN

    def test_double_lock_and_double_open_are_one_step(self, w):
        a = w.users["a_beheerder"]
        s.coalitie_vergrendelen(actor=a, coalitie=w.coalitie)
        s.coalitie_vergrendelen(actor=a, coalitie=w.coalitie)
        s.coalitie_openen_voor_nieuwe_versie(actor=a, coalitie=w.coalitie)
        s.coalitie_openen_voor_nieuwe_versie(actor=a, coalitie=w.coalitie)
        w.coalitie.refresh_from_db()
        assert w.coalitie.versie == 2
        assert len(events(w.coalitie, AuditEventType.COALITIE_VERGRENDELD)) == 1
        assert len(events(w.coalitie, AuditEventType.COALITIE_GEOPEND)) == 1

    @pytest.mark.parametrize("wie", ["a_lid", "b_beheerder", "e_beheerder"])
    def test_only_the_leads_administrators_lock_and_open(self, w, wie):
        with pytest.raises(NotAllowed):
            s.coalitie_vergrendelen(actor=w.users[wie], coalitie=w.coalitie)
        s.coalitie_vergrendelen(actor=w.users["a_beheerder"], coalitie=w.coalitie)
        with pytest.raises(NotAllowed):
            s.coalitie_openen_voor_nieuwe_versie(actor=w.users[wie], coalitie=w.coalitie)
        w.coalitie.refresh_from_db()
        assert (w.coalitie.status, w.coalitie.versie) == (CoalitieStatus.VERGRENDELD, 1)


def van_c(w):
    """C's acceptance events, oldest first."""
    return [
        e
        for e in sorted(
            events(w.coalitie, AuditEventType.COALITIE_PARTNER_GEACCEPTEERD), key=lambda e: e.pk
        )
        if e.detail.get("partner") == w.c.pk
    ]


class TestAnsweringWhileLocked:
    """Issue 11, point 6: an invitation can be answered while a submitted bid locks the
    coalition. Accepting then counts from the next version of the bid."""

    def test_accepting_while_locked_is_recorded_and_counts_from_the_next_version(
        self, w, mailoutbox, django_capture_on_commit_callbacks
    ):
        a, c = w.users["a_beheerder"], w.users["c_beheerder"]
        s.coalitie_vergrendelen(actor=a, coalitie=w.coalitie)
        with django_capture_on_commit_callbacks(execute=True):
            partner = s.uitnodiging_beantwoorden(actor=c, partner=w.c, accepteren=True)
        w.c.refresh_from_db()
        # Recorded, but the submitted bid's organisations do not change.
        assert w.c.status == PartnerStatus.UITGENODIGD and w.c.toegezegd_op is not None
        assert partner.is_toegezegd
        (event,) = van_c(w)
        assert (event.from_state, event.to_state, event.actor) == ("uitgenodigd", "toegezegd", c)
        assert event.detail["vanaf_versie"] == 2
        assert any("volgende versie" in m.body for m in mailoutbox)
        # A double click changes nothing.
        s.uitnodiging_beantwoorden(actor=c, partner=w.c, accepteren=True)
        assert len(van_c(w)) == 1

        # The next version: now it takes part.
        s.coalitie_openen_voor_nieuwe_versie(actor=a, coalitie=w.coalitie)
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.GEACCEPTEERD
        laatste = van_c(w)[-1]
        assert (laatste.from_state, laatste.to_state) == ("toegezegd", "geaccepteerd")
        assert laatste.detail["versie"] == 2

    def test_declining_while_locked_is_recorded_at_once(self, w):
        s.coalitie_vergrendelen(actor=w.users["a_beheerder"], coalitie=w.coalitie)
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=False)
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.AFGEWEZEN
        (event,) = events(w.coalitie, AuditEventType.COALITIE_PARTNER_AFGEWEZEN)
        assert (event.from_state, event.to_state) == ("uitgenodigd", "afgewezen")

    def test_declining_after_accepting_for_the_next_version(self, w):
        a, c = w.users["a_beheerder"], w.users["c_beheerder"]
        s.coalitie_vergrendelen(actor=a, coalitie=w.coalitie)
        s.uitnodiging_beantwoorden(actor=c, partner=w.c, accepteren=True)
        s.uitnodiging_beantwoorden(actor=c, partner=w.c, accepteren=False)
        w.c.refresh_from_db()
        assert (w.c.status, w.c.toegezegd_op) == (PartnerStatus.AFGEWEZEN, None)
        (event,) = events(w.coalitie, AuditEventType.COALITIE_PARTNER_AFGEWEZEN)
        assert event.from_state == "toegezegd"
        # It does not join the next version.
        s.coalitie_openen_voor_nieuwe_versie(actor=a, coalitie=w.coalitie)
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.AFGEWEZEN

    def test_only_its_administrators_answer_while_locked(self, w):
        s.coalitie_vergrendelen(actor=w.users["a_beheerder"], coalitie=w.coalitie)
        for wie in ("c_lid", "a_beheerder", "e_beheerder"):
            with pytest.raises(NotAllowed):
                s.uitnodiging_beantwoorden(actor=w.users[wie], partner=w.c, accepteren=True)
        w.c.refresh_from_db()
        assert (w.c.status, w.c.toegezegd_op) == (PartnerStatus.UITGENODIGD, None)


@pytest.mark.django_db(transaction=True)
def test_a_change_racing_the_lock_waits_and_is_refused(gemeente):
    """The lock holds the coalition row; a change that started meanwhile waits, then is refused."""
    w = maak_wereld(gemeente)
    vergrendeld = threading.Event()
    klaar = threading.Event()
    uitkomst = {}

    def wijzig():
        try:
            vergrendeld.wait(5)
            s.partner_wijzigen(actor=w.users["a_beheerder"], partner=w.b, aandeel_budget=1)
            uitkomst["fout"] = None
        except DomainError as exc:
            uitkomst["fout"] = exc
        finally:
            klaar.set()
            connection.close()

    draad = threading.Thread(target=wijzig)
    draad.start()
    with transaction.atomic():
        Coalitie.objects.select_for_update().get(pk=w.coalitie.pk)
        Coalitie.objects.filter(pk=w.coalitie.pk).update(status=CoalitieStatus.VERGRENDELD)
        vergrendeld.set()
        assert not klaar.wait(0.5)  # the change waits for the lock
    draad.join(5)
    assert str(uitkomst["fout"]) == vergrendeld_melding()
    w.b.refresh_from_db()
    assert w.b.aandeel_budget == Decimal("30")


class TestLeadShareFlag:
    @pytest.mark.parametrize(
        "instelling,aandeel,vlag",
        [
            (60, "60", False),
            (60, "60.01", True),
            (60, "61", True),
            (80, "61", False),
            (80, "80", False),
            (80, "81", True),
        ],
    )
    def test_the_lead_is_flagged_above_the_gemeente_setting(self, w, instelling, aandeel, vlag):
        gemeente = w.traject.gemeente
        gemeente.penvoerder_max_aandeel = instelling
        gemeente.save()
        CoalitiePartner.objects.filter(pk=w.leider.pk).update(aandeel_budget=Decimal(aandeel))
        coalitie = Coalitie.objects.select_related("traject__gemeente").get(pk=w.coalitie.pk)
        overzicht = coalitie_overzicht(w.users["a_beheerder"], coalitie)
        assert overzicht.penvoerder_te_groot is vlag
        assert overzicht.max_aandeel == instelling
        (rij,) = coalities_van_traject(coalitie.traject)
        assert rij.penvoerder_te_groot is vlag

    def test_only_the_lead_is_flagged(self, w):
        CoalitiePartner.objects.filter(pk=w.c.pk).update(aandeel_budget=Decimal("90"))
        overzicht = coalitie_overzicht(w.users["a_beheerder"], w.coalitie)
        assert overzicht.penvoerder_te_groot is False


def test_history_holds_the_partner_events_newest_first(w):
    s.partner_wijzigen(actor=w.users["a_beheerder"], partner=w.b, aandeel_budget=35)
    soorten = [g.event.event_type for g in geschiedenis_van(w.coalitie)]
    assert soorten == [
        AuditEventType.COALITIE_PARTNER_GEWIJZIGD,
        AuditEventType.COALITIE_PARTNER_UITGENODIGD,
        AuditEventType.COALITIE_PARTNER_GEACCEPTEERD,
        AuditEventType.COALITIE_PARTNER_UITGENODIGD,
        AuditEventType.COALITIE_GEVORMD,
    ]
    gewijzigd = geschiedenis_van(w.coalitie)[0]
    assert gewijzigd.organisatie == "Organisatie B"
    assert [(oud, nieuw) for _label, oud, nieuw in gewijzigd.wijzigingen] == [("30.00", "35.00")]


def test_a_user_without_organisation_changes_nothing(w):
    burger = UserFactory()
    for call in (
        lambda: s.coalitie_wijzigen(actor=burger, coalitie=w.coalitie, naam="X"),
        lambda: s.partner_wijzigen(actor=burger, partner=w.b, aandeel_budget=1),
        lambda: s.coalitie_verlaten(actor=burger, partner=w.b),
        lambda: s.uitnodiging_beantwoorden(actor=burger, partner=w.c, accepteren=True),
        lambda: s.coalitie_vergrendelen(actor=burger, coalitie=w.coalitie),
    ):
        with pytest.raises(NotAllowed):
            call()


def test_factories_partner_rows_work_with_the_services(w):
    """Rows made by the shared factories (issue 6 will use them) go through the services."""
    partner = CoalitiePartnerFactory(coalitie=w.coalitie, organisatie=OrganisatieFactory())
    s.partner_wijzigen(actor=w.users["a_beheerder"], partner=partner, aandeel_zeggenschap=5)
    partner.refresh_from_db()
    assert partner.aandeel_zeggenschap == Decimal("5")


def test_the_lead_of_a_coalition_cannot_be_made_a_key_party(w, medewerker):
    """Issue 13, rule 1: a key party never reads a bid; a lead bids. So an officer cannot make
    the lead of a coalition on the trajectory a key party."""
    with pytest.raises(DomainError, match="sleutelpartij"):
        partnerbord.sleutelpartij_aanwijzen(
            actor=medewerker, traject=w.traject, organisatie=w.orgs["a"]
        )
    assert not w.traject.sleutelpartijen.exists()
