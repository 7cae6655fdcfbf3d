"""The consensus meeting: an officer plans it, the chair (or an officer) records the
consensus per bid, and closes it once every opened bid of the stage is complete.

The members' own scores are never changed here: the consensus is kept beside them.
Every transition locks the trajectory's row first, so two requests at once are handled
one after the other and a double click never records anything twice.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbesteden import audit, notifications, weergave
from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.services import is_medewerker
from beoordeling import permissions
from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import (
    Commissielid,
    ConsensusOordeel,
    ConsensusOverleg,
    ConsensusScore,
)
from beoordeling.selectors import consensus as selectors
from beoordeling.selectors import kluis
from beoordeling.services.commissie import rang_controleren, waarde_op_schaal
from trajecten.services import traject_vergrendeld

GEPLAND_MAIL = "beoordeling/mail/consensus_gepland.txt"


class VeldFout(DomainError):
    """A domain error about one criterion (`criterium_id`) or the judgement (None), so that
    a page can show it at its field."""

    def __init__(self, bericht, *, criterium_id=None):
        super().__init__(bericht)
        self.criterium_id = criterium_id


# --- planning ---------------------------------------------------------------------------


def consensusoverleg_plannen(*, actor, traject, ronde, gepland_op, locatie="", ontvangen_op=None):
    """An officer plans the consensus meeting of a stage whose vault is opened, or moves it
    (the same call). The committee members get a message with the date, the time (Dutch
    time) and the place. Planning the same again changes nothing and sends nothing."""
    ronde = Ronde(ronde)
    locatie = " ".join((locatie or "").split())[:300]
    ontvangen_op = ontvangen_op or timezone.now()
    if gepland_op is None:
        raise DomainError(_("Choose the date and time of the meeting."))
    if gepland_op <= ontvangen_op:
        raise DomainError(_("Choose a moment in the future for the meeting."))
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        if not is_medewerker(actor, traject.gemeente):
            raise NotAllowed(_("Only officers of the municipality plan the consensus meeting."))
        if not kluis.is_geopend(traject, ronde):
            raise DomainError(
                _("The vault of this stage is not opened yet: there is nothing to discuss.")
            )
        overleg = ConsensusOverleg.objects.filter(traject=traject, ronde=ronde).first()
        if overleg is not None and overleg.vastgesteld_op is not None:
            raise DomainError(_("The consensus of this stage is closed: nothing changes any more."))
        if overleg is not None and (overleg.gepland_op, overleg.locatie) == (gepland_op, locatie):
            return overleg
        verplaatst = overleg is not None
        van = weergave.moment(overleg.gepland_op, nl=True) if verplaatst else ""
        if overleg is None:
            overleg = ConsensusOverleg(traject=traject, ronde=ronde, aangemaakt_door=actor)
        overleg.gepland_op = gepland_op
        overleg.locatie = locatie
        overleg.save()
        audit.record(
            AuditEventType.CONSENSUSOVERLEG_GEPLAND,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state=van,
            to_state=weergave.moment(gepland_op, nl=True),
            detail={
                "ronde": ronde.value,
                "overleg": overleg.pk,
                "gepland_op": gepland_op.isoformat(),
                "locatie": locatie,
                "verplaatst": verplaatst,
            },
        )
        _melden(traject, overleg, verplaatst=verplaatst, van=van)
    return overleg


def _melden(traject, overleg, *, verplaatst, van):
    leden = Commissielid.objects.filter(traject=traject, user__is_active=True).select_related(
        "user"
    )
    moment = weergave.moment(overleg.gepland_op, nl=True)
    with translation.override("nl"):
        if verplaatst:
            onderwerp = _("Consensus meeting moved: %(titel)s") % {"titel": traject.titel}
        else:
            onderwerp = _("Consensus meeting planned: %(titel)s") % {"titel": traject.titel}
        ronde = str(Ronde(overleg.ronde).label)
    url = reverse("beoordeling:consensus_ronde", args=[traject.pk, overleg.ronde])
    for lid in leden:
        notifications.notify(
            lid.user,
            onderwerp=onderwerp,
            template=GEPLAND_MAIL,
            context={
                "traject": traject,
                "ronde": ronde,
                "moment": moment,
                "van": van,
                "locatie": overleg.locatie,
                "verplaatst": verplaatst,
            },
            url=url,
        )


# --- recording --------------------------------------------------------------------------


def _overleg_open(traject, ronde):
    """The stage's meeting, locked; it must be planned and not closed."""
    overleg = (
        ConsensusOverleg.objects.select_for_update().filter(traject=traject, ronde=ronde).first()
    )
    if overleg is None:
        raise DomainError(_("First plan the consensus meeting of this stage."))
    if overleg.vastgesteld_op is not None:
        raise DomainError(_("The consensus of this stage is closed: nothing changes any more."))
    return overleg


