"""The selection committee (issue 6, items 4 and 5): composing it, the members' own details,
the conflict-of-interest declarations, the scores and the submitted assessments.

Every transition runs under `transaction.atomic` with its row locked, checks the state and
writes its audit event in the same transaction; mail goes out after commit.

Scoring events are recorded on the member (`Commissielid`), not on the bid or the
trajectory: the bid's timeline may be shown to its bidder, the trajectory's to officers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from aanbesteden import notifications
from aanbesteden.exceptions import DomainError
from aanbesteden.permissions import Toestemming
from aanbesteden.services import account_voor
from beoordeling import events, permissions
from beoordeling.constants import BodStatus, Leeftijdsgroep
from beoordeling.models import (
    Belangenverklaring,
    Beoordeling,
    Commissielid,
    Geheimhoudingsverklaring,
    Score,
)
from beoordeling.selectors import kluis
from beoordeling.selectors.commissie import aantal_biedingen_in_perceel, organisaties_van_perceel
from trajecten.constants import Gunningswijze
from trajecten.models import Perceel, Traject

if TYPE_CHECKING:
    from aanbesteden.models import User
    from beoordeling.models import Bod
    from trajecten.models import Criterium

UITNODIGING_MAIL = "beoordeling/mail/commissie_uitnodiging.txt"


# --- composing the committee (officers) ------------------------------------------------


def _percelen_van(traject: Traject, percelen: Iterable[Perceel | int]) -> list[Perceel]:
    """The given lots (objects or ids) as lots of `traject`; DomainError for another's."""
    ids = {getattr(p, "pk", p) for p in percelen}
    if not ids:
        return []
    gevonden = list(Perceel.objects.filter(traject=traject, pk__in=ids).order_by("nummer"))
    if len(gevonden) != len(ids):
        raise DomainError(_("Choose lots of this trajectory."), veld="percelen")
    return gevonden


def commissielid_toevoegen(
    *,
    actor: User,
    traject: Traject,
    user: User,
    is_bewoner: bool = True,
    percelen: Iterable[Perceel | int] = (),
) -> Commissielid:
    """An officer of the trajectory's gemeente adds someone to its selection committee, for
    the whole trajectory or for the given lots (issue 13, rule 4)."""
    with transaction.atomic():
        permissions.mag_commissie_samenstellen(actor, traject).vereisen()
        gekozen = _percelen_van(traject, percelen)
        lid, created = Commissielid.objects.get_or_create(
            traject=traject, user=user, defaults={"is_bewoner": is_bewoner}
        )
        if created:
            lid.percelen.set(gekozen)
            events.commissielid_toegevoegd(
                actor=actor, traject=traject, user=user, is_bewoner=is_bewoner, percelen=gekozen
            )
    return lid


def inlog_link(traject: Traject) -> str:
    """The absolute link to log in with a code sent by e-mail, then on to the member's list."""
    volgende = reverse("beoordeling:commissie_biedingen", args=[traject.pk])
    pad = reverse("account_request_login_code") + "?" + urlencode({"next": volgende})
    return notifications.absolute_url(pad)


