"""The covenant route (issue 14, point 3): the plan that the gemeente and one existing
initiative write together.

    initiatief_benoemen   an officer names the initiative (an organisation on the platform)
    plan_opslaan          a member of the initiative or an officer in the team saves a version
    akkoord_geven         each side agrees to the newest version; both: the plan is agreed

Saving is optimistic: the author sends the version they started from (`basis`). A save on an
older version is merged per section when nobody else changed the same sections meanwhile;
otherwise it is refused, naming the newer version (nothing is lost: the page keeps the
author's text). The same content again (a double click) makes no new version. Any new
version lapses the agreements on the one before (only agreements on the newest count).
Every step locks the covenant, asks `beoordeling.permissions`, writes one audit event and
tells the other side.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from aanbesteden.models import User
from beoordeling import events, permissions
from beoordeling.constants import ConvenantPartij, ConvenantSectie
from beoordeling.models import Convenant, ConvenantAkkoord, ConvenantVersie
from coalities.constants import LidRol
from coalities.models import Lidmaatschap, Organisatie
from coalities.selectors import beheerders_van
from trajecten.constants import TeamRol
from trajecten.models import TeamLid, Traject
from trajecten.routes import CONVENANTPLAN, route_van
from trajecten.services import opstellen

SECTIES = tuple(ConvenantSectie.values)
MAX_SECTIE = 5_000


def _nl(tekst: Any, **waarden: Any) -> str:
    with translation.override("nl"):
        return str(tekst) % waarden if waarden else str(tekst)


def _vergrendeld(convenant: Convenant) -> Convenant:
    return (
        Convenant.objects.select_for_update(of=("self",))
        .select_related("traject__gemeente", "initiatief", "vastgestelde_versie")
        .get(pk=convenant.pk)
    )


def laatste_versie(convenant: Convenant) -> ConvenantVersie | None:
    return convenant.versies.order_by("-nummer").first()


def _leden(convenant: Convenant) -> list[User]:
    return list(
        User.objects.filter(
            lidmaatschappen__organisatie_id=convenant.initiatief_id, is_active=True
        ).order_by("pk")
    )


def _team(convenant: Convenant) -> list[User]:
    return list(
        User.objects.filter(
            medewerkerschappen__teams__traject_id=convenant.traject_id, is_active=True
        )
        .distinct()
        .order_by("pk")
    )


def _vertel(
    users: list[User], *, behalve: User | None, onderwerp: Any, tekst: str, url: str
) -> None:
    for user in users:
        if behalve is not None and user.pk == behalve.pk:
            continue
        notifications.notify(user, onderwerp=onderwerp, tekst=tekst, url=url)


# --- the initiative ----------------------------------------------------------------------


def initiatief_benoemen(
    *,
    actor: User,
    traject: Traject,
    organisatie: Organisatie,
    al_verteld: User | None = None,
) -> Convenant:
    """Name the existing initiative the plan is written with (or another one, as long as the
    plan has no version yet). Its administrators are told (but `al_verteld`, who hears it in
    another message: the proposer whose challenge was accepted)."""
    with transaction.atomic():
        traject = Traject.objects.select_for_update().select_related("gemeente").get(pk=traject.pk)
        convenant = (
            Convenant.objects.select_for_update(of=("self",)).filter(traject=traject).first()
        )
        heeft_versies = convenant is not None and convenant.versies.exists()
        permissions.mag_initiatief_benoemen(
            actor, traject, convenant=convenant, heeft_versies=heeft_versies
        ).vereisen()
        vorige = None
        if convenant is None:
            convenant = Convenant.objects.create(
                traject=traject,
                initiatief=organisatie,
                benoemd_door=actor,
                benoemd_op=timezone.now(),
            )
        elif convenant.initiatief_id == organisatie.pk:
            return convenant
        else:
            vorige = convenant.initiatief_id
            convenant.initiatief = organisatie
            convenant.benoemd_door = actor
            convenant.benoemd_op = timezone.now()
            convenant.save(update_fields=["initiatief", "benoemd_door", "benoemd_op"])
        convenant.traject = traject
        events.convenant_initiatief_benoemd(actor=actor, convenant=convenant, vorige=vorige)
        _vertel(
            [u for u in beheerders_van(organisatie) if al_verteld is None or u.pk != al_verteld.pk],
            behalve=actor,
            onderwerp=_nl(
                gettext_lazy("You write a covenant plan with the municipality: %(titel)s"),
                titel=traject.titel,
            ),
            tekst=_nl(
                gettext_lazy(
                    "The municipality of %(gemeente)s has named %(naam)s as the initiative it "
                    "writes a covenant with. The members of %(naam)s and the municipality "
                    "write the plan together on the platform. When both sides agree to the "
                    "same version, the plan is agreed."
                ),
                gemeente=traject.gemeente.naam,
                naam=organisatie.naam,
            ),
            url=convenant.get_absolute_url(),
        )
    return convenant


def na_uitdaging_aanvaard(*, actor: User, uitdaging: Any, traject: Traject) -> dict | None:
    """trajecten's `UITDAGING_AANVAARD` step: on the covenant route the accepting officer
    joins the team (project lead), and the proposer's organisation becomes the initiative
    when they administer exactly one (else one they are a member of, when only one)."""
    if not route_van(traject).heeft(CONVENANTPLAN):
        return None
    medewerker = actor.medewerkerschappen.filter(gemeente_id=traject.gemeente_id).first()
    if medewerker is not None and not TeamLid.objects.filter(traject=traject).exists():
        opstellen.teamlid_toevoegen(
            actor=actor, traject=traject, medewerker=medewerker, rol=TeamRol.PROJECTLEIDER
        )
    kandidaten = list(
        Lidmaatschap.objects.filter(user=uitdaging.indiener)
        .order_by("organisatie_id")
        .values_list("organisatie_id", "rol")
    )
    beheerd = [pk for pk, rol in kandidaten if rol == LidRol.BEHEERDER]
    keuze = beheerd if beheerd else [pk for pk, _rol in kandidaten]
    if len(keuze) != 1:
        return None
    organisatie = Organisatie.objects.get(pk=keuze[0])
    convenant = initiatief_benoemen(
        actor=actor, traject=traject, organisatie=organisatie, al_verteld=uitdaging.indiener
    )
    return {
        "initiatief": organisatie,
        "plan_url": notifications.absolute_url(convenant.get_absolute_url()),
    }


# --- the plan ----------------------------------------------------------------------------


def _schoon(secties: dict[str, Any]) -> dict[str, str]:
    schoon = {}
    for sectie in SECTIES:
        tekst = str(secties.get(sectie) or "").replace("\r\n", "\n").strip()
        if len(tekst) > MAX_SECTIE:
            raise DomainError(
                _("A section may have at most %(max)s characters.") % {"max": MAX_SECTIE},
                veld=sectie,
            )
        schoon[sectie] = tekst
    return schoon


def _namen(slugs: list[str] | set[str]) -> str:
    return ", ".join(str(s.label).lower() for s in ConvenantSectie if s.value in slugs)


def plan_opslaan(
    *, actor: User, convenant: Convenant, basis: int, secties: dict[str, Any]
) -> ConvenantVersie:
    """Save the plan as a new version. `basis`: the version number the author started from
    (0 for none). Returns the newest version (the same one when nothing changed)."""
    nieuw = _schoon(secties)
    with transaction.atomic():
        convenant = _vergrendeld(convenant)
        rollen = permissions.convenant_rollen(actor, convenant.traject, convenant.initiatief_id)
        permissions.mag_plan_schrijven(convenant, rollen).vereisen()
        laatste = laatste_versie(convenant)
        huidig = dict(laatste.inhoud) if laatste else dict.fromkeys(SECTIES, "")
        if laatste is None or basis == laatste.nummer:
            begin = huidig
        else:
            basisversie = convenant.versies.filter(nummer=basis).first()
            if basisversie is None and basis != 0:
                raise DomainError(_("This version of the plan does not exist."))
            begin = dict(basisversie.inhoud) if basisversie else dict.fromkeys(SECTIES, "")
        mijn = {s: t for s, t in nieuw.items() if t != begin.get(s, "")}
        # The sections someone else changed since the author's version, to another text.
        botsing = {
            s
            for s, t in mijn.items()
            if huidig.get(s, "") != begin.get(s, "") and huidig.get(s, "") != t
        }
        if botsing:
            assert laatste is not None
            raise DomainError(
                _(
                    "Not saved: %(wie)s saved version %(nummer)s on %(moment)s and changed the "
                    "same part since you started: %(secties)s. Your text is still in the form. "
                    "Read the newer version below, add your changes to it and save again."
                )
                % {
                    "wie": laatste.auteur.get_full_name() or laatste.auteur.email,
                    "nummer": laatste.nummer,
                    "moment": weergave.moment(laatste.created_at, "j F Y, H:i"),
                    "secties": _namen(botsing),
                }
            )
        inhoud = {**huidig, **mijn}
        gewijzigd = [s for s in SECTIES if inhoud.get(s, "") != huidig.get(s, "")]
        if not gewijzigd:
            if laatste is None:
                raise DomainError(_("Write at least one part of the plan."))
            return laatste
        nummer = (convenant.versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
        versie = ConvenantVersie.objects.create(
            convenant=convenant,
            nummer=nummer,
            inhoud=inhoud,
            gewijzigd=gewijzigd,
            samengevoegd=laatste is not None and basis != laatste.nummer,
            auteur=actor,
            partij=rollen.partij,
        )
        events.convenant_plan_opgeslagen(
            actor=actor, convenant=convenant, versie=versie, basis=basis
        )
        if laatste is not None and laatste.akkoorden.exists():
            _vertel(
                [a.door for a in laatste.akkoorden.select_related("door")],
                behalve=actor,
                onderwerp=_nl(
                    gettext_lazy("The covenant plan changed: %(titel)s"),
                    titel=convenant.traject.titel,
                ),
                tekst=_nl(
                    gettext_lazy(
                        "Version %(nummer)s of the plan has been saved. Your agreement to "
                        "version %(vorige)s no longer counts: read the new version and agree "
                        "again."
                    ),
                    nummer=nummer,
                    vorige=laatste.nummer,
                ),
                url=convenant.get_absolute_url(),
            )
    return versie


# --- agreement -----------------------------------------------------------------------------


def akkoord_geven(*, actor: User, convenant: Convenant, versie_nummer: int) -> ConvenantAkkoord:
    """Agree, for one's side, to version `versie_nummer`, which must be the newest. When both
    sides agreed to it, the plan is agreed (vastgesteld): the concept-convenant."""
    with transaction.atomic():
        convenant = _vergrendeld(convenant)
        rollen = permissions.convenant_rollen(actor, convenant.traject, convenant.initiatief_id)
        permissions.mag_akkoord_geven(convenant, rollen).vereisen()
        laatste = laatste_versie(convenant)
        if laatste is None:
            raise DomainError(_("There is no plan yet to agree to."))
        if versie_nummer != laatste.nummer:
            raise DomainError(
                _(
                    "Version %(nummer)s is no longer the newest: version %(laatste)s was saved "
                    "since. Read it and agree to that one."
                )
                % {"nummer": versie_nummer, "laatste": laatste.nummer}
            )
        partij = ConvenantPartij.GEMEENTE if rollen.teamlid else ConvenantPartij.INITIATIEF
        bestaand = laatste.akkoorden.filter(partij=partij).first()
        if bestaand is not None:
            return bestaand
        akkoord = ConvenantAkkoord.objects.create(
            versie=laatste, partij=partij, door=actor, gegeven_op=timezone.now()
        )
        events.convenant_akkoord(actor=actor, convenant=convenant, akkoord=akkoord)
        titel = convenant.traject.titel
        if laatste.akkoorden.count() == len(ConvenantPartij.values):
            convenant.vastgesteld_op = akkoord.gegeven_op
            convenant.vastgestelde_versie = laatste
            convenant.save(update_fields=["vastgesteld_op", "vastgestelde_versie"])
            events.convenant_vastgesteld(actor=actor, convenant=convenant)
            _vertel(
                _leden(convenant) + _team(convenant),
                behalve=actor,
                onderwerp=_nl(gettext_lazy("The covenant plan is agreed: %(titel)s"), titel=titel),
                tekst=_nl(
                    gettext_lazy(
                        "Both sides agreed to version %(nummer)s of the plan. It is now the "
                        "draft covenant, ready for the agreement."
                    ),
                    nummer=laatste.nummer,
                ),
                url=convenant.get_absolute_url(),
            )
        else:
            andere = _team(convenant) if partij == ConvenantPartij.INITIATIEF else _leden(convenant)
            _vertel(
                andere,
                behalve=actor,
                onderwerp=_nl(
                    gettext_lazy("Agreement to the covenant plan: %(titel)s"), titel=titel
                ),
                tekst=_nl(
                    gettext_lazy(
                        "%(partij)s agreed to version %(nummer)s of the plan. It waits for "
                        "your side's agreement."
                    ),
                    partij=ConvenantPartij(partij).label,
                    nummer=laatste.nummer,
                ),
                url=convenant.get_absolute_url(),
            )
    return akkoord
