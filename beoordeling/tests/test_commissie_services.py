"""The selection committee's services and selectors: composition, invitation, declarations,
scores and assessments, progress."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.urls import reverse

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, UitgaandeMail, User
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling import permissions
from beoordeling.constants import BodStatus, Leeftijdsgroep, Ronde
from beoordeling.models import Belangenverklaring, Beoordeling, Commissielid, Score
from beoordeling.selectors import commissie as sel
from beoordeling.selectors import kluis
from beoordeling.services import commissie as s
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    BodFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    ScoreFactory,
    alles_verklaard,
    verklaren,
)
from coalities.constants import PartnerRol, PartnerStatus
from coalities.models import Sleutelpartij
from coalities.tests.factories import CoalitieFactory, CoalitiePartnerFactory, OrganisatieFactory
from trajecten.constants import Gunningswijze
from trajecten.tests.factories import CriteriumFactory, PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@dataclass
class Wereld:
    traject: object
    perceel: object
    criteria: list
    biedingen: list
    leden: list
    medewerker: object
    extra: dict = field(default_factory=dict)


def maak_wereld(gemeente, medewerker, *, biedingen=2, leden=3, geopend=True, gunningswijze=None):
    """A published trajectory with one lot, two criteria (1..10 and 0..5), submitted bids,
    a committee, and (by default) the outline stage's vault opened."""
    traject = TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        aangemaakt_door=medewerker,
        gunningswijze=gunningswijze or Gunningswijze.GEWOGEN_ZONDER_PRIJS,
    )
    perceel = PerceelFactory(traject=traject)
    criteria = [
        CriteriumFactory(traject=traject, naam="Maatschappelijke waarde", weging=60),
        CriteriumFactory(traject=traject, naam="Draagvlak", schaal_min=0, schaal_max=5, weging=40),
    ]
    bids = [BodFactory(perceel=perceel, ingediend=True) for _ in range(biedingen)]
    if geopend:
        KluisOpeningFactory(traject=traject, geopend=True)
        alles_verklaard(medewerker, traject)
    commissie = [CommissielidFactory(traject=traject) for _ in range(leden)]
    return Wereld(traject, perceel, criteria, bids, commissie, medewerker)


def alles_scoren(lid, bod, criteria, waarde=None, **kwargs):
    for criterium in criteria:
        s.score_opslaan(
            actor=lid.user,
            bod=bod,
            criterium=criterium,
            waarde=waarde if waarde is not None else criterium.schaal_max,
            motivatie="Goed plan.",
            **kwargs,
        )


def tekenen_en_indienen(lid, bod, criteria, **kwargs):
    verklaren(actor=lid.user, bod=bod, conflict=False)
    alles_scoren(lid, bod, criteria)
    return s.beoordeling_indienen(actor=lid.user, bod=bod, **kwargs)


def events(event_type):
    return AuditEvent.objects.filter(event_type=event_type)


# --- composition ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "bewoners,totaal,percentage,meerderheid",
    [(4, 6, 67, True), (3, 6, 50, False), (1, 1, 100, True), (0, 2, 0, False), (2, 3, 67, True)],
)
def test_share_of_residents_and_majority(gemeente, bewoners, totaal, percentage, meerderheid):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    for i in range(totaal):
        CommissielidFactory(traject=traject, is_bewoner=i < bewoners)
    samenstelling = sel.samenstelling(traject)
    assert (samenstelling.bewoners, samenstelling.aantal) == (bewoners, totaal)
    assert samenstelling.percentage_bewoners == percentage
    assert samenstelling.meerderheid_bewoners is meerderheid