def _mag_vastleggen(actor, traject, bod):
    """The chair or an officer of the gemeente, by the committee's rules
    (`beoordeling.permissions`): a member with a conflict for this bid never records
    anything for it; a member (the chair, or an officer on the committee) only after
    signing the declaration and submitting their own assessment of it."""
    if actor is None or not actor.is_authenticated:
        raise NotAllowed(_("Only the chair or an officer records the consensus."))
    recht = permissions.toegang(actor, traject)
    staat = recht.staat(bod)
    if staat == permissions.CONFLICT:
        raise NotAllowed(
            _("You declared a conflict of interest for this bid: you do not record its consensus.")
        )
    if not (recht.is_officier or (recht.is_lid and recht.lid.is_voorzitter)):
        raise NotAllowed(_("Only the chair or an officer records the consensus."))
    if staat == permissions.VERKLAREN:
        raise NotAllowed(_("First sign the declaration for this bid."))
    if not recht.mag_scores_van_anderen_zien(bod):
        raise NotAllowed(_("First submit your own assessment of this bid."))


def _begin(actor, bod):
    """Lock the trajectory, check the bid, the actor and the meeting. Returns the
    trajectory."""
    traject = traject_vergrendeld(bod.traject)
    if bod.status != BodStatus.INGEDIEND or not kluis.is_geopend(traject, bod.ronde):
        raise DomainError(_("This bid cannot be read yet."))
    _mag_vastleggen(actor, traject, bod)
    _overleg_open(traject, bod.ronde)
    return traject


def _waarde_controleren(criterium, waarde, niet_van_toepassing, motivatie):
    if not motivatie:
        raise VeldFout(
            _("Write the motivation of the consensus for %(criterium)s.")
            % {"criterium": criterium.naam},
            criterium_id=criterium.pk,
        )
    if niet_van_toepassing:
        return None
    bereik = {"criterium": criterium.naam, "min": criterium.schaal_min, "max": criterium.schaal_max}
    if waarde in (None, ""):
        raise VeldFout(
            _('Choose a score for %(criterium)s from %(min)s to %(max)s, or "not applicable".')
            % bereik,
            criterium_id=criterium.pk,
        )
    try:
        return waarde_op_schaal(criterium, waarde)
    except DomainError as exc:
        raise VeldFout(str(exc), criterium_id=criterium.pk) from exc


def consensus_score_vastleggen(
    *, actor, bod, criterium, waarde=None, niet_van_toepassing=False, motivatie=""
):
    """The chair or an officer records the committee's agreed score of one bid on one
    criterion: a value on its scale, or "not applicable", always with a motivation.
    Recording the same again changes nothing."""
    motivatie = (motivatie or "").strip()
    niet_van_toepassing = bool(niet_van_toepassing)
    waarde = _waarde_controleren(criterium, waarde, niet_van_toepassing, motivatie)
    with transaction.atomic():
        traject = _begin(actor, bod)
        if criterium.traject_id != traject.pk:
            raise DomainError(_("This criterion belongs to another trajectory."))
        score = ConsensusScore.objects.filter(bod=bod, criterium=criterium).first()
        nieuw = (waarde, niet_van_toepassing, motivatie)
        if score is not None and (score.waarde, score.niet_van_toepassing, score.motivatie) == (
            nieuw
        ):
            return score
        vorig = None
        if score is None:
            score = ConsensusScore(bod=bod, criterium=criterium)
        else:
            vorig = "nvt" if score.niet_van_toepassing else str(score.waarde)
        score.waarde, score.niet_van_toepassing, score.motivatie = nieuw
        score.vastgelegd_door = actor
        score.save()
        audit.record(
            AuditEventType.CONSENSUS_VASTGELEGD,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state=vorig or "",
            to_state="nvt" if niet_van_toepassing else str(waarde),
            detail={
                "bod": bod.pk,
                "criterium": criterium.pk,
                "waarde": waarde,
                "niet_van_toepassing": niet_van_toepassing,
            },
        )
    return score