def commissielid_uitnodigen(
    *,
    actor: User,
    traject: Traject,
    naam: str,
    email: str,
    is_bewoner: bool = True,
    percelen: Iterable[Perceel | int] = (),
) -> Commissielid:
    """An officer invites someone (mostly a resident) by e-mail.

    The account with that address is used, or a light account is made (no password; the
    person logs in with a code sent by e-mail). The invitation is sent after commit, once:
    inviting someone who is already on the committee sends nothing and returns that member.
    """
    naam = " ".join((naam or "").split())
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise DomainError(_("Give a valid e-mail address.")) from exc
    with transaction.atomic():
        permissions.mag_commissie_samenstellen(actor, traject).vereisen()
        gekozen = _percelen_van(traject, percelen)
        user = account_voor(naam=naam, email=email)
        lid, created = Commissielid.objects.get_or_create(
            traject=traject, user=user, defaults={"is_bewoner": is_bewoner}
        )
        if not created:
            return lid
        lid.percelen.set(gekozen)
        events.commissielid_uitgenodigd(
            actor=actor, traject=traject, user=user, is_bewoner=is_bewoner, percelen=gekozen
        )
        with translation.override("nl"):
            onderwerp = _("Invitation to the selection committee: %(titel)s") % {
                "titel": traject.titel
            }
        notifications.mail_aan_adres(
            aan=user.email,
            onderwerp=onderwerp,
            template=UITNODIGING_MAIL,
            context={
                "naam": naam or user.naam,
                "traject": traject,
                "gemeente": traject.gemeente,
                "uitgenodigd_door": actor.get_full_name(),
                "link": inlog_link(traject),
                "beoordeling_op": traject.beoordeling_op,
            },
        )
    return lid


def _lid_vergrendeld(lid: Commissielid) -> Commissielid:
    return (
        Commissielid.objects.select_for_update(of=("self",))
        .select_related("traject__gemeente", "user")
        .get(pk=lid.pk)
    )


def voorzitter_instellen(
    *, actor: User, lid: Commissielid, is_voorzitter: bool = True
) -> Commissielid:
    """An officer makes a member the chair (the committee has one) or takes that away."""
    with transaction.atomic():
        permissions.mag_commissie_samenstellen(actor, lid.traject).vereisen()
        # Lock the whole committee: two officers choosing a chair at once get one chair.
        leden = list(
            Commissielid.objects.select_for_update()
            .filter(traject_id=lid.traject_id)
            .order_by("pk")
        )
        gevonden = next((x for x in leden if x.pk == lid.pk), None)
        if gevonden is None:
            raise DomainError(_("This person is no longer on the committee."))
        lid = gevonden
        if lid.is_voorzitter == is_voorzitter:
            return lid
        if is_voorzitter:
            Commissielid.objects.filter(traject_id=lid.traject_id, is_voorzitter=True).update(
                is_voorzitter=False
            )
        lid.is_voorzitter = is_voorzitter
        lid.save(update_fields=["is_voorzitter"])
        events.voorzitter_gewijzigd(actor=actor, lid=lid, is_voorzitter=is_voorzitter)
    return lid


def percelen_instellen(
    *, actor: User, lid: Commissielid, percelen: Iterable[Perceel | int]
) -> Commissielid:
    """An officer binds a member to lots (none: the whole trajectory), until the member has
    started assessing: then their declarations and scores stay as they are."""
    with transaction.atomic():
        try:
            lid = _lid_vergrendeld(lid)
        except Commissielid.DoesNotExist as exc:
            raise DomainError(_("This person is no longer on the committee.")) from exc
        permissions.mag_commissie_samenstellen(actor, lid.traject).vereisen()
        permissions.mag_percelen_wijzigen(lid, gestart=heeft_beoordeling_gestart(lid)).vereisen()
        gekozen = _percelen_van(lid.traject, percelen)
        if {p.pk for p in gekozen} == set(lid.percelen.values_list("pk", flat=True)):
            return lid
        lid.percelen.set(gekozen)
        events.commissielid_percelen_gewijzigd(actor=actor, lid=lid, percelen=gekozen)
    return lid


def heeft_beoordeling_gestart(lid: Commissielid) -> bool:
    """Whether the member signed a declaration or saved a score: then they stay on record."""
    return Commissielid.objects.filter(pk=lid.pk).filter(permissions.beoordeling_gestart()).exists()


def commissielid_verwijderen(*, actor: User, lid: Commissielid) -> None:
    """An officer removes a member who has not started assessing."""
    with transaction.atomic():
        try:
            lid = _lid_vergrendeld(lid)
        except Commissielid.DoesNotExist:
            return None
        permissions.mag_commissie_samenstellen(actor, lid.traject).vereisen()
        permissions.mag_lid_verwijderen(lid, gestart=heeft_beoordeling_gestart(lid)).vereisen()
        events.commissielid_verwijderd(actor=actor, lid=lid)
        lid.delete()
    return None


