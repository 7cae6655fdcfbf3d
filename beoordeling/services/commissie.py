"""The selection committee (issue 6, items 4 and 5): composing it, the members' own details,
the conflict-of-interest declarations, the scores and the submitted assessments.

Every transition runs under `transaction.atomic` with its row locked, checks the state and
writes its audit event in the same transaction; mail goes out after commit.

Scoring events are recorded on the member (`Commissielid`), not on the bid or the
trajectory: the bid's timeline may be shown to its bidder, the trajectory's to officers.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from aanbesteden import audit, notifications
from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.services import account_voor, is_medewerker
from beoordeling.constants import BodStatus, Leeftijdsgroep
from beoordeling.models import Belangenverklaring, Beoordeling, Commissielid, Score
from beoordeling.selectors import kluis
from beoordeling.selectors.commissie import aantal_biedingen_in_perceel
from trajecten.constants import Gunningswijze

UITNODIGING_MAIL = "beoordeling/mail/commissie_uitnodiging.txt"


# --- composing the committee (officers) ------------------------------------------------


def _moet_medewerker_zijn(actor, traject):
    if not is_medewerker(actor, traject.gemeente):
        raise NotAllowed(_("Only officers of the municipality compose the committee."))


def commissielid_toevoegen(*, actor, traject, user, is_bewoner=True):
    """An officer of the trajectory's gemeente adds someone to its selection committee."""
    with transaction.atomic():
        _moet_medewerker_zijn(actor, traject)
        lid, created = Commissielid.objects.get_or_create(
            traject=traject, user=user, defaults={"is_bewoner": is_bewoner}
        )
        if created:
            audit.record(
                AuditEventType.COMMISSIELID_TOEGEVOEGD,
                actor=actor,
                target=traject,
                detail={"user": user.email, "bewoner": is_bewoner},
            )
    return lid


def inlog_link(traject):
    """The absolute link to log in with a code sent by e-mail, then on to the member's list."""
    volgende = reverse("beoordeling:commissie_biedingen", args=[traject.pk])
    pad = reverse("account_request_login_code") + "?" + urlencode({"next": volgende})
    return notifications.absolute_url(pad)