def consensus_oordeel_vastleggen(*, actor, bod, oordeel, rang=None):
    """The chair or an officer records the committee's judgement of the whole bid and, for
    "quality only", its rank within its lot (1 to the number of opened bids of the lot,
    each rank once; empty: not yet). Recording the same again changes nothing."""
    oordeel = (oordeel or "").strip()
    if not oordeel:
        raise VeldFout(_("Write the committee's judgement of this bid."))
    with transaction.atomic():
        traject = _begin(actor, bod)
        if selectors.is_kwaliteit(traject):
            rang = _rang_controleren(bod, rang)
        else:
            rang = None  # the ranking follows from the weighted scores
        bestaand = ConsensusOordeel.objects.filter(bod=bod).first()
        if bestaand is not None and (bestaand.oordeel, bestaand.rang) == (oordeel, rang):
            return bestaand
        if rang is not None:
            bezet = (
                ConsensusOordeel.objects.filter(
                    bod__traject=traject,
                    bod__perceel=bod.perceel_id,
                    bod__ronde=bod.ronde,
                    rang=rang,
                )
                .exclude(bod=bod)
                .select_related("bod__organisatie")
                .first()
            )
            if bezet is not None:
                raise VeldFout(
                    _("Rank %(rang)s is already given to %(naam)s. Give each rank once.")
                    % {"rang": rang, "naam": bezet.bod.organisatie.naam}
                )
        vorig = bestaand.rang if bestaand is not None else None
        if bestaand is None:
            bestaand = ConsensusOordeel(bod=bod)
        bestaand.oordeel, bestaand.rang = oordeel, rang
        bestaand.vastgelegd_door = actor
        bestaand.save()
        audit.record(
            AuditEventType.CONSENSUS_VASTGELEGD,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state="" if vorig is None else str(vorig),
            to_state="" if rang is None else str(rang),
            detail={"bod": bod.pk, "oordeel": True, "rang": rang},
        )
    return bestaand


def _rang_controleren(bod, rang):
    try:
        return rang_controleren(bod, rang)
    except DomainError as exc:
        raise VeldFout(str(exc)) from exc


def consensus_vastleggen(*, actor, bod, scores=(), oordeel="", rang=None):
    """The consensus form of one bid in one go: every criterion that is filled in
    (`scores`: dicts with criterium, waarde, niet_van_toepassing, motivatie; one left
    entirely empty is skipped) and the judgement (skipped when it and the rank are empty).
    All or nothing: the first error (a VeldFout) leaves everything as it was."""
    with transaction.atomic():
        for invoer in scores:
            leeg = (
                invoer.get("waarde") in (None, "")
                and not invoer.get("niet_van_toepassing")
                and not (invoer.get("motivatie") or "").strip()
            )
            if leeg:
                continue
            consensus_score_vastleggen(actor=actor, bod=bod, **invoer)
        if (oordeel or "").strip() or rang not in (None, ""):
            consensus_oordeel_vastleggen(actor=actor, bod=bod, oordeel=oordeel, rang=rang)


# --- closing ----------------------------------------------------------------------------


def consensus_vaststellen(*, actor, overleg):
    """The chair or an officer closes the consensus of the stage once every opened bid of
    it is complete (every criterion, the judgement, and for "quality only" the rank).
    After that nothing changes. Closing again returns the closed meeting."""
    with transaction.atomic():
        traject = traject_vergrendeld(overleg.traject)
        overleg = ConsensusOverleg.objects.select_for_update().get(pk=overleg.pk)
        officier = is_medewerker(actor, traject.gemeente)
        voorzitter = Commissielid.objects.filter(
            traject=traject, user=actor, is_voorzitter=True
        ).exists()
        if not (officier or voorzitter):
            raise NotAllowed(_("Only the chair or an officer closes the consensus."))
        if overleg.vastgesteld_op is not None:
            return overleg
        biedingen = list(kluis.geopende_biedingen(traject, overleg.ronde))
        if not biedingen:
            raise DomainError(_("There are no opened bids in this stage."))
        criteria = list(traject.criteria.all())
        scores_per_bod, oordelen = selectors.consensus_van([b.pk for b in biedingen])
        onvolledig = [
            b.organisatie.naam
            for b in biedingen
            if selectors.ontbrekend_voor(
                traject, criteria, b, scores_per_bod.get(b.pk, {}), oordelen.get(b.pk)
            )
        ]
        if onvolledig:
            raise DomainError(
                _("The consensus is not complete yet for: %(namen)s.")
                % {"namen": ", ".join(onvolledig)}
            )
        overleg.vastgesteld_op = timezone.now()
        overleg.vastgesteld_door = actor
        overleg.save(update_fields=["vastgesteld_op", "vastgesteld_door"])
        rangorde = selectors.rangschikken(traject, biedingen, criteria, scores_per_bod, oordelen)
        audit.record(
            AuditEventType.CONSENSUS_VASTGESTELD,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state="open",
            to_state="vastgesteld",
            detail={
                "ronde": overleg.ronde,
                "overleg": overleg.pk,
                "rangorde": {
                    str(perceel_id): [
                        {
                            "bod": r.bod.pk,
                            "rang": r.rang,
                            "totaal": None if r.totaal is None else str(r.totaal),
                        }
                        for r in regels
                    ]
                    for perceel_id, regels in rangorde.items()
                },
            },
        )
    return overleg
