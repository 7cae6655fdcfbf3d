"""The consensus meeting: an officer plans it, the chair (or an officer, writing down what
the committee agreed) records the consensus per bid, the chair records who attended, and
the consensus closes when the chair and a majority of the members without a conflict of
interest have each confirmed it (issue 13, rule 6). Any change to the consensus or the
attendance after a confirmation makes every confirmation lapse: they confirmed another
text. On a weighted award a criterion counts for every bid of a lot or is dropped for all
of them, with a reason (issue 13, rule 7).

The members' own scores are never changed here: the consensus is kept beside them.
Every transition locks the trajectory's row first, so two requests at once are handled
one after the other and a double click never records anything twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from beoordeling import events, permissions
from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import (
    Bod,
    Commissielid,
    Consensusbevestiging,
    ConsensusOordeel,
    ConsensusOverleg,
    ConsensusScore,
    VervallenCriterium,
)
from beoordeling.selectors import consensus as selectors
from beoordeling.selectors import kluis
from beoordeling.services.commissie import PRIJS_NIET_SCOREN, rang_controleren, waarde_op_schaal
from trajecten.models import Criterium
from trajecten.services import traject_vergrendeld

if TYPE_CHECKING:
    from aanbesteden.models import User
    from trajecten.models import Perceel, Traject

GEPLAND_MAIL = "beoordeling/mail/consensus_gepland.txt"
BEVESTIGEN_MAIL = "beoordeling/mail/consensus_bevestigen.txt"


def criterium_veld(criterium: Criterium) -> str:
    """The field a refusal about one criterion's consensus score belongs to
    (`DomainError.veld`): the score's field on the consensus form (prefix `c<pk>`)."""
    return f"c{criterium.pk}-waarde"


# --- planning ---------------------------------------------------------------------------


def consensusoverleg_plannen(
    *,
    actor: User,
    traject: Traject,
    ronde: str,
    gepland_op: datetime | None,
    locatie: str = "",
    ontvangen_op: datetime | None = None,
) -> ConsensusOverleg:
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
        overleg = ConsensusOverleg.objects.filter(traject=traject, ronde=ronde).first()
        # Who, and not once closed (a meeting exists only for an opened vault).
        permissions.mag_consensusoverleg_plannen(actor, traject, overleg).vereisen()
        if not kluis.is_geopend(traject, ronde):
            raise DomainError(
                _("The vault of this stage is not opened yet: there is nothing to discuss.")
            )
        if overleg is not None and (overleg.gepland_op, overleg.locatie) == (gepland_op, locatie):
            return overleg
        verplaatst = overleg is not None
        van = weergave.moment(overleg.gepland_op, nl=True) if overleg is not None else ""
        if overleg is None:
            overleg = ConsensusOverleg(traject=traject, ronde=ronde, aangemaakt_door=actor)
        overleg.gepland_op = gepland_op
        overleg.locatie = locatie
        overleg.save()
        events.consensusoverleg_gepland(
            actor=actor,
            traject=traject,
            overleg=overleg,
            van=van,
            naar=weergave.moment(gepland_op, nl=True),
            verplaatst=verplaatst,
        )
        _melden(traject, overleg, verplaatst=verplaatst, van=van)
    return overleg


def _melden(traject: Traject, overleg: ConsensusOverleg, *, verplaatst: bool, van: str) -> None:
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


def _overleg_open(traject: Traject, ronde: str) -> ConsensusOverleg:
    """The stage's meeting, locked; it must be planned and not closed."""
    overleg = (
        ConsensusOverleg.objects.select_for_update().filter(traject=traject, ronde=ronde).first()
    )
    permissions.overleg_open(overleg).vereisen()
    assert overleg is not None  # for mypy: overleg_open refuses None
    return overleg


