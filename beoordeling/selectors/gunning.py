"""Reads for the award (issue 6, item 8): the candidate bids per lot, the decisions with
their letters and objections, the standstill, and what the public and bidders see.

Bids come only from `beoordeling.selectors.kluis` (opened vaults); no bid content is read
here: only who bid on which lot, and the committee's ranking from the consensus.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from aanbesteden.selectors import gemeente_ids_van
from beoordeling.constants import Ronde
from beoordeling.models import Bezwaar, Commissielid, Gunning, Gunningsbrief
from beoordeling.selectors import consensus as consensus_selectors
from beoordeling.selectors import kluis
from trajecten.constants import Vorm
from trajecten.selectors import trajecten_van_mijn_gemeenten

# The standstill: 20 calendar days from the day after sending (the last day inclusive).
STANDSTILL_DAGEN = 20


# --- the standstill -------------------------------------------------------------------


def heeft_standstill(traject):
    """Only the procurement route has a standstill before signing."""
    return traject.vorm == Vorm.AANBESTEDING


def standstill_einddatum(verstuurd_op):
    """The last day of the standstill for letters sent at `verstuurd_op`: sent on the
    Amsterdam date D, the standstill runs D+1 .. D+20."""
    return timezone.localdate(verstuurd_op) + timedelta(days=STANDSTILL_DAGEN)


def ondertekenen_vanaf(gunning):
    """The first moment the agreement may be signed: 00:00 Europe/Amsterdam on the day
    after the standstill's last day; None when there is no standstill (or not sent)."""
    if gunning.standstill_tot is None:
        return None
    dag = gunning.standstill_tot + timedelta(days=1)
    return timezone.make_aware(datetime.combine(dag, time.min))


# --- who may see what ------------------------------------------------------------------


def traject_voor_gunning(user, pk):
    """A trajectory of the user's gemeenten (officers only); raises Traject.DoesNotExist."""
    return trajecten_van_mijn_gemeenten(user).get(pk=pk)


def traject_voor_toelichting(user, pk):
    """A trajectory whose explanation to the neighbourhood the user may write: officers of
    its gemeente and the chair of its committee. Raises Traject.DoesNotExist otherwise."""
    from trajecten.models import Traject

    if user is None or not user.is_authenticated:
        raise Traject.DoesNotExist
    voorzitter = Commissielid.objects.filter(traject=OuterRef("pk"), user=user, is_voorzitter=True)
    return Traject.objects.select_related("gemeente").get(
        Q(gemeente_id__in=gemeente_ids_van(user)) | Q(Exists(voorzitter)), pk=pk
    )


def mag_toelichting_schrijven(user, traject):
    if user is None or not user.is_authenticated:
        return False
    if traject.gemeente_id in gemeente_ids_van(user):
        return True
    return Commissielid.objects.filter(traject=traject, user=user, is_voorzitter=True).exists()


# --- candidates per lot -----------------------------------------------------------------


@dataclass
class Kandidaat:
    bod: object
    rang: int | None = None
    totaal: object = None  # Decimal or None


@dataclass
class Perceelgunning:
    """What the award page shows for one lot."""

    perceel: object
    ronde: str | None  # the final stage of this lot, or None without opened bids
    kandidaten: list = field(default_factory=list)  # [Kandidaat], ranked first
    gunning: object = None
    consensus_gesloten: bool = False

    @property
    def verstuurd(self):
        return self.gunning is not None and self.gunning.verstuurd_op is not None

    @property
    def winnaar(self):
        if self.gunning is None:
            return None
        return next((k for k in self.kandidaten if k.bod.pk == self.gunning.winnend_bod_id), None)

    @property
    def winnaar_niet_eerste(self):
        """The chosen winner is not ranked first (while a ranking exists)."""
        winnaar = self.winnaar
        if winnaar is None or not any(k.rang is not None for k in self.kandidaten):
            return False
        return winnaar.rang != 1

    @property
    def open_bezwaren(self):
        if self.gunning is None:
            return []
        return [b for b in self.gunning.bezwaren.all() if b.afgehandeld_op is None]


def _kandidaten_per_perceel(traject):
    """{perceel_id: (ronde, [bod])}: per lot the submitted bids of its final stage (the
    elaborated plan when its vault is opened and has bids on the lot, else the outline),
    only from opened vaults."""
    uitwerking, hoofdlijnen = {}, {}
    for bod in kluis.geopende_biedingen(traject, Ronde.UITWERKING):
        uitwerking.setdefault(bod.perceel_id, []).append(bod)
    for bod in kluis.geopende_biedingen(traject, Ronde.HOOFDLIJNEN):
        hoofdlijnen.setdefault(bod.perceel_id, []).append(bod)
    kandidaten = {pk: (Ronde.HOOFDLIJNEN.value, biedingen) for pk, biedingen in hoofdlijnen.items()}
    kandidaten.update({pk: (Ronde.UITWERKING.value, b) for pk, b in uitwerking.items()})
    return kandidaten


def kandidaten_voor(perceel):
    """The candidate bids of one lot (see `_kandidaten_per_perceel`): (ronde, [bod])."""
    return _kandidaten_per_perceel(perceel.traject).get(perceel.pk, (None, []))


def rangen_voor(traject, rondes):
    """{bod_id: Rang} from the consensus ranking of the given stages ({} without one)."""
    rangen = {}
    for ronde in rondes:
        for regels in (consensus_selectors.rangorde(traject, ronde) or {}).values():
            for regel in regels:
                rangen[regel.bod.pk] = regel
    return rangen