# --- the member's own details ----------------------------------------------------------


def gegevens_wijzigen(
    *, actor: User, lid: Commissielid, leeftijdsgroep: str = "", buurt: str = ""
) -> Commissielid:
    """A member declares (or clears) their age group and neighbourhood."""
    buurt = " ".join((buurt or "").split())[:120]
    if leeftijdsgroep and leeftijdsgroep not in Leeftijdsgroep.values:
        raise DomainError(_("Choose one of the age groups."))
    with transaction.atomic():
        lid = _lid_vergrendeld(lid)
        permissions.mag_gegevens_wijzigen(actor, lid).vereisen()
        gewijzigd = [
            veld
            for veld, waarde in (("leeftijdsgroep", leeftijdsgroep), ("buurt", buurt))
            if getattr(lid, veld) != waarde
        ]
        if not gewijzigd:
            return lid
        lid.leeftijdsgroep = leeftijdsgroep
        lid.buurt = buurt
        lid.save(update_fields=gewijzigd)
        # The values are the member's own: only which fields changed goes on record.
        events.commissielid_gegevens_gewijzigd(actor=actor, lid=lid, velden=gewijzigd)
    return lid


# --- declarations, scores and assessments (members) ------------------------------------


def _lid_voor_bod(actor: User, bod: Bod) -> Commissielid:
    """The actor's membership of the bid's committee, locked; the bid must be opened."""
    lid = None
    if actor is not None and actor.is_authenticated:
        lid = (
            Commissielid.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .filter(traject_id=bod.traject_id, user=actor)
            .first()
        )
    permissions.is_commissielid(actor, lid).vereisen()
    assert lid is not None
    if bod.status != BodStatus.INGEDIEND or not kluis.is_geopend(bod.traject_id, bod.ronde):
        raise DomainError(_("This bid cannot be read yet."))
    return lid


def _zonder_conflict(actor: User, lid: Commissielid, bod: Bod) -> Toestemming:
    """Both declarations signed without conflict for the bid's lot, one of the member's
    (`permissions.zonder_conflict`)."""
    return permissions.zonder_conflict(permissions.toegang(actor, lid.traject, lid=lid), bod)


def geheimhouding_tekenen(*, actor: User, traject: Traject) -> Geheimhoudingsverklaring:
    """A member of the committee or an officer of the gemeente signs the confidentiality
    declaration of the trajectory, once (issue 13, rule 5). Signing again returns the
    first."""
    with transaction.atomic():
        traject = Traject.objects.select_for_update().select_related("gemeente").get(pk=traject.pk)
        recht = permissions.toegang(actor, traject)
        permissions.mag_geheimhouding_tekenen(recht).vereisen()
        bestaand = Geheimhoudingsverklaring.objects.filter(traject=traject, user=actor).first()
        if bestaand is not None:
            return bestaand
        verklaring = Geheimhoudingsverklaring.objects.create(traject=traject, user=actor)
        events.geheimhouding_getekend(actor=actor, verklaring=verklaring, traject=traject)
    return verklaring