def _begin(actor: User, bod: Bod) -> tuple[Traject, ConsensusOverleg]:
    """Lock the trajectory, check the bid, the actor and the meeting. Returns the
    trajectory and the stage's meeting (locked)."""
    traject = traject_vergrendeld(bod.traject)
    if bod.status != BodStatus.INGEDIEND or not kluis.is_geopend(traject, bod.ronde):
        raise DomainError(_("This bid cannot be read yet."))
    permissions.mag_consensus_vastleggen(actor, traject, bod).vereisen()
    return traject, _overleg_open(traject, bod.ronde)


def _laten_vervallen(overleg: ConsensusOverleg) -> int:
    """The consensus or its attendance changed: every confirmation of the stage lapses
    (the members confirmed another text). Returns how many lapsed; the audit log keeps
    them (`consensus.bevestigd`)."""
    aantal, _per_model = Consensusbevestiging.objects.filter(overleg=overleg).delete()
    return aantal


def _niet_van_toepassing_controleren(
    traject: Traject, bod: Bod, criterium: Criterium, niet_van_toepassing: bool
) -> None:
    """Equal weights for every bid (issue 13, rule 7): on a weighted award a criterion
    dropped for the bid's lot takes no score, and "not applicable" for one bid is refused
    (that would change the weights between the bids of the lot)."""
    if not selectors.is_gewogen(traject):
        return
    if VervallenCriterium.objects.filter(
        perceel_id=bod.perceel_id, ronde=bod.ronde, criterium=criterium
    ).exists():
        raise DomainError(
            _(
                "Criterion %(criterium)s does not count for this lot, not for any bid: "
                "the committee dropped it."
            )
            % {"criterium": criterium.naam},
            veld=criterium_veld(criterium),
        )
    if niet_van_toepassing:
        raise DomainError(
            _(
                "On a weighted award %(criterium)s counts for every bid of this lot or for "
                'none, so it cannot be "not applicable" for one bid. Give it a score, or '
                "drop it for the whole lot with a reason."
            )
            % {"criterium": criterium.naam},
            veld=criterium_veld(criterium),
        )


def _waarde_controleren(
    criterium: Criterium, waarde: Any, niet_van_toepassing: bool, motivatie: str
) -> int | None:
    if not motivatie:
        raise DomainError(
            _("Write the motivation of the consensus for %(criterium)s.")
            % {"criterium": criterium.naam},
            veld=criterium_veld(criterium),
        )
    if niet_van_toepassing:
        return None
    bereik = {"criterium": criterium.naam, "min": criterium.schaal_min, "max": criterium.schaal_max}
    if waarde in (None, ""):
        raise DomainError(
            _('Choose a score for %(criterium)s from %(min)s to %(max)s, or "not applicable".')
            % bereik,
            veld=criterium_veld(criterium),
        )
    try:
        return waarde_op_schaal(criterium, waarde)
    except DomainError as exc:
        raise DomainError(str(exc), veld=criterium_veld(criterium)) from exc


def consensus_score_vastleggen(
    *,
    actor: User,
    bod: Bod,
    criterium: Criterium,
    waarde: Any = None,
    niet_van_toepassing: bool = False,
    motivatie: str = "",
) -> ConsensusScore:
    """The chair or an officer records the committee's agreed score of one bid on one
    criterion: a value on its scale, or "not applicable", always with a motivation.
    Recording the same again changes nothing."""
    if criterium.is_prijs:  # issue 13, rule 8: the formula's points, never an opinion
        raise DomainError(_(PRIJS_NIET_SCOREN), veld=criterium_veld(criterium))
    motivatie = (motivatie or "").strip()
    niet_van_toepassing = bool(niet_van_toepassing)
    waarde = _waarde_controleren(criterium, waarde, niet_van_toepassing, motivatie)
    with transaction.atomic():
        traject, overleg = _begin(actor, bod)
        if criterium.traject_id != traject.pk:
            raise DomainError(_("This criterion belongs to another trajectory."))
        _niet_van_toepassing_controleren(traject, bod, criterium, niet_van_toepassing)
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
        events.consensus_score_vastgelegd(
            actor=actor,
            traject=traject,
            bod=bod,
            criterium=criterium,
            vorig=vorig or "",
            waarde=waarde,
            niet_van_toepassing=niet_van_toepassing,
            vervallen=_laten_vervallen(overleg),
        )
    return score