def commissielid_uitnodigen(*, actor, traject, naam, email, is_bewoner=True):
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
        _moet_medewerker_zijn(actor, traject)
        user = account_voor(naam=naam, email=email)
        lid, created = Commissielid.objects.get_or_create(
            traject=traject, user=user, defaults={"is_bewoner": is_bewoner}
        )
        if not created:
            return lid
        audit.record(
            AuditEventType.COMMISSIELID_TOEGEVOEGD,
            actor=actor,
            target=traject,
            detail={"user": user.email, "bewoner": is_bewoner, "uitgenodigd": True},
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


def _lid_vergrendeld(lid):
    return (
        Commissielid.objects.select_for_update(of=("self",))
        .select_related("traject__gemeente", "user")
        .get(pk=lid.pk)
    )


def voorzitter_instellen(*, actor, lid, is_voorzitter=True):
    """An officer makes a member the chair (the committee has one) or takes that away."""
    with transaction.atomic():
        _moet_medewerker_zijn(actor, lid.traject)
        # Lock the whole committee: two officers choosing a chair at once get one chair.
        leden = list(
            Commissielid.objects.select_for_update()
            .filter(traject_id=lid.traject_id)
            .order_by("pk")
        )
        lid = next((x for x in leden if x.pk == lid.pk), None)
        if lid is None:
            raise DomainError(_("This person is no longer on the committee."))
        if lid.is_voorzitter == is_voorzitter:
            return lid
        if is_voorzitter:
            Commissielid.objects.filter(traject_id=lid.traject_id, is_voorzitter=True).update(
                is_voorzitter=False
            )
        lid.is_voorzitter = is_voorzitter
        lid.save(update_fields=["is_voorzitter"])
        audit.record(
            AuditEventType.COMMISSIELID_GEWIJZIGD,
            actor=actor,
            target=lid.traject,
            from_state="voorzitter" if not is_voorzitter else "lid",
            to_state="voorzitter" if is_voorzitter else "lid",
            detail={"user": lid.user.email},
        )
    return lid


def heeft_beoordeling_gestart(lid):
    """Whether the member signed a declaration or saved a score: then they stay on record."""
    return (
        Belangenverklaring.objects.filter(commissielid=lid).exists()
        or Score.objects.filter(commissielid=lid).exists()
        or Beoordeling.objects.filter(commissielid=lid).exists()
    )


def commissielid_verwijderen(*, actor, lid):
    """An officer removes a member who has not started assessing."""
    with transaction.atomic():
        try:
            lid = _lid_vergrendeld(lid)
        except Commissielid.DoesNotExist:
            return None
        _moet_medewerker_zijn(actor, lid.traject)
        if heeft_beoordeling_gestart(lid):
            raise DomainError(
                _(
                    "This member has already started assessing. Their declarations and "
                    "scores stay on record, so they stay on the committee."
                )
            )
        audit.record(
            AuditEventType.COMMISSIELID_VERWIJDERD,
            actor=actor,
            target=lid.traject,
            detail={"user": lid.user.email, "bewoner": lid.is_bewoner},
        )
        lid.delete()
    return None


# --- the member's own details ----------------------------------------------------------


def gegevens_wijzigen(*, actor, lid, leeftijdsgroep="", buurt=""):
    """A member declares (or clears) their age group and neighbourhood."""
    buurt = " ".join((buurt or "").split())[:120]
    if leeftijdsgroep and leeftijdsgroep not in Leeftijdsgroep.values:
        raise DomainError(_("Choose one of the age groups."))
    with transaction.atomic():
        lid = _lid_vergrendeld(lid)
        if lid.user_id != actor.pk:
            raise NotAllowed(_("Only the member can change their own details."))
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
        audit.record(
            AuditEventType.COMMISSIELID_GEWIJZIGD,
            actor=actor,
            target=lid.traject,
            detail={"velden": gewijzigd},
        )
    return lid


# --- declarations, scores and assessments (members) ------------------------------------


def _lid_voor_bod(actor, bod):
    """The actor's membership of the bid's committee, locked; the bid must be opened."""
    if actor is None or not actor.is_authenticated:
        raise NotAllowed(_("Only members of the committee can do this."))
    try:
        lid = (
            Commissielid.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(traject_id=bod.traject_id, user=actor)
        )
    except Commissielid.DoesNotExist as exc:
        raise NotAllowed(_("Only members of the committee can do this.")) from exc
    if bod.status != BodStatus.INGEDIEND or not kluis.is_geopend(bod.traject_id, bod.ronde):
        raise DomainError(_("This bid cannot be read yet."))
    return lid


def _zonder_conflict(lid, bod):
    verklaring = Belangenverklaring.objects.filter(commissielid=lid, bod=bod).first()
    if verklaring is None:
        raise NotAllowed(_("First sign the declaration for this bid."))
    if verklaring.conflict:
        raise NotAllowed(_("You declared a conflict of interest: you do not assess this bid."))
    return verklaring


def verklaring_tekenen(*, actor, bod, conflict, toelichting=""):
    """A member signs the conflict-of-interest declaration for one bid, once.

    A conflict recuses the member from this bid: they never see its content nor score it.
    Signing again returns the first declaration unchanged.
    """
    with transaction.atomic():
        lid = _lid_voor_bod(actor, bod)
        bestaand = Belangenverklaring.objects.filter(commissielid=lid, bod=bod).first()
        if bestaand is not None:
            return bestaand
        verklaring = Belangenverklaring.objects.create(
            commissielid=lid,
            bod=bod,
            conflict=bool(conflict),
            toelichting=(toelichting or "").strip(),
        )
        audit.record(
            AuditEventType.VERKLARING_GETEKEND,
            actor=actor,
            target=lid,
            gemeente=lid.traject.gemeente,
            to_state="conflict" if conflict else "geen_conflict",
            detail={"bod": bod.pk, "conflict": bool(conflict)},
        )
    return verklaring


def _open_beoordeling(lid, bod):
    beoordeling = Beoordeling.objects.select_for_update().filter(commissielid=lid, bod=bod).first()
    if beoordeling is not None and beoordeling.ingediend_op is not None:
        raise DomainError(_("You have submitted your assessment: your scores are fixed."))
    return beoordeling


def waarde_op_schaal(criterium, waarde):
    """A score on the criterion's published scale as an int; DomainError otherwise. For the
    members' scores and the consensus score."""
    try:
        waarde = int(waarde)
    except (TypeError, ValueError) as exc:
        raise DomainError(_("A score is a whole number.")) from exc
    if not criterium.schaal_min <= waarde <= criterium.schaal_max:
        raise DomainError(
            _("A score for %(criterium)s is from %(min)s to %(max)s.")
            % {
                "criterium": criterium.naam,
                "min": criterium.schaal_min,
                "max": criterium.schaal_max,
            }
        )
    return waarde


def score_opslaan(*, actor, bod, criterium, waarde=None, niet_van_toepassing=False, motivatie=""):
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
        _zonder_conflict(lid, bod)
        if criterium.traject_id != bod.traject_id:
            raise DomainError(_("This criterion belongs to another trajectory."))
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
        audit.record(
            AuditEventType.SCORE_OPGESLAGEN,
            actor=actor,
            target=lid,
            gemeente=lid.traject.gemeente,
            detail={
                "bod": bod.pk,
                "criterium": criterium.pk,
                "waarde": waarde,
                "niet_van_toepassing": bool(niet_van_toepassing),
            },
        )
    return score


def rang_controleren(bod, rang):
    """A rank within the bid's lot (1 to the number of opened bids there) as an int, or None
    when empty; DomainError otherwise. For the members' ranks and the consensus rank."""
    if rang in (None, ""):
        return None
    try:
        rang = int(rang)
    except (TypeError, ValueError) as exc:
        raise DomainError(_("A rank is a whole number.")) from exc
    aantal = max(aantal_biedingen_in_perceel(bod), 1)
    if not 1 <= rang <= aantal:
        raise DomainError(_("Choose a rank from 1 to %(aantal)s.") % {"aantal": aantal})
    return rang


def oordeel_opslaan(*, actor, bod, oordeel="", rang=None):
    """For "quality only": a member saves the overall judgement and rank as they go."""
    oordeel = (oordeel or "").strip()
    rang = rang_controleren(bod, rang)
    with transaction.atomic():
        lid = _lid_voor_bod(actor, bod)
        _zonder_conflict(lid, bod)
        beoordeling = _open_beoordeling(lid, bod)
        if beoordeling is None:
            if not oordeel and rang is None:
                return None
            beoordeling = Beoordeling(commissielid=lid, bod=bod)
        elif (beoordeling.oordeel, beoordeling.rang) == (oordeel, rang):
            return beoordeling
        beoordeling.oordeel, beoordeling.rang = oordeel, rang
        beoordeling.save()
        audit.record(
            AuditEventType.SCORE_OPGESLAGEN,
            actor=actor,
            target=lid,
            gemeente=lid.traject.gemeente,
            detail={"bod": bod.pk, "oordeel": True, "rang": rang},
        )
    return beoordeling


def ontbrekend(criteria, scores):
    """The criteria that still need a score (or "not applicable") or a motivation."""
    per_criterium = {s.criterium_id: s for s in scores}
    missend = []
    for criterium in criteria:
        score = per_criterium.get(criterium.pk)
        if (
            score is None
            or (score.waarde is None and not score.niet_van_toepassing)
            or not score.motivatie.strip()
        ):
            missend.append(criterium)
    return missend


def beoordeling_indienen(*, actor, bod, oordeel="", rang=None):
    """A member submits their assessment of one bid: every criterion scored or "not
    applicable", each with a motivation (and for "quality only" a judgement and a rank).
    After that the member's scores are fixed and they see the others' submitted scores.
    Submitting again returns the submitted assessment."""
    with transaction.atomic():
        lid = _lid_voor_bod(actor, bod)
        _zonder_conflict(lid, bod)
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
        audit.record(
            AuditEventType.BEOORDELING_INGEDIEND,
            actor=actor,
            target=lid,
            gemeente=traject.gemeente,
            to_state="ingediend",
            detail={"bod": bod.pk, "rang": rang},
        )
    return beoordeling