def verklaring_tekenen(
    *, actor: User, perceel: Perceel, conflict: bool, toelichting: str = ""
) -> Belangenverklaring:
    """A member who judges the lot, or an officer of the gemeente, signs the
    conflict-of-interest declaration for the lot, once, after the confidentiality
    declaration and once the lot's bids are opened. It records the names of every
    organisation of every opened bid on the lot, as shown (issue 13, rule 5).

    A conflict recuses the signer from the whole lot: they never see any of its bids, nor
    score them nor record their consensus. Signing again returns the first declaration.
    """
    with transaction.atomic():
        perceel = (
            Perceel.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=perceel.pk)
        )
        traject = perceel.traject
        recht = permissions.toegang(actor, traject)
        permissions.mag_verklaren(recht, perceel).vereisen()
        bestaand = Belangenverklaring.objects.filter(user=actor, perceel=perceel).first()
        if bestaand is not None:
            return bestaand
        organisaties = organisaties_van_perceel(perceel)
        if not organisaties:
            raise DomainError(_("No bids of this lot have been opened yet."))
        verklaring = Belangenverklaring.objects.create(
            traject=traject,
            perceel=perceel,
            user=actor,
            conflict=bool(conflict),
            toelichting=(toelichting or "").strip(),
            organisaties=organisaties,
        )
        events.verklaring_getekend(actor=actor, verklaring=verklaring)
    return verklaring


def _open_beoordeling(lid: Commissielid, bod: Bod) -> Beoordeling | None:
    beoordeling = Beoordeling.objects.select_for_update().filter(commissielid=lid, bod=bod).first()
    if beoordeling is not None and beoordeling.ingediend_op is not None:
        raise DomainError(_("You have submitted your assessment: your scores are fixed."))
    return beoordeling


# Issue 13, rule 8: the price criterion is scored by the published formula, not by opinion.
PRIJS_NIET_SCOREN = gettext_noop(
    "The price criterion is not scored by the committee: the platform computes its points "
    "from the price in the bid, with the formula from the call."
)


def waarde_op_schaal(criterium: Criterium, waarde: Any) -> int:
    """A score on the criterion's published scale as an int; DomainError otherwise. For the
    members' scores and the consensus score."""
    try:
        getal = int(waarde)
    except (TypeError, ValueError) as exc:
        raise DomainError(_("A score is a whole number.")) from exc
    if not criterium.schaal_min <= getal <= criterium.schaal_max:
        raise DomainError(
            _("A score for %(criterium)s is from %(min)s to %(max)s.")
            % {
                "criterium": criterium.naam,
                "min": criterium.schaal_min,
                "max": criterium.schaal_max,
            }
        )
    return getal


def score_opslaan(
    *,
    actor: User,
    bod: Bod,
    criterium: Criterium,
    waarde: Any = None,
    niet_van_toepassing: bool = False,
    motivatie: str = "",
) -> Score | None:
    """A member saves the score of one criterion: a value on its scale, or "not applicable"
    (never counted as zero), with a motivation. Saving the same again changes nothing.
    Returns the Score, or None when there is nothing to save yet."""
    motivatie = (motivatie or "").strip()
    if niet_van_toepassing or waarde in (None, ""):
        waarde = None
    else:
        waarde = waarde_op_schaal(criterium, waarde)
    with transaction.atomic():
        lid = _lid_voor_bod(actor, bod)
        _zonder_conflict(actor, lid, bod).vereisen()
        if criterium.traject_id != bod.traject_id:
            raise DomainError(_("This criterion belongs to another trajectory."))
        if criterium.is_prijs:
            raise DomainError(_(PRIJS_NIET_SCOREN))
        _open_beoordeling(lid, bod)
        score = Score.objects.filter(commissielid=lid, bod=bod, criterium=criterium).first()
        nieuw = (waarde, bool(niet_van_toepassing), motivatie)
        if score is None:
            if nieuw == (None, False, ""):
                return None
            score = Score(commissielid=lid, bod=bod, criterium=criterium)
        elif (score.waarde, score.niet_van_toepassing, score.motivatie) == nieuw:
            return score
        score.waarde, score.niet_van_toepassing, score.motivatie = nieuw
        score.save()
        events.score_opgeslagen(actor=actor, lid=lid, bod=bod, score=score)
    return score