def consensus_oordeel_vastleggen(
    *, actor: User, bod: Bod, oordeel: str, rang: Any = None
) -> ConsensusOordeel:
    """The chair or an officer records the committee's judgement of the whole bid and, for
    "quality only", its rank within its lot (1 to the number of opened bids of the lot,
    each rank once; empty: not yet). Recording the same again changes nothing."""
    oordeel = (oordeel or "").strip()
    if not oordeel:
        raise DomainError(_("Write the committee's judgement of this bid."))
    with transaction.atomic():
        traject, overleg = _begin(actor, bod)
        if selectors.is_kwaliteit(traject):
            rang = rang_controleren(bod, rang)
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
                raise DomainError(
                    _("Rank %(rang)s is already given to %(naam)s. Give each rank once.")
                    % {"rang": rang, "naam": bezet.bod.organisatie.naam}
                )
        vorig = bestaand.rang if bestaand is not None else None
        if bestaand is None:
            bestaand = ConsensusOordeel(bod=bod)
        bestaand.oordeel, bestaand.rang = oordeel, rang
        bestaand.vastgelegd_door = actor
        bestaand.save()
        events.consensus_oordeel_vastgelegd(
            actor=actor,
            traject=traject,
            bod=bod,
            vorige_rang=vorig,
            rang=rang,
            vervallen=_laten_vervallen(overleg),
        )
    return bestaand


def consensus_vastleggen(
    *,
    actor: User,
    bod: Bod,
    scores: Iterable[dict[str, Any]] = (),
    oordeel: str = "",
    rang: Any = None,
) -> None:
    """The consensus form of one bid in one go: every criterion that is filled in
    (`scores`: dicts with criterium, waarde, niet_van_toepassing, motivatie; one left
    entirely empty is skipped) and the judgement (skipped when it and the rank are empty).
    All or nothing: the first error (a DomainError, at the criterion's field
    `criterium_veld(criterium)` when it is about one) leaves everything as it was."""
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


# --- equal weights: a criterion dropped for a whole lot (issue 13, rule 7) -----------------


def criterium_laten_vervallen(
    *, actor: User, perceel: Perceel, ronde: str, criterium: Criterium, reden: str
) -> VervallenCriterium:
    """On a weighted award, the chair or an officer records that `criterium` does not count
    for any bid of `perceel` in the consensus of `ronde`, with the reason. Once per lot,
    stage and criterion; consensus scores already given to it for the lot's bids are
    removed (the members' own scores stay), and confirmations lapse. Recording it again
    returns the record unchanged."""
    ronde = Ronde(ronde)
    reden = (reden or "").strip()
    with transaction.atomic():
        traject = traject_vergrendeld(perceel.traject)
        overleg = _overleg_open(traject, ronde)
        if not selectors.is_gewogen(traject):
            raise DomainError(_("Only on a weighted award is a criterion dropped for a whole lot."))
        if criterium.traject_id != traject.pk or perceel.traject_id != traject.pk:
            raise DomainError(_("This criterion belongs to another trajectory."))
        biedingen = list(kluis.geopende_biedingen(traject, ronde).filter(perceel=perceel))
        if not biedingen:
            raise DomainError(_("There are no opened bids on this lot in this stage."))
        permissions.mag_criterium_laten_vervallen(actor, traject, biedingen).vereisen()
        bestaand = VervallenCriterium.objects.filter(
            perceel=perceel, ronde=ronde, criterium=criterium
        ).first()
        if bestaand is not None:
            return bestaand
        if not reden:
            raise DomainError(
                _("Write why %(criterium)s does not count for this lot.")
                % {"criterium": criterium.naam},
                veld="reden",
            )
        verwijderd, _per_model = ConsensusScore.objects.filter(
            bod__in=biedingen, criterium=criterium
        ).delete()
        regel = VervallenCriterium.objects.create(
            perceel=perceel,
            ronde=ronde,
            criterium=criterium,
            reden=reden,
            vastgelegd_door=actor,
            vastgelegd_op=timezone.now(),
        )
        events.consensus_criterium_vervallen(
            actor=actor,
            traject=traject,
            perceel_id=perceel.pk,
            ronde=ronde,
            criterium=criterium,
            verwijderd=verwijderd,
            vervallen=_laten_vervallen(overleg),
        )
    return regel


