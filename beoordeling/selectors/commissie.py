"""Reads for the selection committee, scoped to the user who asks.

Bid content is never read here: the bids come from `beoordeling.selectors.kluis`
(`geopende_biedingen`, `inhoud_van`, `bijlagen_van`); this module reads only who the
bidder is, the declarations, the scores and the assessments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden.selectors import gemeente_ids_van
from beoordeling import permissions
from beoordeling.constants import BodStatus, Leeftijdsgroep, Ronde
from beoordeling.models import (
    Belangenverklaring,
    Beoordeling,
    Bod,
    Commissielid,
    Geheimhoudingsverklaring,
    KluisOpening,
    Score,
)
from beoordeling.permissions import CONFLICT, INGEDIEND, SCOREN, VERKLAREN  # noqa: F401
from beoordeling.selectors import kluis
from coalities.constants import ACTIEVE_STATUSSEN, PartnerRol
from coalities.models import CoalitiePartner, Sleutelpartij
from trajecten.models import Perceel, Traject
from trajecten.selectors import trajecten_van_mijn_gemeenten

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

    from trajecten.models import Criterium


def commissies_van(user: Any) -> QuerySet[Commissielid]:
    if not user.is_authenticated:
        return Commissielid.objects.none()
    return Commissielid.objects.filter(user=user).select_related("traject__gemeente", "user")


def _aantal(qs: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT(*) of `qs` as an expression (0 when there are none)."""
    return Coalesce(
        Subquery(
            qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _geopend(traject_ref: str = "traject_id") -> Exists:
    """Exists: the vault of the outer bid's stage is opened (see kluis.is_geopend)."""
    return Exists(
        KluisOpening.objects.filter(
            traject=OuterRef(traject_ref), ronde=OuterRef("ronde"), geopend_op__isnull=False
        )
    )


def commissies_met_voortgang(user: Any) -> QuerySet[Commissielid]:
    """The user's memberships with, in the same query, how many bids of opened vaults they
    may assess (`te_beoordelen`: of their lots, not recused) and how many they submitted
    (`klaar`)."""
    biedingen = (
        Bod.objects.filter(traject=OuterRef("traject_id"), status=BodStatus.INGEDIEND)
        .filter(_geopend())
        .filter(
            ~Exists(
                Belangenverklaring.objects.filter(
                    user=OuterRef(OuterRef("user_id")),
                    perceel=OuterRef("perceel_id"),
                    conflict=True,
                )
            )
        )
        .filter(
            ~Exists(
                Commissielid.percelen.through.objects.filter(commissielid=OuterRef(OuterRef("pk")))
            )
            | Exists(
                Commissielid.percelen.through.objects.filter(
                    commissielid=OuterRef(OuterRef("pk")), perceel=OuterRef("perceel_id")
                )
            )
        )
    )
    klaar = Beoordeling.objects.filter(
        commissielid=OuterRef("pk"), ingediend_op__isnull=False, bod__status=BodStatus.INGEDIEND
    )
    return commissies_van(user).annotate(
        te_beoordelen=_aantal(biedingen),
        klaar=_aantal(klaar),
    )


# --- officers -------------------------------------------------------------------------


def traject_om_te_beheren(user: Any, pk: int) -> Traject:
    """A trajectory of the user's gemeenten; raises Traject.DoesNotExist otherwise."""
    return trajecten_van_mijn_gemeenten(user).get(pk=pk)


def lid_om_te_beheren(user: Any, lid_pk: int) -> Commissielid:
    """A committee member of a trajectory of the user's gemeenten; raises
    Commissielid.DoesNotExist otherwise."""
    return Commissielid.objects.select_related("traject__gemeente", "user").get(
        pk=lid_pk, traject__gemeente_id__in=gemeente_ids_van(user)
    )


def leden_van(traject: Traject) -> QuerySet[Commissielid]:
    """The committee, the chair first, then residents, then by name; `gestart` says whether
    a member signed a declaration or scored (then they stay on record)."""
    return (
        Commissielid.objects.filter(traject=traject)
        .select_related("user")
        .prefetch_related("percelen")
        .annotate(gestart=permissions.beoordeling_gestart())
        .order_by("-is_voorzitter", "-is_bewoner", "user__naam", "user__email", "pk")
    )


@dataclass
class Samenstelling:
    """The composition of a committee, so that its representativeness can be discussed."""

    leden: list[Commissielid]
    leeftijdsgroepen: list[tuple[StrOrPromise, int]] = field(default_factory=list)
    buurten: list[tuple[StrOrPromise, int]] = field(default_factory=list)  # [(name, number)]
    percelen: list[PerceelSamenstelling] = field(default_factory=list)

    @property
    def aantal(self) -> int:
        return len(self.leden)

    @property
    def bewoners(self) -> int:
        return sum(1 for lid in self.leden if lid.is_bewoner)

    @property
    def ambtenaren(self) -> int:
        return self.aantal - self.bewoners

    @property
    def percentage_bewoners(self) -> int:
        """The share of residents in whole percent, rounded half up (4 of 6: 67)."""
        if not self.aantal:
            return 0
        return int((Decimal(100 * self.bewoners) / self.aantal).quantize(Decimal(1), ROUND_HALF_UP))

    @property
    def meerderheid_bewoners(self) -> bool:
        """Residents are the majority: more than half (3 of 6 is not)."""
        return self.bewoners * 2 > self.aantal

    @property
    def voorzitter(self) -> Commissielid | None:
        return next((lid for lid in self.leden if lid.is_voorzitter), None)


@dataclass
class PerceelSamenstelling:
    """Who judges one lot (issue 13, rule 4): the members of the whole trajectory and those
    bound to this lot, and the residents among them; again after recusals (members who
    declared a conflict for this lot do not count)."""

    perceel: Perceel
    leden: list[Commissielid]
    gewraakt: list[Commissielid]

    @property
    def aantal(self) -> int:
        return len(self.leden)

    @property
    def bewoners(self) -> int:
        return sum(1 for lid in self.leden if lid.is_bewoner)

    @property
    def actief(self) -> list[Commissielid]:
        ids = {lid.pk for lid in self.gewraakt}
        return [lid for lid in self.leden if lid.pk not in ids]

    @property
    def aantal_actief(self) -> int:
        return len(self.actief)

    @property
    def bewoners_actief(self) -> int:
        return sum(1 for lid in self.actief if lid.is_bewoner)

    @property
    def percentage_bewoners(self) -> int:
        return _procent(self.bewoners, self.aantal)

    @property
    def percentage_bewoners_actief(self) -> int:
        return _procent(self.bewoners_actief, self.aantal_actief)

    @property
    def meerderheid_bewoners(self) -> bool:
        """Residents are the majority of those who judge the lot, after recusals."""
        return self.bewoners_actief * 2 > self.aantal_actief


def _procent(deel: int, geheel: int) -> int:
    if not geheel:
        return 0
    return int((Decimal(100 * deel) / geheel).quantize(Decimal(1), ROUND_HALF_UP))


def lid_percelen(lid: Commissielid) -> set[int] | None:
    """The ids of the member's lots (prefetched by `leden_van`), None for the whole
    trajectory."""
    ids = {p.pk for p in lid.percelen.all()}
    return ids or None


def per_perceel(traject: Traject, leden: list[Commissielid]) -> list[PerceelSamenstelling]:
    """Per lot of the trajectory: the members who judge it and who is recused (two
    queries; `leden` from `leden_van`)."""
    conflicten = set(
        Belangenverklaring.objects.filter(traject=traject, conflict=True).values_list(
            "user_id", "perceel_id"
        )
    )
    uit = []
    for perceel in Perceel.objects.filter(traject=traject).order_by("nummer", "pk"):
        wie = [lid for lid in leden if (eigen := lid_percelen(lid)) is None or perceel.pk in eigen]
        uit.append(
            PerceelSamenstelling(
                perceel=perceel,
                leden=wie,
                gewraakt=[lid for lid in wie if (lid.user_id, perceel.pk) in conflicten],
            )
        )
    return uit


def samenstelling(traject: Traject) -> Samenstelling:
    """The committee with its share of residents and a summary of the self-declared age
    groups and neighbourhoods ("not given" when empty). One query."""
    leden = list(leden_van(traject))
    for lid in leden:
        gestart: bool = getattr(lid, "gestart")  # noqa: B009 - the annotation of leden_van
        lid.mag_verwijderen = permissions.mag_lid_verwijderen(  # type: ignore[attr-defined]
            lid, gestart=gestart
        )
    niet_opgegeven = _("Not given")
    groepen = Counter(lid.leeftijdsgroep for lid in leden)
    leeftijdsgroepen: list[tuple[StrOrPromise, int]] = [
        (label, groepen[waarde]) for waarde, label in Leeftijdsgroep.choices if groepen[waarde]
    ]
    if groepen[""]:
        leeftijdsgroepen.append((niet_opgegeven, groepen[""]))
    buurten_teller = Counter(lid.buurt.strip() for lid in leden)
    buurten: list[tuple[StrOrPromise, int]] = sorted(
        ((naam, n) for naam, n in buurten_teller.items() if naam),
        key=lambda item: (-item[1], item[0].lower()),
    )
    if buurten_teller[""]:
        buurten.append((niet_opgegeven, buurten_teller[""]))
    return Samenstelling(
        leden=leden,
        leeftijdsgroepen=leeftijdsgroepen,
        buurten=buurten,
        percelen=per_perceel(traject, leden),
    )


def ambtenaren_voor(traject: Traject) -> QuerySet[Any]:
    """Officers of the trajectory's gemeente who are not on its committee yet."""
    User = get_user_model()
    return (
        User.objects.filter(medewerkerschappen__gemeente_id=traject.gemeente_id, is_active=True)
        .exclude(commissielidmaatschappen__traject=traject)
        .distinct()
        .order_by("naam", "email")
    )


# --- members --------------------------------------------------------------------------


def lid_van(user: Any, traject_pk: int) -> Commissielid:
    """The user's membership of this trajectory's committee; raises
    Commissielid.DoesNotExist otherwise."""
    return commissies_van(user).get(traject_id=traject_pk)


def eigen_lid(user: Any, lid_pk: int) -> Commissielid:
    """The user's own membership by its id; raises Commissielid.DoesNotExist otherwise."""
    return commissies_van(user).get(pk=lid_pk)


def geopende_biedingen_van(traject: Traject) -> list[Bod]:
    """The bids of both stages whose vault is opened (through the vault), as one list."""
    biedingen: list[Bod] = []
    for ronde in Ronde.values:
        biedingen.extend(kluis.geopende_biedingen(traject, ronde))
    return biedingen


@dataclass
class BodRegel:
    bod: Bod
    staat: str  # VERKLAREN, CONFLICT, SCOREN or INGEDIEND


def biedingen_van_lid(lid: Commissielid) -> list[BodRegel]:
    """The bids of opened vaults of the member's lots, each with its state for this member:
    declarations needed, recused (conflict), to score, or submitted. A fixed number of
    queries, however many bids."""
    biedingen = geopende_biedingen_van(lid.traject)
    if not biedingen:
        return []
    recht = permissions.toegang(lid.user, lid.traject, lid=lid)
    regels = [BodRegel(bod=bod, staat=recht.staat(bod)) for bod in biedingen]
    return [r for r in regels if r.staat != permissions.GEEN]


def bod_voor_lid(user: Any, bod_pk: int) -> tuple[Commissielid, Bod]:
    """(membership, bid) for a bid of an opened vault of a trajectory on whose committee
    the user sits; raises Bod.DoesNotExist otherwise. Says nothing about the declaration."""
    if not user.is_authenticated:
        raise Bod.DoesNotExist
    rij = (
        Bod.objects.filter(pk=bod_pk, traject__commissieleden__user=user)
        .values("traject_id", "ronde")
        .first()
    )
    if rij is None:
        raise Bod.DoesNotExist
    lid = lid_van(user, rij["traject_id"])
    bod = kluis.geopende_biedingen(lid.traject, rij["ronde"]).get(pk=bod_pk)
    return lid, bod


# --- declarations (members and officers) --------------------------------------------------


def organisaties_van_perceel(perceel: Perceel) -> list[dict[str, Any]]:
    """Every organisation of every opened bid on the lot, by name (issue 13, rule 5): the
    bidder, and for a coalition its lead, partners, subcontractors and key parties with an
    active status. [{"naam", "rol", "bod", "coalitie"}], by bid. Three queries."""
    biedingen = [
        bod
        for ronde in Ronde.values
        for bod in kluis.geopende_biedingen(perceel.traject_id, ronde).filter(perceel=perceel)
    ]
    sleutel = set(
        Sleutelpartij.objects.filter(traject_id=perceel.traject_id).values_list(
            "organisatie_id", flat=True
        )
    )
    partners: dict[int, list[CoalitiePartner]] = {}
    for partner in (
        CoalitiePartner.objects.filter(
            coalitie_id__in={b.coalitie_id for b in biedingen if b.coalitie_id},
            status__in=ACTIEVE_STATUSSEN,
        )
        .select_related("organisatie")
        .order_by("coalitie_id", "organisatie__naam", "pk")
    ):
        partners.setdefault(partner.coalitie_id, []).append(partner)
    uit: list[dict[str, Any]] = []
    gezien: set[tuple[int, str]] = set()
    for bod in biedingen:
        coalitie = bod.coalitie.naam if bod.coalitie else ""
        rijen = [(bod.organisatie_id, bod.organisatie.naam, "bieder")]
        for partner in partners.get(bod.coalitie_id or 0, []):
            rol = "sleutelpartij" if partner.organisatie_id in sleutel else partner.rol
            rijen.append((partner.organisatie_id, partner.organisatie.naam, rol))
        for organisatie_id, naam, rol in rijen:
            if (organisatie_id, coalitie) in gezien and rol != "bieder":
                continue
            gezien.add((organisatie_id, coalitie))
            uit.append({"naam": naam, "rol": rol, "bod": bod.pk, "coalitie": coalitie})
    return uit


ROLNAMEN: dict[str, StrOrPromise] = {
    "bieder": gettext_lazy("Bidder"),
    "sleutelpartij": gettext_lazy("Key party"),
    **{waarde: label for waarde, label in PartnerRol.choices},
}


def organisaties_met_rol(perceel: Perceel) -> list[dict[str, Any]]:
    """`organisaties_van_perceel` with the role's name for the page."""
    return [
        {**o, "rolnaam": ROLNAMEN.get(o["rol"], o["rol"])}
        for o in organisaties_van_perceel(perceel)
    ]


def percelen_van(traject: Traject) -> QuerySet[Perceel]:
    return Perceel.objects.filter(traject=traject).order_by("nummer", "pk")


def bod_voor_verklaring(user: Any, bod_pk: int) -> Bod:
    """An opened bid of a trajectory whose bids the user may come to read (an officer of its
    gemeente or a member of its committee); raises Bod.DoesNotExist otherwise."""
    if not user.is_authenticated:
        raise Bod.DoesNotExist
    rij = Bod.objects.filter(pk=bod_pk).values("traject_id", "ronde").first()
    if rij is None:
        raise Bod.DoesNotExist
    try:
        traject = traject_voor_verklaringen(user, rij["traject_id"])
    except Traject.DoesNotExist as exc:
        raise Bod.DoesNotExist from exc
    return kluis.geopende_biedingen(traject, rij["ronde"]).get(pk=bod_pk)


def traject_voor_verklaringen(user: Any, pk: int) -> Traject:
    """A trajectory whose bids the user may come to read: an officer of its gemeente or a
    member of its committee. Raises Traject.DoesNotExist otherwise."""
    if not user.is_authenticated:
        raise Traject.DoesNotExist
    lid = Commissielid.objects.filter(traject=OuterRef("pk"), user=user)
    return Traject.objects.select_related("gemeente").get(
        Q(gemeente_id__in=gemeente_ids_van(user)) | Q(Exists(lid)), pk=pk
    )


@dataclass
class PerceelVerklaring:
    perceel: Perceel
    staat: str  # permissions' state of the lot: VERKLAREN, CONFLICT, SCOREN, INZIEN
    verklaring: Belangenverklaring | None
    aantal_biedingen: int  # opened bids on the lot


@dataclass
class Verklaringenblad:
    """The declarations page of one user and trajectory."""

    traject: Traject
    recht: permissions.Toegang
    geheimhouding: Geheimhoudingsverklaring | None
    percelen: list[PerceelVerklaring]


def verklaringenblad(user: Any, traject: Traject) -> Verklaringenblad:
    """The user's confidentiality declaration and, per lot they may come to read, its
    declaration and the number of opened bids. A fixed number of queries."""
    recht = permissions.toegang(user, traject)
    verklaringen = {
        v.perceel_id: v for v in Belangenverklaring.objects.filter(traject=traject, user=user)
    }
    aantallen = Counter(
        perceel_id for b in geopende_biedingen_van(traject) if (perceel_id := b.perceel_id)
    )
    percelen = []
    for perceel in percelen_van(traject):
        staat = recht.staat_perceel(perceel)
        if staat == permissions.GEEN:
            continue
        percelen.append(
            PerceelVerklaring(
                perceel=perceel,
                staat=staat,
                verklaring=verklaringen.get(perceel.pk),
                aantal_biedingen=aantallen[perceel.pk],
            )
        )
    return Verklaringenblad(
        traject=traject,
        recht=recht,
        geheimhouding=Geheimhoudingsverklaring.objects.filter(traject=traject, user=user).first(),
        percelen=percelen,
    )


def perceel_voor_verklaring(user: Any, traject: Traject, perceel_pk: int) -> Perceel:
    """A lot of `traject` (from `traject_voor_verklaringen`); raises Perceel.DoesNotExist."""
    return Perceel.objects.select_related("traject__gemeente").get(traject=traject, pk=perceel_pk)


def verklaring_van(user: Any, perceel: Perceel | int) -> Belangenverklaring | None:
    return Belangenverklaring.objects.filter(user=user, perceel=perceel).first()


def gemiddelde(scores: Iterable[Score | int | None]) -> Decimal | None:
    """The average of the given scores, to one decimal; "not applicable" and empty scores
    do not count (never as zero). None when there is none. Takes Score objects or numbers."""
    waarden: list[int] = []
    for score in scores:
        if isinstance(score, Score):
            if score.niet_van_toepassing or score.waarde is None:
                continue
            waarden.append(score.waarde)
        elif score is not None:
            waarden.append(score)
    if not waarden:
        return None
    return (Decimal(sum(waarden)) / len(waarden)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Scoreblad:
    """What the scoring page needs for one member and one bid."""

    criteria: list[Criterium]
    eigen_scores: dict[int, Score]  # {criterium_id: Score}
    beoordeling: Beoordeling | None  # the member's Beoordeling or None
    leden: list[Commissielid] = field(default_factory=list)  # who submitted, side by side
    # [(criterium, [Score|None per lid], average)]
    rijen: list[tuple[Criterium, list[Score | None], Decimal | None]] = field(default_factory=list)
    nog_niet_ingediend: int = 0

    @property
    def ingediend(self) -> bool:
        return self.beoordeling is not None and self.beoordeling.ingediend_op is not None


def scoreblad(lid: Commissielid, bod: Bod) -> Scoreblad:
    """The member's own scores; and only once the member has submitted, the submitted
    scores of every member side by side, with the average of the given scores."""
    criteria = list(lid.traject.criteria.all())
    eigen = {s.criterium_id: s for s in Score.objects.filter(commissielid=lid, bod=bod)}
    beoordeling = Beoordeling.objects.filter(commissielid=lid, bod=bod).first()
    blad = Scoreblad(criteria=criteria, eigen_scores=eigen, beoordeling=beoordeling)
    if not blad.ingediend:
        return blad
    beoordelingen = list(
        Beoordeling.objects.filter(bod=bod, ingediend_op__isnull=False)
        .select_related("commissielid__user")
        .order_by("ingediend_op", "pk")
    )
    leden = [b.commissielid for b in beoordelingen]
    for b in beoordelingen:
        b.commissielid.beoordeling = b  # type: ignore[attr-defined]
    scores = {
        (s.commissielid_id, s.criterium_id): s
        for s in Score.objects.filter(bod=bod, commissielid__in=[x.pk for x in leden])
    }
    blad.leden = leden
    for criterium in criteria:
        rij = [scores.get((x.pk, criterium.pk)) for x in leden]
        blad.rijen.append((criterium, rij, gemiddelde(s for s in rij if s is not None)))
    gewraakt = Belangenverklaring.objects.filter(
        user=OuterRef("user_id"), perceel_id=bod.perceel_id, conflict=True
    )
    eigen_percelen = Commissielid.percelen.through.objects.filter(commissielid=OuterRef("pk"))
    niet_gewraakt = (
        Commissielid.objects.filter(traject_id=bod.traject_id)
        .filter(~Exists(gewraakt))
        .filter(~Exists(eigen_percelen) | Exists(eigen_percelen.filter(perceel_id=bod.perceel_id)))
        .count()
    )
    blad.nog_niet_ingediend = max(niet_gewraakt - len(leden), 0)
    return blad


def aantal_biedingen_in_perceel(bod: Bod) -> int:
    """How many opened bids there are in the bid's lot and stage: the ranks to choose from."""
    return (
        kluis.geopende_biedingen(bod.traject_id, bod.ronde).filter(perceel=bod.perceel_id).count()
    )


# --- progress (the chair and officers) --------------------------------------------------


def traject_voor_voortgang(user: Any, pk: int) -> Traject:
    """A trajectory whose progress the user may see; raises Traject.DoesNotExist otherwise."""
    if not user.is_authenticated:
        raise Traject.DoesNotExist
    voorzitter = Commissielid.objects.filter(traject=OuterRef("pk"), user=user, is_voorzitter=True)
    return Traject.objects.select_related("gemeente").get(
        Q(gemeente_id__in=gemeente_ids_van(user)) | Q(Exists(voorzitter)), pk=pk
    )


def _beoordeelt(lid: Commissielid, bod: Bod) -> bool:
    """Whether the member judges the bid's lot (their lots prefetched)."""
    eigen = lid_percelen(lid)
    return eigen is None or bod.perceel_id in eigen


@dataclass
class Voortgang:
    bod: Bod
    klaar: list[Commissielid]  # members who submitted
    achter: list[Commissielid]  # members not recused who did not submit

    @property
    def aantal_klaar(self) -> int:
        return len(self.klaar)

    @property
    def aantal(self) -> int:
        return len(self.klaar) + len(self.achter)


def voortgang(traject: Traject) -> list[Voortgang]:
    """Per opened bid: how many members (not recused) submitted, and who is behind. No
    scores. A fixed number of queries."""
    biedingen = geopende_biedingen_van(traject)
    leden = list(leden_van(traject))
    if not biedingen:
        return []
    conflicten = set(
        Belangenverklaring.objects.filter(traject=traject, conflict=True).values_list(
            "user_id", "perceel_id"
        )
    )
    ingediend = set(
        Beoordeling.objects.filter(
            commissielid__traject=traject, ingediend_op__isnull=False
        ).values_list("commissielid_id", "bod_id")
    )
    regels: list[Voortgang] = []
    for bod in biedingen:
        klaar: list[Commissielid] = []
        achter: list[Commissielid] = []
        for lid in leden:
            if (lid.user_id, bod.perceel_id) in conflicten or not _beoordeelt(lid, bod):
                continue
            (klaar if (lid.pk, bod.pk) in ingediend else achter).append(lid)
        regels.append(Voortgang(bod=bod, klaar=klaar, achter=achter))
    return regels


# --- reminders --------------------------------------------------------------------------


def achterlopende_leden(traject_ids: Iterable[int]) -> dict[int, list[Any]]:
    """{traject_id: [users]}: members who have not submitted an assessment for every bid of
    an opened vault they may score (not recused). Four queries for any number of
    trajectories."""
    traject_ids = list(traject_ids)
    if not traject_ids:
        return {}
    biedingen: dict[int, list[tuple[int, int]]] = {}
    for bod_id, traject_id, perceel_id in (
        Bod.objects.filter(traject_id__in=traject_ids, status=BodStatus.INGEDIEND)
        .filter(_geopend())
        .values_list("pk", "traject_id", "perceel_id")
    ):
        biedingen.setdefault(traject_id, []).append((bod_id, perceel_id))
    if not biedingen:
        return {}
    leden = list(
        Commissielid.objects.filter(traject_id__in=biedingen.keys(), user__is_active=True)
        .select_related("user")
        .prefetch_related("percelen")
    )
    conflicten = set(
        Belangenverklaring.objects.filter(
            traject_id__in=biedingen.keys(), conflict=True
        ).values_list("user_id", "perceel_id")
    )
    ingediend = set(
        Beoordeling.objects.filter(
            commissielid__traject_id__in=biedingen.keys(), ingediend_op__isnull=False
        ).values_list("commissielid_id", "bod_id")
    )
    achter: dict[int, list[Any]] = {}
    for lid in leden:
        eigen = lid_percelen(lid)
        te_doen = {
            bod_id
            for bod_id, perceel_id in biedingen[lid.traject_id]
            if (lid.user_id, perceel_id) not in conflicten
            and (lid.pk, bod_id) not in ingediend
            and (eigen is None or perceel_id in eigen)
        }
        if te_doen:
            achter.setdefault(lid.traject_id, []).append(lid.user)
    return achter
