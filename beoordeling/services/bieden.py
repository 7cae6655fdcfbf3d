"""Writes of bids: start, save the draft step by step, attachments, submit, withdraw.

The moment a request reached the server (`aanbesteden.middleware.ontvangen_op`) decides
every deadline: the views pass it in as `ontvangen_op`. After the deadline of its stage
nothing about a bid changes.

Audit details never hold bid content: only step names, version numbers, hashes, moments.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

import filetype
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from beoordeling import events, permissions
from beoordeling.constants import BodStatus, Ronde
from beoordeling.documents import bieden as documents_bieden
from beoordeling.models import Bijlage, Bod, BodVersie
from beoordeling.selectors import bieden as selectors
from beoordeling.selectors import kluis
from beoordeling.selectors import prijs as prijs_selectors
from beoordeling.selectors import selectie as selectie_selectors
from coalities.services import coalitie as coalitie_services
from trajecten import sroi
from trajecten.constants import TrajectStatus

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

    from aanbesteden.models import User
    from coalities.models import Coalitie, Organisatie
    from trajecten.models import Perceel, Traject

# --- the steps of the form --------------------------------------------------------------


@dataclass(frozen=True)
class Stap:
    slug: str
    titel: StrOrPromise
    velden: tuple[str, ...]  # the keys of `Bod.concept` this step writes
    verplicht: bool = True
    # Step "vragen" (issue 14, point 4): the trajectory's own questions, as (id, question,
    # guidance); every one must be answered.
    vragen: tuple[tuple[int, str, str], ...] = ()


# Every step there is, in the order of the form; a stage asks some of them (`stappen_voor`).
STAPPEN = (
    Stap("plan", gettext_lazy("Plan and activities"), ("plan",)),
    Stap("wie", gettext_lazy("Who does what"), ("wie",)),
    # Issue 14, point 4: the outline asks a rough budget, not the budget per partner and year.
    Stap("globale_begroting", gettext_lazy("Rough budget"), ("globale_begroting",)),
    Stap("planning", gettext_lazy("Planning"), ("planning",)),
    Stap("begroting", gettext_lazy("Budget per partner and year"), ("begroting",)),
    Stap("financiering", gettext_lazy("Financing sources"), ("financiering",)),
    Stap("verdienmodel", gettext_lazy("Earning model"), ("verdienmodel",)),
    Stap("resultaten", gettext_lazy("How results are measured"), ("resultaten",)),
    # Issue 14, point 4: the trajectory's own questions.
    Stap("vragen", gettext_lazy("Questions of the municipality"), ("vragen",)),
    # Issue 14, point 8: social return is a condition of the agreement, not a step to pass;
    # the full plan may say how the bidder will meet it (optional).
    Stap("sroi", gettext_lazy("Social return (optional)"), ("sroi",), verplicht=False),
    # Issue 13, rule 8: only when the call has a price criterion (see `stappen_voor`).
    Stap("prijs", gettext_lazy("Price"), ("prijs",)),
    Stap("bijlagen", gettext_lazy("Attachments"), (), verplicht=False),
)
STAP_SLUGS = tuple(stap.slug for stap in STAPPEN)
_STAP = {stap.slug: stap for stap in STAPPEN}

# Issue 14, point 4: what each stage asks. The outline: the plan in headlines, who does it,
# a rough budget and the trajectory's own questions. The elaborated plan: everything else.
# A single-stage call: the one bid is the full plan, with the own questions.
SCHETS = ("plan", "wie", "globale_begroting", "vragen", "prijs", "bijlagen")
UITWERKING = (
    "plan",
    "wie",
    "planning",
    "begroting",
    "financiering",
    "verdienmodel",
    "resultaten",
    "sroi",
    "prijs",
    "bijlagen",
)
ENIGE_RONDE = (
    "plan",
    "wie",
    "planning",
    "begroting",
    "financiering",
    "verdienmodel",
    "resultaten",
    "vragen",
    "sroi",
    "prijs",
    "bijlagen",
)
PLAN_IN_HOOFDLIJNEN = Stap("plan", gettext_lazy("Plan in headlines"), ("plan",))

# Attachments: what is allowed, checked by content; size limits.
MAX_BIJLAGE = 10 * 1024 * 1024
MAX_BIJLAGEN_TOTAAL = 50 * 1024 * 1024
TOEGESTAAN = {
    "application/pdf": ("PDF", ("pdf",)),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "DOCX",
        ("docx",),
    ),
    "application/vnd.oasis.opendocument.text": ("ODT", ("odt",)),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("XLSX", ("xlsx",)),
    "image/png": ("PNG", ("png",)),
    "image/jpeg": ("JPEG", ("jpg", "jpeg")),
}


def sroi_vereist(traject: Traject, perceel: Perceel) -> bool:
    """Whether social return is a condition of the agreement of `perceel`, as the call
    states it (issue 14, point 8: the trajectory's percentage and threshold)."""
    return sroi.geldt_voor(traject, perceel)


def is_schets(traject: Traject, ronde: Ronde | str) -> bool:
    """Whether a bid in `ronde` is an outline bid: the first of two stages. In a
    single-stage call (no deadline for elaborated bids) the one bid is the full plan."""
    return Ronde(ronde) == Ronde.HOOFDLIJNEN and traject.uitwerking_sluit is not None


def schetsvragen_van(traject: Traject) -> tuple[tuple[int, str, str], ...]:
    """The trajectory's own questions (id, question, guidance), in order: one query."""
    return tuple(
        traject.schetsvragen.order_by("volgorde", "id").values_list("id", "vraag", "toelichting")
    )


def stappen_voor(traject: Traject, perceel: Perceel, ronde: Ronde | str) -> list[Stap]:
    """The steps of a bid on `perceel` in `ronde` (issue 14, point 4): the outline asks the
    plan in headlines, who does it, a rough budget and the trajectory's own questions; the
    elaborated plan asks the rest. With one stage the bid asks every step of the full
    plan and the own questions. Own questions only when the call has them; social return
    (optional) only when it is a condition for this lot; the price only when the call has
    a price criterion (then it is required)."""
    schets = is_schets(traject, ronde)
    slugs: tuple[str, ...]
    if schets:
        slugs = SCHETS
    elif Ronde(ronde) == Ronde.UITWERKING:
        slugs = UITWERKING
    else:
        slugs = ENIGE_RONDE
    vragen = schetsvragen_van(traject) if "vragen" in slugs else ()
    stappen = []
    for slug in slugs:
        stap = _STAP[slug]
        if slug == "plan" and schets:
            stap = PLAN_IN_HOOFDLIJNEN
        elif slug == "vragen":
            if not vragen:
                continue
            stap = replace(stap, vragen=vragen)
        elif slug == "sroi" and not sroi_vereist(traject, perceel):
            continue
        elif slug == "prijs" and not prijs_selectors.heeft_prijscriterium(traject):
            continue
        stappen.append(stap)
    return stappen


def _gevuld(waarde: Any) -> bool:
    if isinstance(waarde, str):
        return bool(waarde.strip())
    return bool(waarde)


def stap_compleet(stap: Stap, concept: dict[str, Any], partners: Sequence[Organisatie]) -> bool:
    """Whether a required step is filled in. `partners`: the organisations of the bid."""
    if not stap.verplicht:
        return True
    if stap.slug == "vragen":
        antwoorden = {
            rij.get("vraag"): rij.get("antwoord", "")
            for rij in (concept.get("vragen") or [])
            if isinstance(rij, dict)
        }
        return all(_gevuld(antwoorden.get(pk)) for pk, _vraag, _uitleg in stap.vragen)
    if stap.slug == "globale_begroting":
        begroting = concept.get("globale_begroting")
        if not isinstance(begroting, dict):
            return _gevuld(begroting)
        return _gevuld(begroting.get("totaal")) or _gevuld(begroting.get("regels"))
    if stap.slug == "wie":
        wie = concept.get("wie")
        if isinstance(wie, str):
            return bool(wie.strip())
        teksten = {
            rij.get("organisatie"): rij.get("tekst", "")
            for rij in (wie or [])
            if isinstance(rij, dict)
        }
        return bool(partners) and all(_gevuld(teksten.get(p.pk)) for p in partners)
    return all(_gevuld(concept.get(veld)) for veld in stap.velden)


def ontbrekende_stappen(
    stappen: Iterable[Stap], concept: dict[str, Any] | None, partners: Sequence[Organisatie]
) -> list[Stap]:
    """The required steps that are not complete, in order."""
    return [stap for stap in stappen if not stap_compleet(stap, concept or {}, partners)]


# --- helpers ------------------------------------------------------------------------------


def _lock(bod: Bod) -> Bod:
    return (
        Bod.objects.select_for_update(of=("self",))
        .select_related("traject__gemeente", "perceel", "organisatie", "coalitie")
        .get(pk=bod.pk)
    )


def _moment_van(ontvangen_op: datetime | None) -> datetime:
    return ontvangen_op or timezone.now()


def _deadline(traject: Traject, ronde: str) -> datetime:
    deadline = kluis.deadline_van(traject, ronde)
    if deadline is None:
        raise DomainError(_("This stage has no closing time yet. You cannot bid yet."))
    return deadline


def _tijd(moment: datetime) -> str:
    return weergave.moment(moment, "H:i:s")


def te_laat_tekst(deadline: datetime, ontvangen_op: datetime) -> str:
    """'Bids closed on Monday 28 December 2026 at 12:00:00. Your bid arrived at 12:00:01
    and is too late.' in Dutch time, to the second."""
    datum = weergave.moment(deadline, "l j F Y")
    aankomst = _tijd(ontvangen_op)
    if timezone.localdate(ontvangen_op) != timezone.localdate(deadline):
        aankomst = weergave.moment(ontvangen_op, "l j F Y, H:i:s")
    return _(
        "Bids closed on %(datum)s at %(tijd)s. Your bid arrived at %(aankomst)s and is too late."
    ) % {"datum": datum, "tijd": _tijd(deadline), "aankomst": aankomst}


def _gesloten_tekst(deadline: datetime) -> str:
    return _("This stage closed on %(datum)s at %(tijd)s. Nothing can be changed any more.") % {
        "datum": weergave.moment(deadline, "l j F Y"),
        "tijd": _tijd(deadline),
    }


def _open_of_fout(bod: Bod, ontvangen_op: datetime | None) -> datetime:
    """Raise when the deadline of the bid's stage has passed at `ontvangen_op`."""
    deadline = _deadline(bod.traject, bod.ronde)
    if _moment_van(ontvangen_op) >= deadline:
        raise DomainError(_gesloten_tekst(deadline))
    return deadline


def canonieke_json(inhoud: Any) -> str:
    return json.dumps(inhoud, sort_keys=True, ensure_ascii=False)


def inhoud_hash(inhoud: Any) -> str:
    return hashlib.sha256(canonieke_json(inhoud).encode("utf-8")).hexdigest()


def bod_url(bod: Bod) -> str:
    return reverse("beoordeling:bod", args=[bod.pk])


# --- starting a bid -----------------------------------------------------------------------


def bod_starten(
    *,
    actor: User,
    traject: Traject,
    perceel: Perceel,
    organisatie: Organisatie,
    coalitie: Coalitie | None = None,
    ronde: Ronde | str = Ronde.HOOFDLIJNEN,
    ontvangen_op: datetime | None = None,
) -> Bod:
    """Start (or find) the draft bid of `organisatie` on `perceel` in `ronde`.

    With `coalitie`, `organisatie` is its accepted lead. The elaborated stage only for a
    bidder invited after its outline bid. A double click returns the same draft.
    """
    ronde = Ronde(ronde)
    with transaction.atomic():
        if traject.status != TrajectStatus.GEPUBLICEERD:
            raise DomainError(_("You can only bid on a published trajectory."))
        if perceel.traject_id != traject.pk:
            raise DomainError(_("This lot does not belong to this trajectory."))
        permissions.bieden_op_route(traject).vereisen()
        deadline = _deadline(traject, ronde)
        if _moment_van(ontvangen_op) >= deadline:
            raise DomainError(_gesloten_tekst(deadline))
        permissions.mag_bieden_voor(actor, organisatie).vereisen()
        if coalitie is not None:
            if coalitie.traject_id != traject.pk:
                raise DomainError(_("This coalition belongs to another trajectory."))
            permissions.mag_bieden_namens(coalitie, organisatie).vereisen()
            if not selectors.coalitie_mag_op_perceel(coalitie, perceel):
                raise DomainError(_("This coalition has not chosen this lot."))
        if ronde == Ronde.UITWERKING:
            # Invited, and the selection sent: until then the invitation is a draft.
            hoofdlijnen = selectie_selectors.uitnodiging_van(perceel, organisatie)
            if hoofdlijnen is None:
                raise DomainError(
                    _("Only bidders invited after their outline bid can send an elaborated plan.")
                )
            coalitie = hoofdlijnen.coalitie
        bod, created = Bod.objects.get_or_create(
            perceel=perceel,
            ronde=ronde,
            organisatie=organisatie,
            defaults={"traject": traject, "coalitie": coalitie, "aangemaakt_door": actor},
        )
        if created:
            events.bod_gestart(actor=actor, bod=bod, ronde=ronde)
    return bod


# --- the draft ----------------------------------------------------------------------------


def concept_opslaan(
    *,
    actor: User,
    bod: Bod,
    stap: str,
    gegevens: dict[str, Any],
    ontvangen_op: datetime | None = None,
) -> Bod:
    """Save one step of the draft. Any member of the bidding organisation or of an accepted
    coalition partner may; until the deadline, also after a submission (then a new version
    counts only once it is submitted)."""
    if stap not in STAP_SLUGS:
        raise DomainError(_("Unknown step."))
    velden = _STAP[stap].velden
    with transaction.atomic():
        bod = _lock(bod)
        permissions.mag_bod_wijzigen(actor, bod).vereisen()
        _open_of_fout(bod, ontvangen_op)
        if stap not in {s.slug for s in stappen_voor(bod.traject, bod.perceel, bod.ronde)}:
            raise DomainError(_("This stage of the bid does not ask this step."))
        concept = dict(bod.concept or {})
        nieuw = {veld: gegevens[veld] for veld in velden if veld in gegevens}
        if all(concept.get(veld) == waarde for veld, waarde in nieuw.items()):
            return bod
        concept.update(nieuw)
        bod.concept = concept
        bod.save(update_fields=["concept", "gewijzigd_op"])
        events.bod_concept_opgeslagen(actor=actor, bod=bod, stap=stap)
    return bod


# --- attachments --------------------------------------------------------------------------


def _huidige_bijlagen(bod: Bod) -> QuerySet[Bijlage]:
    """The current attachments, read here to check and freeze them (never for display:
    pages read them through `selectors.kluis`)."""
    return Bijlage.objects.filter(bod=bod, verwijderd_op__isnull=True).order_by("created_at", "id")


def _totale_grootte(bod: Bod) -> int:
    return _huidige_bijlagen(bod).aggregate(totaal=Sum("grootte"))["totaal"] or 0


def bevroren_inhoud(concept: dict[str, Any] | None, bijlagen: Iterable[Bijlage]) -> dict[str, Any]:
    """The content a version freezes: the draft plus the list of attachments (name, type,
    size, SHA-256). Its SHA-256 over canonical JSON is the version's fingerprint."""
    return {
        **(concept or {}),
        "bijlagen": [
            {"naam": b.naam, "mime": b.mime, "grootte": b.grootte, "sha256": b.sha256}
            for b in bijlagen
        ],
    }


def _lees(bestand: Any) -> bytes:
    if hasattr(bestand, "seek"):
        bestand.seek(0)
    if hasattr(bestand, "chunks"):
        return b"".join(bestand.chunks())
    return bestand.read()


def _soort(data: bytes) -> tuple[str | None, str]:
    """(mime, label) of the content, or (None, label of what it is)."""
    gevonden = filetype.guess(data[:8192])
    if gevonden is None:
        return None, _("unknown")
    if gevonden.mime in TOEGESTAAN:
        return gevonden.mime, TOEGESTAAN[gevonden.mime][0]
    return None, gevonden.extension.upper()


def _veilige_naam(naam: Any) -> str:
    naam = os.path.basename(str(naam or "")).replace("\x00", "").strip()
    return (naam or "bijlage")[:255]


def bijlage_toevoegen(
    *, actor: User, bod: Bod, bestand: Any, ontvangen_op: datetime | None = None
) -> Bijlage:
    """Add an attachment: PDF, DOCX, ODT, XLSX, PNG or JPEG, by content and matching its
    name; at most 10 MB, at most 50 MB for the whole bid; stored with its SHA-256."""
    naam = _veilige_naam(getattr(bestand, "name", ""))
    grootte = getattr(bestand, "size", None)
    if grootte is not None and grootte > MAX_BIJLAGE:
        raise DomainError(_("This file is larger than 10 MB. Make it smaller and try again."))
    data = _lees(bestand)
    grootte = len(data)
    if grootte == 0:
        raise DomainError(_("This file is empty."))
    if grootte > MAX_BIJLAGE:
        raise DomainError(_("This file is larger than 10 MB. Make it smaller and try again."))
    mime, label = _soort(data)
    if mime is None:
        raise DomainError(
            _(
                "This file is of a kind that cannot be added (%(soort)s). "
                "You can add PDF, DOCX, ODT, XLSX, PNG or JPEG."
            )
            % {"soort": label}
        )
    extensie = os.path.splitext(naam)[1].lstrip(".").lower()
    if extensie not in TOEGESTAAN[mime][1]:
        raise DomainError(
            _(
                "The file is called %(naam)s, but it is a %(soort)s file. "
                "Give it the right name and try again."
            )
            % {"naam": naam, "soort": label}
        )
    sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        bod = _lock(bod)
        permissions.mag_bod_wijzigen(actor, bod).vereisen()
        _open_of_fout(bod, ontvangen_op)
        totaal = _totale_grootte(bod)
        if totaal + grootte > MAX_BIJLAGEN_TOTAAL:
            raise DomainError(
                _("Together the attachments of a bid may be at most 50 MB. Remove a file first.")
            )
        bijlage = Bijlage(
            bod=bod, naam=naam, mime=mime, grootte=grootte, sha256=sha256, geupload_door=actor
        )
        bijlage.bestand.save(
            f"{uuid.uuid4().hex}.{TOEGESTAAN[mime][1][0]}", ContentFile(data), save=False
        )
        bijlage.save()
        events.bod_bijlage_toegevoegd(actor=actor, bod=bod, bijlage=bijlage)
    return bijlage


def bijlage_verwijderen(
    *, actor: User, bijlage: Bijlage, ontvangen_op: datetime | None = None
) -> Bijlage:
    """Remove an attachment from the draft. Submitted versions keep their list and hashes;
    the file itself stays for them."""
    with transaction.atomic():
        bod = _lock(bijlage.bod)
        permissions.mag_bod_wijzigen(actor, bod).vereisen()
        _open_of_fout(bod, ontvangen_op)
        bijlage = Bijlage.objects.select_for_update().get(pk=bijlage.pk, bod=bod)
        if bijlage.verwijderd_op is not None:
            return bijlage
        bijlage.verwijderd_op = timezone.now()
        bijlage.save(update_fields=["verwijderd_op"])
        events.bod_bijlage_verwijderd(actor=actor, bod=bod, bijlage=bijlage)
    return bijlage


# --- submitting and withdrawing -----------------------------------------------------------


def _te_laat_vastleggen(
    *, actor: User, bod: Bod, deadline: datetime, ontvangen_op: datetime
) -> None:
    """The refusal of a late bid is recorded in its own transaction, so it stays."""
    with transaction.atomic():
        events.bod_te_laat(actor=actor, bod=bod, deadline=deadline, ontvangen_op=ontvangen_op)


def _partners_vertellen(
    bod: Bod, *, onderwerp: str, template: str, context: dict[str, Any]
) -> None:
    url = bod_url(bod)
    for user in selectors.beheerders_van_partners(bod):
        notifications.notify(user, onderwerp=onderwerp, template=template, context=context, url=url)


def bod_indienen(*, actor: User, bod: Bod, ontvangen_op: datetime) -> BodVersie:
    """Submit the draft as a new version. Only an administrator of the bidding organisation,
    only before the deadline of its stage (decided by `ontvangen_op`). Two requests at once
    or a double click make one version: unchanged content (and composition) returns the last
    version.

    The version keeps the coalition's composition (issue 14, point 5). A bid of the final
    stage locks the coalition (`permissions.bod_vergrendelt_coalitie`); the outline bid of a
    two-stage trajectory does not: partners may still join or leave until the elaborated
    plan is submitted."""
    permissions.mag_indienen(actor, bod).vereisen()
    deadline = _deadline(bod.traject, bod.ronde)
    if ontvangen_op >= deadline:
        _te_laat_vastleggen(actor=actor, bod=bod, deadline=deadline, ontvangen_op=ontvangen_op)
        raise DomainError(te_laat_tekst(deadline, ontvangen_op))
    with transaction.atomic():
        bod = _lock(bod)
        partners = selectors.partners_van(bod)
        stappen = stappen_voor(bod.traject, bod.perceel, bod.ronde)
        ontbreekt = ontbrekende_stappen(stappen, bod.concept, partners)
        if ontbreekt:
            raise DomainError(
                _("Your bid is not complete yet. Still to fill in: %(stappen)s.")
                % {"stappen": ", ".join(str(stap.titel) for stap in ontbreekt)}
            )
        inhoud = bevroren_inhoud(bod.concept, _huidige_bijlagen(bod))
        sha256 = inhoud_hash(inhoud)
        samenstelling = selectors.samenstelling_van(bod)
        laatste = bod.versies.order_by("-nummer").first()
        if (
            bod.status == BodStatus.INGEDIEND
            and laatste is not None
            and laatste.sha256 == sha256
            and laatste.samenstelling == samenstelling
        ):
            return laatste
        vorige_status = bod.status
        versie = BodVersie.objects.create(
            bod=bod,
            nummer=(laatste.nummer + 1) if laatste else 1,
            inhoud=json.loads(canonieke_json(inhoud)),
            sha256=sha256,
            ingediend_op=ontvangen_op,
            ingediend_door=actor,
            samenstelling=samenstelling,
        )
        bod.status = BodStatus.INGEDIEND
        bod.save(update_fields=["status", "gewijzigd_op"])
        if (
            bod.coalitie is not None
            and not bod.coalitie.is_vergrendeld
            and permissions.bod_vergrendelt_coalitie(bod)
        ):
            coalitie_services.coalitie_vergrendelen(actor=actor, coalitie=bod.coalitie)
        events.bod_ingediend(actor=actor, bod=bod, versie=versie, vorige_status=vorige_status)
        versie.ontvangstbewijs = documents_bieden.ontvangstbewijs_aanvragen(
            actor=actor,
            versie=versie,
            onderdelen=[str(stap.titel) for stap in stappen if stap.slug != "bijlagen"],
        )
        versie.save(update_fields=["ontvangstbewijs"])
        _partners_vertellen(
            bod,
            onderwerp=_("Bid submitted: %(titel)s") % {"titel": bod.traject.titel},
            template="beoordeling/mail/bod_ingediend.txt",
            context={
                "bod": bod,
                "traject": bod.traject,
                "perceel": bod.perceel,
                "versie": versie.nummer,
                "ingediend_op": weergave.moment(ontvangen_op, "l j F Y, H:i:s", nl=True),
                "sha256": sha256,
            },
        )
    return versie


def bod_intrekken(*, actor: User, bod: Bod, ontvangen_op: datetime) -> Bod:
    """Withdraw a submitted bid before the deadline. The versions stay on record. The
    coalition opens again (a new version) when none of its other bids is submitted."""
    indienen = permissions.mag_indienen(actor, bod)
    indienen.vereisen()
    with transaction.atomic():
        bod = _lock(bod)
        _open_of_fout(bod, ontvangen_op)
        permissions.mag_intrekken(actor, bod, indienen=indienen).vereisen()
        bod.status = BodStatus.INGETROKKEN
        bod.save(update_fields=["status", "gewijzigd_op"])
        events.bod_ingetrokken(actor=actor, bod=bod, ingetrokken_op=ontvangen_op)
        if (
            bod.coalitie is not None
            and bod.coalitie.is_vergrendeld
            and not selectors.coalitie_heeft_ander_ingediend_bod(bod)
        ):
            coalitie_services.coalitie_openen_voor_nieuwe_versie(actor=actor, coalitie=bod.coalitie)
        _partners_vertellen(
            bod,
            onderwerp=_("Bid withdrawn: %(titel)s") % {"titel": bod.traject.titel},
            template="beoordeling/mail/bod_ingetrokken.txt",
            context={
                "bod": bod,
                "traject": bod.traject,
                "perceel": bod.perceel,
                "ingetrokken_op": weergave.moment(ontvangen_op, "l j F Y, H:i:s", nl=True),
            },
        )
    return bod