def criterium_weer_laten_meetellen(*, actor: User, vervallen: VervallenCriterium) -> None:
    """Undo a drop (a mistake): the criterion counts again for every bid of the lot, which
    then needs a consensus score on it again; confirmations lapse. Who: as for dropping.
    Undoing it again changes nothing."""
    with transaction.atomic():
        traject = traject_vergrendeld(vervallen.perceel.traject)
        overleg = _overleg_open(traject, vervallen.ronde)
        regel = VervallenCriterium.objects.select_for_update().filter(pk=vervallen.pk).first()
        if regel is None:
            return  # a double click
        biedingen = list(
            kluis.geopende_biedingen(traject, regel.ronde).filter(perceel_id=regel.perceel_id)
        )
        permissions.mag_criterium_laten_vervallen(actor, traject, biedingen).vereisen()
        perceel_id, criterium_id = regel.perceel_id, regel.criterium_id
        regel.delete()
        events.consensus_criterium_hersteld(
            actor=actor,
            traject=traject,
            perceel_id=perceel_id,
            ronde=overleg.ronde,
            criterium_id=criterium_id,
            vervallen=_laten_vervallen(overleg),
        )


# --- attendance and confirmations (issue 13, rule 6) -----------------------------------------


def aanwezigheid_vastleggen(
    *, actor: User, overleg: ConsensusOverleg, aanwezigen: Iterable[Commissielid]
) -> ConsensusOverleg:
    """The chair records which committee members attended the meeting (at least one).
    Changing it after confirmations makes them lapse. Recording the same again changes
    nothing."""
    with transaction.atomic():
        traject = traject_vergrendeld(overleg.traject)
        overleg = _overleg_open(traject, overleg.ronde)
        permissions.mag_aanwezigheid_vastleggen(actor, traject, overleg).vereisen()
        ids = {x.pk for x in aanwezigen}
        leden = set(
            Commissielid.objects.filter(traject=traject, pk__in=ids).values_list("pk", flat=True)
        )
        if not ids:
            raise DomainError(_("Tick who attended the meeting."), veld="aanwezigen")
        if leden != ids:
            raise DomainError(_("Only members of this committee can be present."))
        vorig = set(overleg.aanwezigen.values_list("pk", flat=True))
        if overleg.aanwezigheid_vastgelegd_op is not None and vorig == ids:
            return overleg
        overleg.aanwezigen.set(ids)
        overleg.aanwezigheid_vastgelegd_op = timezone.now()
        overleg.save(update_fields=["aanwezigheid_vastgelegd_op"])
        events.consensus_aanwezigheid_vastgelegd(
            actor=actor,
            traject=traject,
            overleg=overleg,
            aanwezig=sorted(ids),
            vervallen=_laten_vervallen(overleg),
        )
    return overleg


def _onvolledig(traject: Traject, ronde: str) -> tuple[list[Bod], list[str], Any]:
    """(opened bids, names of bids whose consensus is not complete, ranking data)."""
    biedingen = list(kluis.geopende_biedingen(traject, ronde))
    criteria = list(traject.criteria.all())
    scores_per_bod, oordelen = selectors.consensus_van([b.pk for b in biedingen])
    vervallen = {
        perceel_id: set(regels)
        for perceel_id, regels in selectors.vervallen_van(traject, ronde).items()
    }
    onvolledig = [
        b.organisatie.naam
        for b in biedingen
        if selectors.ontbrekend_voor(
            traject,
            criteria,
            b,
            scores_per_bod.get(b.pk, {}),
            oordelen.get(b.pk),
            vervallen.get(b.perceel_id, set()),
        )
    ]
    return biedingen, onvolledig, (criteria, scores_per_bod, oordelen, vervallen)