def test_summary_of_age_groups_and_neighbourhoods_counts_not_given(gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    CommissielidFactory(traject=traject, leeftijdsgroep=Leeftijdsgroep.BOVEN_65, buurt="Woensel")
    CommissielidFactory(traject=traject, leeftijdsgroep=Leeftijdsgroep.BOVEN_65, buurt="Woensel")
    CommissielidFactory(traject=traject, leeftijdsgroep=Leeftijdsgroep.ONDER_25, buurt="Strijp")
    CommissielidFactory(traject=traject)
    samenstelling = sel.samenstelling(traject)
    groepen = {str(label): n for label, n in samenstelling.leeftijdsgroepen}
    assert groepen[str(Leeftijdsgroep.BOVEN_65.label)] == 2
    assert groepen[str(Leeftijdsgroep.ONDER_25.label)] == 1
    assert samenstelling.leeftijdsgroepen[-1][1] == 1  # "not given" last
    assert samenstelling.buurten[:2] == [("Woensel", 2), ("Strijp", 1)]
    assert samenstelling.buurten[-1][1] == 1


def test_invitation_makes_a_light_account_and_mails_the_login_by_code_link(
    gemeente, medewerker, mailoutbox, django_capture_on_commit_callbacks
):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    with django_capture_on_commit_callbacks(execute=True):
        lid = s.commissielid_uitnodigen(
            actor=medewerker, traject=traject, naam="Bea Bewoner", email="bea@wijk.nl"
        )
    user = User.objects.get(email="bea@wijk.nl")
    assert lid.user == user and lid.is_bewoner and lid.traject == traject
    assert user.naam == "Bea Bewoner"
    assert not user.has_usable_password()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["bea@wijk.nl"]
    assert traject.titel in mail.subject
    volgende = reverse("beoordeling:commissie_biedingen", args=[traject.pk])
    assert reverse("account_request_login_code") == "/accounts/login/code/"
    assert "/accounts/login/code/?next=" + volgende.replace("/", "%2F") in mail.body
    assert mail.body.startswith("Dear Bea Bewoner") or "Bea Bewoner" in mail.body
    event = events(AuditEventType.COMMISSIELID_TOEGEVOEGD).get()
    assert event.actor == medewerker and event.detail["user"] == "bea@wijk.nl"


def test_no_mail_before_commit(gemeente, medewerker, mailoutbox):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    s.commissielid_uitnodigen(actor=medewerker, traject=traject, naam="Bea", email="b@wijk.nl")
    assert mailoutbox == []
    assert UitgaandeMail.objects.filter(aan="b@wijk.nl").count() == 1


def test_inviting_twice_makes_one_member_and_one_mail(
    gemeente, medewerker, mailoutbox, django_capture_on_commit_callbacks
):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    bestaand = UserFactory(email="kees@wijk.nl")
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("kees@wijk.nl", "KEES@wijk.nl"):
            s.commissielid_uitnodigen(actor=medewerker, traject=traject, naam="Kees", email=email)
    assert list(Commissielid.objects.filter(traject=traject).values_list("user", flat=True)) == [
        bestaand.pk
    ]
    assert len(mailoutbox) == 1
    assert User.objects.filter(email__iexact="kees@wijk.nl").count() == 1


@pytest.mark.parametrize("email", ["", "geen-adres"])
def test_invitation_needs_a_valid_address(gemeente, medewerker, email):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    with pytest.raises(DomainError):
        s.commissielid_uitnodigen(actor=medewerker, traject=traject, naam="X", email=email)
    assert not Commissielid.objects.exists()


def test_only_medewerkers_of_the_gemeente_compose(gemeente, andere_gemeente, burger):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    ander = MedewerkerFactory(gemeente=andere_gemeente).user
    for actor in (burger, ander):
        with pytest.raises(NotAllowed):
            s.commissielid_uitnodigen(actor=actor, traject=traject, naam="X", email="x@wijk.nl")
        with pytest.raises(NotAllowed):
            s.commissielid_toevoegen(actor=actor, traject=traject, user=burger)
    assert not Commissielid.objects.exists()
    assert not User.objects.filter(email="x@wijk.nl").exists()


def test_one_chair(gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    a, b = CommissielidFactory(traject=traject), CommissielidFactory(traject=traject)
    s.voorzitter_instellen(actor=medewerker, lid=a)
    s.voorzitter_instellen(actor=medewerker, lid=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.is_voorzitter, b.is_voorzitter) == (False, True)
    s.voorzitter_instellen(actor=medewerker, lid=b, is_voorzitter=False)
    assert not Commissielid.objects.filter(is_voorzitter=True).exists()
    assert events(AuditEventType.COMMISSIELID_GEWIJZIGD).count() == 3


def test_remove_a_member_before_assessing_only(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    vrij, gestart = w.leden[0], w.leden[1]
    s.commissielid_verwijderen(actor=medewerker, lid=vrij)
    assert not Commissielid.objects.filter(pk=vrij.pk).exists()
    assert events(AuditEventType.COMMISSIELID_VERWIJDERD).get().detail["user"] == vrij.user.email
    verklaren(actor=gestart.user, bod=w.biedingen[0], conflict=True)
    with pytest.raises(DomainError):
        s.commissielid_verwijderen(actor=medewerker, lid=gestart)
    assert Commissielid.objects.filter(pk=gestart.pk).exists()
    with pytest.raises(NotAllowed):
        s.commissielid_verwijderen(actor=w.leden[2].user, lid=w.leden[2])


def test_member_declares_own_details(gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    lid, ander = CommissielidFactory(traject=traject), CommissielidFactory(traject=traject)
    s.gegevens_wijzigen(
        actor=lid.user, lid=lid, leeftijdsgroep=Leeftijdsgroep.VAN_45_TOT_65, buurt=" Gestel "
    )
    lid.refresh_from_db()
    assert (lid.leeftijdsgroep, lid.buurt) == (Leeftijdsgroep.VAN_45_TOT_65, "Gestel")
    event = events(AuditEventType.COMMISSIELID_GEWIJZIGD).get()
    assert event.detail == {"velden": ["leeftijdsgroep", "buurt"]}
    s.gegevens_wijzigen(
        actor=lid.user, lid=lid, leeftijdsgroep=Leeftijdsgroep.VAN_45_TOT_65, buurt="Gestel"
    )
    assert events(AuditEventType.COMMISSIELID_GEWIJZIGD).count() == 1  # nothing changed
    with pytest.raises(NotAllowed):
        s.gegevens_wijzigen(actor=ander.user, lid=lid, buurt="Elders")
    with pytest.raises(DomainError):
        s.gegevens_wijzigen(actor=lid.user, lid=lid, leeftijdsgroep="99")


# --- declarations --------------------------------------------------------------------


def test_declaration_once(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    lid, bod = w.leden[0], w.biedingen[0]
    eerste = verklaren(actor=lid.user, bod=bod, conflict=False)
    tweede = verklaren(actor=lid.user, bod=bod, conflict=True, toelichting="toch")
    assert eerste.pk == tweede.pk and not tweede.conflict
    assert Belangenverklaring.objects.filter(user=lid.user).count() == 1
    event = events(AuditEventType.VERKLARING_GETEKEND).get()
    assert event.detail == {"perceel": w.perceel.pk, "conflict": False, "organisaties": 2}
    assert event.gemeente == gemeente
    assert events(AuditEventType.GEHEIMHOUDING_GETEKEND).get().actor == lid.user


def test_declaration_only_after_opening_and_only_by_members_and_medewerkers(
    gemeente, medewerker, burger
):
    w = maak_wereld(gemeente, medewerker, geopend=False)
    with pytest.raises(DomainError):
        verklaren(actor=w.leden[0].user, bod=w.biedingen[0], conflict=False)
    # The lot's declaration needs the confidentiality declaration first.
    with pytest.raises(DomainError, match="geheimhoudingsverklaring|confidentiality"):
        s.verklaring_tekenen(actor=w.leden[1].user, perceel=w.perceel, conflict=False)
    KluisOpeningFactory(traject=w.traject, geopend=True)
    with pytest.raises(NotAllowed):
        verklaren(actor=burger, bod=w.biedingen[0], conflict=False)
    ander = CommissielidFactory()  # a member of another trajectory's committee
    with pytest.raises(NotAllowed):
        verklaren(actor=ander.user, bod=w.biedingen[0], conflict=False)
    assert not Belangenverklaring.objects.exists()
    # Issue 13, rule 5: an officer of the gemeente who reads the bids signs too.
    assert not verklaren(actor=medewerker, bod=w.biedingen[0], conflict=False).conflict


def test_a_withdrawn_bid_is_not_for_the_committee(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    bod, ander = w.biedingen
    bod.status = BodStatus.INGETROKKEN
    bod.save()
    verklaring = verklaren(actor=w.leden[0].user, bod=ander, conflict=False)
    assert [o["naam"] for o in verklaring.organisaties] == [ander.organisatie.naam]
    assert [r.bod for r in sel.biedingen_van_lid(w.leden[0])] == [ander]
    with pytest.raises(DomainError):
        s.score_opslaan(actor=w.leden[0].user, bod=bod, criterium=w.criteria[0], waarde=5)


# --- scores ---------------------------------------------------------------------------


def test_scale_is_validated(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    lid, bod = w.leden[0], w.biedingen[0]
    tien, vijf = w.criteria
    verklaren(actor=lid.user, bod=bod, conflict=False)
    for criterium, waarde in ((tien, 0), (tien, 11), (vijf, -1), (vijf, 6), (tien, "zeven")):
        with pytest.raises(DomainError):
            s.score_opslaan(actor=lid.user, bod=bod, criterium=criterium, waarde=waarde)
    assert not Score.objects.exists()
    s.score_opslaan(actor=lid.user, bod=bod, criterium=tien, waarde=1)
    s.score_opslaan(actor=lid.user, bod=bod, criterium=tien, waarde=10, motivatie="Sterk")
    s.score_opslaan(actor=lid.user, bod=bod, criterium=vijf, waarde=0)
    assert dict(Score.objects.values_list("criterium", "waarde")) == {tien.pk: 10, vijf.pk: 0}
    assert events(AuditEventType.SCORE_OPGESLAGEN).count() == 3
    s.score_opslaan(actor=lid.user, bod=bod, criterium=tien, waarde=10, motivatie="Sterk")
    assert events(AuditEventType.SCORE_OPGESLAGEN).count() == 3  # unchanged: nothing written


def test_criterion_of_another_trajectory_is_refused(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    lid, bod = w.leden[0], w.biedingen[0]
    verklaren(actor=lid.user, bod=bod, conflict=False)
    with pytest.raises(DomainError):
        s.score_opslaan(actor=lid.user, bod=bod, criterium=CriteriumFactory(), waarde=5)


def test_not_applicable_is_stored_without_a_value(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    lid, bod = w.leden[0], w.biedingen[0]
    verklaren(actor=lid.user, bod=bod, conflict=False)
    score = s.score_opslaan(
        actor=lid.user, bod=bod, criterium=w.criteria[0], waarde=5, niet_van_toepassing=True
    )
    assert score.niet_van_toepassing and score.waarde is None


def test_no_scoring_without_declaration_or_with_a_conflict(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    zonder, gewraakt = w.leden[0], w.leden[1]
    bod = w.biedingen[0]
    verklaren(actor=gewraakt.user, bod=bod, conflict=True)
    for lid in (zonder, gewraakt):
        with pytest.raises(NotAllowed):
            s.score_opslaan(actor=lid.user, bod=bod, criterium=w.criteria[0], waarde=5)
        with pytest.raises(NotAllowed):
            s.beoordeling_indienen(actor=lid.user, bod=bod)
    assert not Score.objects.exists()


def test_submission_needs_every_criterion_and_motivation(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    lid, bod = w.leden[0], w.biedingen[0]
    tien, vijf = w.criteria
    verklaren(actor=lid.user, bod=bod, conflict=False)
    s.score_opslaan(actor=lid.user, bod=bod, criterium=tien, waarde=8, motivatie="Goed")
    with pytest.raises(DomainError, match="Draagvlak"):
        s.beoordeling_indienen(actor=lid.user, bod=bod)
    s.score_opslaan(actor=lid.user, bod=bod, criterium=vijf, niet_van_toepassing=True)
    with pytest.raises(DomainError):  # no motivation yet
        s.beoordeling_indienen(actor=lid.user, bod=bod)
    s.score_opslaan(
        actor=lid.user, bod=bod, criterium=vijf, niet_van_toepassing=True, motivatie="Past niet"
    )
    beoordeling = s.beoordeling_indienen(actor=lid.user, bod=bod)
    assert beoordeling.ingediend_op is not None
    again = s.beoordeling_indienen(actor=lid.user, bod=bod)  # a double click
    assert again.pk == beoordeling.pk
    assert Beoordeling.objects.count() == 1
    assert events(AuditEventType.BEOORDELING_INGEDIEND).count() == 1
    with pytest.raises(DomainError):  # fixed after submission
        s.score_opslaan(actor=lid.user, bod=bod, criterium=tien, waarde=2, motivatie="Anders")
    assert Score.objects.get(criterium=tien).waarde == 8


def test_quality_only_needs_a_judgement_and_a_rank(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, gunningswijze=Gunningswijze.KWALITEIT, biedingen=3)
    lid, bod = w.leden[0], w.biedingen[0]
    verklaren(actor=lid.user, bod=bod, conflict=False)
    alles_scoren(lid, bod, w.criteria)
    with pytest.raises(DomainError):
        s.beoordeling_indienen(actor=lid.user, bod=bod)
    with pytest.raises(DomainError):
        s.beoordeling_indienen(actor=lid.user, bod=bod, oordeel="Mooi plan")
    with pytest.raises(DomainError):  # 3 bids in the lot: rank 4 does not exist
        s.beoordeling_indienen(actor=lid.user, bod=bod, oordeel="Mooi plan", rang=4)
    s.oordeel_opslaan(actor=lid.user, bod=bod, oordeel="Mooi plan", rang=2)
    beoordeling = s.beoordeling_indienen(actor=lid.user, bod=bod)  # what was saved counts
    assert (beoordeling.oordeel, beoordeling.rang) == ("Mooi plan", 2)
    assert beoordeling.ingediend_op is not None


def test_gemiddelde_never_counts_not_applicable_as_zero(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    bod, criterium = w.biedingen[0], w.criteria[0]
    scores = [
        ScoreFactory(commissielid=w.leden[0], bod=bod, criterium=criterium, waarde=7),
        ScoreFactory(
            commissielid=w.leden[1],
            bod=bod,
            criterium=criterium,
            waarde=None,
            niet_van_toepassing=True,
        ),
        ScoreFactory(commissielid=w.leden[2], bod=bod, criterium=criterium, waarde=9),
    ]
    assert sel.gemiddelde(scores) == Decimal("8.0")
    assert sel.gemiddelde([7, None, 8]) == Decimal("7.5")
    assert sel.gemiddelde(scores[1:2]) is None
    assert sel.gemiddelde([]) is None


# --- the member's list and progress ----------------------------------------------------


def test_states_of_the_bids_for_a_member(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=4)
    lid = w.leden[0]
    nog, gewraakt, scoren, klaar = w.biedingen
    # Declarations are per lot (issue 13): three lots.
    for bod in (nog, gewraakt):
        bod.perceel = PerceelFactory(traject=w.traject)
        bod.save()
    verklaren(actor=lid.user, bod=gewraakt, conflict=True)
    verklaren(actor=lid.user, bod=scoren, conflict=False)
    tekenen_en_indienen(lid, klaar, w.criteria)
    staten = {r.bod.pk: r.staat for r in sel.biedingen_van_lid(lid)}
    assert staten == {
        nog.pk: sel.VERKLAREN,
        gewraakt.pk: sel.CONFLICT,
        scoren.pk: sel.SCOREN,
        klaar.pk: sel.INGEDIEND,
    }


def test_nothing_before_any_vault_is_opened(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, geopend=False)
    assert sel.biedingen_van_lid(w.leden[0]) == []
    assert sel.voortgang(w.traject) == []


def test_both_stages_once_opened(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=1)
    uitwerking = BodFactory(perceel=w.perceel, ingediend=True, ronde=Ronde.UITWERKING)
    assert [r.bod.pk for r in sel.biedingen_van_lid(w.leden[0])] == [w.biedingen[0].pk]
    KluisOpeningFactory(traject=w.traject, ronde=Ronde.UITWERKING, geopend=True)
    assert {r.bod.pk for r in sel.biedingen_van_lid(w.leden[0])} == {
        w.biedingen[0].pk,
        uitwerking.pk,
    }


def test_progress_counts_members_not_recused(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=1, leden=6)
    bod = w.biedingen[0]
    for lid in w.leden[:3]:
        tekenen_en_indienen(lid, bod, w.criteria)
    verklaren(actor=w.leden[3].user, bod=bod, conflict=True)
    (regel,) = sel.voortgang(w.traject)
    assert (regel.aantal_klaar, regel.aantal) == (3, 5)
    assert {lid.pk for lid in regel.achter} == {w.leden[4].pk, w.leden[5].pk}


def test_panel_progress_in_one_query(gemeente, medewerker, django_assert_num_queries):
    w = maak_wereld(gemeente, medewerker, biedingen=3)
    lid = w.leden[0]
    w.biedingen[1].perceel = PerceelFactory(traject=w.traject)  # a conflict is per lot
    w.biedingen[1].save()
    verklaren(actor=lid.user, bod=w.biedingen[1], conflict=True)
    tekenen_en_indienen(lid, w.biedingen[0], w.criteria)
    CommissielidFactory(user=lid.user)  # another committee, nothing opened
    with django_assert_num_queries(1):
        rijen = {
            x.traject_id: (x.klaar, x.te_beoordelen) for x in sel.commissies_met_voortgang(lid.user)
        }
    assert rijen[w.traject.pk] == (1, 2)
    assert sorted(rijen.values()) == [(0, 0), (1, 2)]


def test_behind_members_for_reminders(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=2, leden=4)
    klaar, gewraakt, half, niets = w.leden
    for bod in w.biedingen:
        tekenen_en_indienen(klaar, bod, w.criteria)
    verklaren(actor=gewraakt.user, bod=w.biedingen[0], conflict=True)
    verklaren(actor=gewraakt.user, bod=w.biedingen[1], conflict=True)
    tekenen_en_indienen(half, w.biedingen[0], w.criteria)
    ongeopend = maak_wereld(gemeente, medewerker, geopend=False)
    achter = sel.achterlopende_leden([w.traject.pk, ongeopend.traject.pk])
    assert set(achter) == {w.traject.pk}
    assert {u.pk for u in achter[w.traject.pk]} == {half.user.pk, niets.user.pk}


def test_declaration_factory_is_compatible(gemeente, medewerker):
    """The shared factories make a member who can score once declared."""
    w = maak_wereld(gemeente, medewerker)
    BelangenverklaringFactory(commissielid=w.leden[0], bod=w.biedingen[0])
    assert permissions.mag_scoren(w.leden[0], w.biedingen[0])
    assert not permissions.mag_scoren(w.leden[1], w.biedingen[0])


# --- issue 13, rule 4: a committee bound to lots ------------------------------------------


def _twee_percelen(w):
    """A second lot with one opened bid (the world's lot keeps its bids)."""
    tweede = PerceelFactory(traject=w.traject, naam="Woensel")
    bod = BodFactory(perceel=tweede, ingediend=True)
    alles_verklaard(w.medewerker, w.traject)
    return tweede, bod


def test_a_member_bound_to_a_lot_reads_declares_and_scores_only_that_lot(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    tweede, ander_bod = _twee_percelen(w)
    bewoner = s.commissielid_toevoegen(
        actor=medewerker, traject=w.traject, user=UserFactory(), percelen=[w.perceel]
    )
    user = bewoner.user
    verklaren(actor=user, bod=w.biedingen[0], conflict=False)
    # The list, the vault and the scoring know only the member's lot.
    assert {r.bod.pk for r in sel.biedingen_van_lid(bewoner)} == {b.pk for b in w.biedingen}
    assert kluis.mag_inhoud_zien(user, w.biedingen[0])
    assert not kluis.mag_inhoud_zien(user, ander_bod)
    assert permissions.toegang(user, w.traject).staat(ander_bod) == permissions.GEEN
    with pytest.raises(NotAllowed):
        s.verklaring_tekenen(actor=user, perceel=tweede, conflict=False)
    with pytest.raises(NotAllowed):
        s.score_opslaan(actor=user, bod=ander_bod, criterium=w.criteria[0], waarde=5)
    assert s.score_opslaan(actor=user, bod=w.biedingen[0], criterium=w.criteria[0], waarde=5)
    # Progress: the member counts only for the bids of their lot.
    regels = {r.bod.pk: r for r in sel.voortgang(w.traject)}
    assert bewoner.pk not in {x.pk for x in regels[ander_bod.pk].achter}
    assert bewoner.pk in {x.pk for x in regels[w.biedingen[0].pk].achter}


def test_adding_and_changing_a_members_lots_is_one_event_each(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    tweede, _bod = _twee_percelen(w)
    lid = s.commissielid_uitnodigen(
        actor=medewerker,
        traject=w.traject,
        naam="Fatima Bewoner",
        email="fatima@example.org",
        percelen=[tweede.pk],
    )
    assert list(lid.percelen.all()) == [tweede]
    event = events(AuditEventType.COMMISSIELID_TOEGEVOEGD).get(detail__user="fatima@example.org")
    assert event.detail["percelen"] == [tweede.nummer]
    s.percelen_instellen(actor=medewerker, lid=lid, percelen=[w.perceel, tweede])
    assert set(lid.percelen.all()) == {w.perceel, tweede}
    gewijzigd = events(AuditEventType.COMMISSIELID_GEWIJZIGD).get()
    assert gewijzigd.detail["velden"] == ["percelen"]
    with pytest.raises(DomainError):
        s.percelen_instellen(actor=medewerker, lid=lid, percelen=[PerceelFactory()])
    with pytest.raises(NotAllowed):
        s.percelen_instellen(actor=lid.user, lid=lid, percelen=[])
    # Once the member has started, their lots stay as they are.
    verklaren(actor=lid.user, bod=w.biedingen[0], conflict=False)
    with pytest.raises(DomainError):
        s.percelen_instellen(actor=medewerker, lid=lid, percelen=[tweede])


def test_the_composition_counts_residents_per_lot_after_recusals(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, leden=0)
    tweede, ander_bod = _twee_percelen(w)
    strijp = [
        s.commissielid_toevoegen(
            actor=medewerker, traject=w.traject, user=UserFactory(), percelen=[w.perceel]
        )
        for _ in range(2)
    ]
    s.commissielid_toevoegen(actor=medewerker, traject=w.traject, user=UserFactory())
    s.commissielid_toevoegen(
        actor=medewerker, traject=w.traject, user=UserFactory(), is_bewoner=False
    )
    s.commissielid_toevoegen(
        actor=medewerker,
        traject=w.traject,
        user=UserFactory(),
        is_bewoner=False,
        percelen=[tweede],
    )
    per = {p.perceel.pk: p for p in sel.samenstelling(w.traject).percelen}
    assert (per[w.perceel.pk].bewoners_actief, per[w.perceel.pk].aantal_actief) == (3, 4)
    assert per[w.perceel.pk].meerderheid_bewoners
    assert (per[tweede.pk].bewoners_actief, per[tweede.pk].aantal_actief) == (1, 3)
    assert not per[tweede.pk].meerderheid_bewoners
    # Two residents of Strijp declare a conflict: no longer a majority of residents there.
    for lid in strijp:
        verklaren(actor=lid.user, bod=w.biedingen[0], conflict=True)
    per = {p.perceel.pk: p for p in sel.samenstelling(w.traject).percelen}
    assert (per[w.perceel.pk].bewoners_actief, per[w.perceel.pk].aantal_actief) == (1, 2)
    assert not per[w.perceel.pk].meerderheid_bewoners


# --- issue 13, rule 5: declarations before any bid is shown ------------------------------


def test_the_declaration_names_every_organisation_of_every_bid_on_the_lot(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=1, geopend=False)
    lead = OrganisatieFactory(naam="Wijkcoöperatie Oost")
    coalitie = CoalitieFactory(traject=w.traject, naam="Samen Oost")
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=lead, penvoerder=True)
    CoalitiePartnerFactory(
        coalitie=coalitie, organisatie=OrganisatieFactory(naam="Sportclub Oost"), geaccepteerd=True
    )
    CoalitiePartnerFactory(
        coalitie=coalitie,
        organisatie=OrganisatieFactory(naam="Schoonmaak BV"),
        rol=PartnerRol.ONDERAANNEMER,
    )
    school = OrganisatieFactory(naam="Basisschool De Boog")
    Sleutelpartij.objects.create(traject=w.traject, organisatie=school, aangewezen_door=medewerker)
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=school, geaccepteerd=True)
    CoalitiePartnerFactory(
        coalitie=coalitie,
        organisatie=OrganisatieFactory(naam="Vertrokken Stichting"),
        status=PartnerStatus.VERTROKKEN,
    )
    BodFactory(perceel=w.perceel, organisatie=lead, coalitie=coalitie, ingediend=True)
    KluisOpeningFactory(traject=w.traject, geopend=True)
    lid = w.leden[0]
    verklaring = verklaren(actor=lid.user, bod=w.biedingen[0], conflict=False)
    namen = {o["naam"]: o["rol"] for o in verklaring.organisaties}
    assert namen == {
        w.biedingen[0].organisatie.naam: "bieder",
        "Wijkcoöperatie Oost": "bieder",
        "Sportclub Oost": "partner",
        "Schoonmaak BV": "onderaannemer",
        "Basisschool De Boog": "sleutelpartij",
    }
    # The record stays true when the coalition changes later.
    lead.naam = "Nieuwe naam"
    lead.save()
    verklaring.refresh_from_db()
    assert "Wijkcoöperatie Oost" in {o["naam"] for o in verklaring.organisaties}


def test_a_medewerker_reads_nothing_before_both_declarations_nor_a_lot_with_a_conflict(
    gemeente, medewerker
):
    w = maak_wereld(gemeente, medewerker, geopend=False)
    tweede = PerceelFactory(traject=w.traject)
    ander_bod = BodFactory(perceel=tweede, ingediend=True)
    KluisOpeningFactory(traject=w.traject, geopend=True)
    collega = MedewerkerFactory(gemeente=gemeente).user
    bod = w.biedingen[0]
    assert not kluis.mag_inhoud_zien(collega, bod)
    assert permissions.toegang(collega, w.traject).staat(bod) == permissions.VERKLAREN
    s.geheimhouding_tekenen(actor=collega, traject=w.traject)
    assert not kluis.mag_inhoud_zien(collega, bod)  # the lot's declaration is missing
    s.verklaring_tekenen(actor=collega, perceel=w.perceel, conflict=False)
    assert kluis.mag_inhoud_zien(collega, bod) and kluis.mag_inhoud_zien(collega, w.biedingen[1])
    assert permissions.mag_perceel_inzien(collega, w.perceel)
    s.verklaring_tekenen(actor=collega, perceel=tweede, conflict=True)
    assert not kluis.mag_inhoud_zien(collega, ander_bod)
    assert permissions.heeft_conflict(collega, tweede)
    assert not permissions.heeft_conflict(collega, w.perceel)
    refused = permissions.mag_perceel_inzien(collega, tweede)
    assert not refused and "conflict" in refused.reden
    assert [b.pk for b in kluis.inzichtelijke_biedingen(collega, w.traject, Ronde.HOOFDLIJNEN)] == [
        b.pk
        for b in kluis.geopende_biedingen(w.traject, Ronde.HOOFDLIJNEN)
        if b.perceel == w.perceel
    ]
    # No consensus for the lot with the conflict.
    refused = permissions.mag_consensus_vastleggen(collega, w.traject, ander_bod)
    assert not refused