def _gunningen(traject):
    return Gunning.objects.filter(traject=traject).select_related(
        "perceel", "winnend_bod__organisatie", "winnend_bod__coalitie", "besloten_door"
    )


def gunningen_van(traject):
    """The decisions of `traject` by lot, with the lot and the winner's name."""
    return _gunningen(traject).order_by("perceel__nummer", "pk")


def gunningsoverzicht(traject):
    """Per lot of `traject` (in its order): the candidate bids with their consensus rank
    and total, the decision (with its letters and objections) and whether the consensus
    of its stage is closed. A fixed number of queries, however many bids."""
    percelen = list(traject.percelen.order_by("nummer"))
    kandidaten = _kandidaten_per_perceel(traject)
    rondes = sorted({ronde for ronde, _b in kandidaten.values()})
    rangen = rangen_voor(traject, rondes)
    gesloten = consensus_selectors.vastgestelde_rondes(traject)
    gunningen = {
        g.perceel_id: g
        for g in _gunningen(traject).prefetch_related(
            Prefetch(
                "brieven",
                queryset=Gunningsbrief.objects.select_related(
                    "document", "bod__organisatie", "bod__coalitie"
                ),
            ),
            Prefetch(
                "bezwaren",
                queryset=Bezwaar.objects.select_related(
                    "bod__organisatie", "vastgelegd_door", "afgehandeld_door"
                ),
            ),
        )
    }
    overzicht = []
    for perceel in percelen:
        ronde, biedingen = kandidaten.get(perceel.pk, (None, []))
        regels = []
        for bod in biedingen:
            rang = rangen.get(bod.pk)
            regels.append(
                Kandidaat(
                    bod=bod,
                    rang=rang.rang if rang else None,
                    totaal=rang.totaal if rang else None,
                )
            )
        regels.sort(key=lambda k: (k.rang is None, k.rang or 0, k.bod.organisatie.naam.lower()))
        overzicht.append(
            Perceelgunning(
                perceel=perceel,
                ronde=ronde,
                kandidaten=regels,
                gunning=gunningen.get(perceel.pk),
                consensus_gesloten=ronde in gesloten,
            )
        )
    return overzicht


def open_bezwaar(gunning):
    return Bezwaar.objects.filter(gunning=gunning, afgehandeld_op__isnull=True).exists()


# --- letters ------------------------------------------------------------------------------


def brief_voor_bieder(bod):
    """The award letter sent to the bidder of `bod` (with its document), or None. One query
    for a submitted bid, none for a draft; the template needs no more."""
    if bod.status != "ingediend":
        return None
    return (
        Gunningsbrief.objects.filter(bod=bod, gunning__verstuurd_op__isnull=False)
        .select_related("document", "gunning__perceel", "gunning__winnend_bod__organisatie")
        .first()
    )


def brief_voor(user, pk):
    """A letter `user` may download: one sent about a bid of the user's organisations, or
    any letter of a trajectory of the user's gemeenten. Raises Gunningsbrief.DoesNotExist."""
    if user is None or not user.is_authenticated:
        raise Gunningsbrief.DoesNotExist
    eigen = kluis.eigen_biedingen(user).values("pk")
    return Gunningsbrief.objects.select_related("document", "bod", "gunning__traject").get(
        Q(bod_id__in=eigen) | Q(gunning__traject__gemeente_id__in=gemeente_ids_van(user)),
        pk=pk,
        gunning__verstuurd_op__isnull=False,
    )


# --- the public trajectory page ---------------------------------------------------------


def gepubliceerde_gunningen(traject):
    """The awards of `traject` whose letters were sent, for the trajectory page: the lot,
    the winner's name, the date sent and the committee's explanation. One query."""
    return list(
        _gunningen(traject).filter(verstuurd_op__isnull=False).order_by("perceel__nummer", "pk")
    )


def op_traject_context(request, traject):
    """Context provider of the public trajectory page (registered in beoordeling.apps)."""
    return {"gepubliceerde_gunningen": gepubliceerde_gunningen(traject)}


# --- the reminder ------------------------------------------------------------------------


def lopende_standstills(*, van, tot):
    """Sent, unsigned decisions on the procurement route whose standstill ends (the first
    moment of signing) in (van, tot], with the trajectory's team prefetched and whether an
    objection is open (`heeft_open_bezwaar`). Two queries."""
    from trajecten.models import TeamLid

    eerste = timezone.localdate(van) - timedelta(days=2)
    laatste = timezone.localdate(tot)
    open_bezwaar_q = Bezwaar.objects.filter(gunning=OuterRef("pk"), afgehandeld_op__isnull=True)
    gunningen = (
        Gunning.objects.filter(
            verstuurd_op__isnull=False,
            ondertekend_op__isnull=True,
            standstill_tot__gte=eerste,
            standstill_tot__lte=laatste,
            traject__vorm=Vorm.AANBESTEDING,
        )
        .annotate(heeft_open_bezwaar=Exists(open_bezwaar_q))
        .select_related("traject", "perceel", "besloten_door")
        .prefetch_related(
            Prefetch(
                "traject__team",
                queryset=TeamLid.objects.filter(medewerker__user__is_active=True)
                .select_related("medewerker__user")
                .order_by("id"),
            )
        )
        .order_by("pk")
    )
    return [g for g in gunningen if van < ondertekenen_vanaf(g) <= tot]