def consensus_bevestigen(*, actor: User, overleg: ConsensusOverleg) -> ConsensusOverleg:
    """A member of the committee confirms the recorded consensus of the stage (see
    `permissions.mag_consensus_bevestigen` for who and when). The chair confirms first;
    then every other member entitled to confirm is told that the consensus waits for
    their confirmation. The confirmation that makes it the chair and a majority of the
    members without a conflict (`selectors.stemgerechtigden`) closes the consensus: the
    ranking is final and nothing changes any more. Confirming again changes nothing."""
    with transaction.atomic():
        traject = traject_vergrendeld(overleg.traject)
        overleg = ConsensusOverleg.objects.select_for_update().get(pk=overleg.pk)
        lid = Commissielid.objects.filter(traject=traject, user=actor).first()
        stand = selectors.bevestigingsstand(overleg)
        if stand.heeft_bevestigd(lid):
            return overleg  # a double click
        biedingen, onvolledig, gegevens = _onvolledig(traject, overleg.ronde)
        permissions.mag_consensus_bevestigen(
            actor,
            overleg,
            lid=lid,
            stemgerechtigd=stand.is_stemgerechtigd(lid),
            voorzitter_bevestigd=stand.voorzitter_bevestigd,
            al_bevestigd=stand.heeft_bevestigd(lid),
            compleet=bool(biedingen) and not onvolledig,
            alles_ingediend=lid is not None and selectors.alles_ingediend(lid, biedingen),
        ).vereisen()
        assert lid is not None  # the predicate refuses a non-member
        bevestiging = Consensusbevestiging.objects.create(
            overleg=overleg, commissielid=lid, bevestigd_op=timezone.now()
        )
        stand.bevestigd[lid.pk] = bevestiging
        events.consensus_bevestigd(
            actor=actor,
            traject=traject,
            overleg=overleg,
            lid=lid,
            bevestigd=stand.aantal,
            nodig=stand.nodig,
        )
        if lid.is_voorzitter:
            _om_bevestiging_vragen(traject, overleg, stand.nog_niet)
        if stand.rond:
            _vaststellen(actor, traject, overleg, biedingen, gegevens)
    return overleg


def _om_bevestiging_vragen(
    traject: Traject, overleg: ConsensusOverleg, leden: list[Commissielid]
) -> None:
    with translation.override("nl"):
        onderwerp = _("The consensus waits for your confirmation: %(titel)s") % {
            "titel": traject.titel
        }
        ronde = str(Ronde(overleg.ronde).label)
    url = reverse("beoordeling:consensus_ronde", args=[traject.pk, overleg.ronde])
    for lid in leden:
        if not lid.user.is_active:
            continue
        notifications.notify(
            lid.user,
            onderwerp=onderwerp,
            template=BEVESTIGEN_MAIL,
            context={"traject": traject, "ronde": ronde},
            url=url,
        )


def _vaststellen(
    actor: User,
    traject: Traject,
    overleg: ConsensusOverleg,
    biedingen: list[Bod],
    gegevens: Any,
) -> None:
    """Close the consensus (the confirmation that made the majority): the ranking is
    final."""
    criteria, scores_per_bod, oordelen, vervallen = gegevens
    overleg.vastgesteld_op = timezone.now()
    overleg.vastgesteld_door = actor
    overleg.save(update_fields=["vastgesteld_op", "vastgesteld_door"])
    rangorde = selectors.rangschikken(
        traject, biedingen, criteria, scores_per_bod, oordelen, vervallen=vervallen
    )
    events.consensus_vastgesteld(
        actor=actor,
        traject=traject,
        overleg=overleg,
        rangorde={
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
    )