def rang_controleren(bod: Bod, rang: Any) -> int | None:
    """A rank within the bid's lot (1 to the number of opened bids there) as an int, or None
    when empty; DomainError otherwise. For the members' ranks and the consensus rank."""
    if rang in (None, ""):
        return None
    try:
        getal = int(rang)
    except (TypeError, ValueError) as exc:
        raise DomainError(_("A rank is a whole number.")) from exc
    aantal = max(aantal_biedingen_in_perceel(bod), 1)
    if not 1 <= getal <= aantal:
        raise DomainError(_("Choose a rank from 1 to %(aantal)s.") % {"aantal": aantal})
    return getal


def oordeel_opslaan(
    *, actor: User, bod: Bod, oordeel: str = "", rang: Any = None
) -> Beoordeling | None:
    """For "quality only": a member saves the overall judgement and rank as they go."""
    oordeel = (oordeel or "").strip()
    rang = rang_controleren(bod, rang)
    with transaction.atomic():
        lid = _lid_voor_bod(actor, bod)
        _zonder_conflict(actor, lid, bod).vereisen()
        beoordeling = _open_beoordeling(lid, bod)
        if beoordeling is None:
            if not oordeel and rang is None:
                return None
            beoordeling = Beoordeling(commissielid=lid, bod=bod)
        elif (beoordeling.oordeel, beoordeling.rang) == (oordeel, rang):
            return beoordeling
        beoordeling.oordeel, beoordeling.rang = oordeel, rang
        beoordeling.save()
        events.oordeel_opgeslagen(actor=actor, lid=lid, bod=bod, beoordeling=beoordeling)
    return beoordeling


def ontbrekend(criteria: Iterable[Criterium], scores: Iterable[Score]) -> list[Criterium]:
    """The criteria that still need a score (or "not applicable") or a motivation."""
    per_criterium = {s.criterium_id: s for s in scores}
    missend = []
    for criterium in criteria:
        if criterium.is_prijs:
            continue  # computed by the platform (issue 13, rule 8)
        score = per_criterium.get(criterium.pk)
        if (
            score is None
            or (score.waarde is None and not score.niet_van_toepassing)
            or not score.motivatie.strip()
        ):
            missend.append(criterium)
    return missend


def beoordeling_indienen(
    *, actor: User, bod: Bod, oordeel: str = "", rang: Any = None
) -> Beoordeling:
    """A member submits their assessment of one bid: every criterion scored or "not
    applicable", each with a motivation (and for "quality only" a judgement and a rank).
    After that the member's scores are fixed and they see the others' submitted scores.
    Submitting again returns the submitted assessment."""
    with transaction.atomic():
        lid = _lid_voor_bod(actor, bod)
        _zonder_conflict(actor, lid, bod).vereisen()
        beoordeling = (
            Beoordeling.objects.select_for_update().filter(commissielid=lid, bod=bod).first()
        )
        if beoordeling is not None and beoordeling.ingediend_op is not None:
            return beoordeling
        traject = lid.traject
        criteria = list(traject.criteria.all())
        missend = ontbrekend(criteria, Score.objects.filter(commissielid=lid, bod=bod))
        if missend:
            raise DomainError(
                _("Give a score (or choose not applicable) and a motivation for: %(namen)s.")
                % {"namen": ", ".join(c.naam for c in missend)}
            )
        # What the member saved as they went counts when nothing new is given.
        oordeel = (oordeel or "").strip() or (beoordeling.oordeel if beoordeling else "")
        if rang in (None, "") and beoordeling is not None:
            rang = beoordeling.rang
        rang = rang_controleren(bod, rang)
        if traject.gunningswijze == Gunningswijze.KWALITEIT:
            if not oordeel:
                raise DomainError(_("Write your overall judgement of this bid."))
            if rang is None:
                raise DomainError(_("Give this bid a rank among the bids."))
        if beoordeling is None:
            beoordeling = Beoordeling(commissielid=lid, bod=bod)
        beoordeling.oordeel = oordeel
        beoordeling.rang = rang
        beoordeling.ingediend_op = timezone.now()
        beoordeling.save()
        events.beoordeling_ingediend(actor=actor, lid=lid, bod=bod, beoordeling=beoordeling)
    return beoordeling
