"""Who may do what in trajecten: one predicate per action, returning a
`aanbesteden.permissions.Toestemming` (truthy, or falsy with the reason). Services call
`.vereisen()`; pages and templates ask the same predicate to show an action.

The officer rules are `aanbesteden.permissions.als_medewerker` with the reason of the action.
`mag_beheren` is the same rule for pages: it reads the user's gemeenten from the per-request
cache (`gemeente_ids_van`), so a page asks it as often as it likes without a query.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden import weergave
from aanbesteden.exceptions import DomainError
from aanbesteden.permissions import TOEGESTAAN, Toestemming, als_ingelogd, als_medewerker, geweigerd
from aanbesteden.selectors import gemeente_ids_van
from trajecten.constants import (
    FASE_STAAT_TOE,
    TWEE_RONDES_PROCEDURES,
    DienstSoort,
    Procedure,
    UitdagingStatus,
    Vorm,
)
from trajecten.routes import route_van, route_weigering

if TYPE_CHECKING:
    from aanbesteden.models import Gemeente
    from trajecten.models import Aanmelding, Bijeenkomst, Traject, Uitdaging

S = UitdagingStatus


# --- pages: the officer of the trajectory's gemeente ----------------------------------------


def mag_beheren(user: Any, traject: Traject) -> Toestemming:
    """Officers of the trajectory's gemeente manage it (pages; no query: cached ids)."""
    if traject.gemeente_id in gemeente_ids_van(user):
        return TOEGESTAAN
    return geweigerd(_("Only officers of this municipality can change this trajectory."))


# --- the route of the form (issue 14, point 3) ----------------------------------------------


def op_route(traject: Traject, onderdeel: str) -> Toestemming:
    """A step of the part `onderdeel` only where the route of `traject` has it
    (`trajecten.routes`); refused with the plain reason otherwise. Every predicate of a step
    that belongs to one route asks this one."""
    if route_van(traject).heeft(onderdeel):
        return TOEGESTAAN
    return geweigerd(route_weigering(traject, onderdeel), fout=DomainError)


# --- setting up -----------------------------------------------------------------------------


def mag_traject_aanmaken(user: Any, gemeente: Gemeente) -> Toestemming:
    return als_medewerker(
        user, gemeente, _("Only officers of this municipality create a trajectory here.")
    )


def mag_traject_wijzigen(user: Any, traject: Traject) -> Toestemming:
    """Sections, team, explanations and phase of a trajectory."""
    return als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality can change this trajectory.")
    )


def twee_rondes_toegestaan(traject: Traject, *, veld: str = "uitwerking_sluit") -> Toestemming:
    """Whether the trajectory may have two stages: an outline bid, then an elaboration by
    invited bidders (`Traject.uitwerking_sluit` set). Issue 13, rule 10: only where the
    procedure allows a reduction of the field in stages (`TWEE_RONDES_PROCEDURES`); forms
    other than a procurement are not bound by a procedure. The planning and form sections
    refuse with it, on the field `veld`."""
    if traject.vorm != Vorm.AANBESTEDING or not traject.procedure:
        return TOEGESTAAN
    if traject.procedure in TWEE_RONDES_PROCEDURES:
        return TOEGESTAAN
    if traject.procedure == Procedure.NIET_OPENBAAR:
        reden = _(
            "The restricted procedure does not allow two stages of bids: the field is narrowed "
            "once, on suitability, before anyone bids; every bid is then assessed as it is "
            "submitted. Remove the moment elaborated bids close, or choose the competitive "
            "dialogue or the negotiated procedure with prior publication."
        )
    else:
        reden = _(
            "The %(procedure)s does not allow two stages of bids: every bid is assessed as it "
            "is submitted, and nobody is invited to elaborate. Remove the moment elaborated "
            "bids close, or choose a procedure that allows stages: the competitive dialogue, "
            "the negotiated procedure with prior publication, an own-design procedure under "
            "the light regime, or a national or private procedure."
        ) % {"procedure": traject.get_procedure_display().lower()}
    return geweigerd(reden, veld=veld, fout=DomainError)


def procedure_toegestaan(traject: Traject, *, veld: str = "procedure") -> Toestemming:
    """Issue 13, rule 16: an own-design procedure is only for social and other specific
    services (the light regime), and it is described in the call."""
    if traject.procedure != Procedure.EIGEN:
        return TOEGESTAAN
    if traject.dienst_soort != DienstSoort.SOCIAAL:
        return geweigerd(
            _(
                "An own-design procedure is only allowed for social and other specific "
                "services (the light regime). Choose one of the other procedures."
            ),
            veld=veld,
            fout=DomainError,
        )
    if not (traject.eigen_procedure or "").strip():
        return geweigerd(
            _("Describe how the own procedure works: it is printed in the call."),
            veld="eigen_procedure",
            fout=DomainError,
        )
    return TOEGESTAAN


# --- publication ----------------------------------------------------------------------------


def mag_uitvraag_maken(user: Any, traject: Traject) -> Toestemming:
    return als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality make the call.")
    )


def mag_publiceren(user: Any, traject: Traject) -> Toestemming:
    return als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality publish this trajectory.")
    )


def mag_rectificatie_publiceren(user: Any, traject: Traject) -> Toestemming:
    return als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality publish a correction.")
    )


def mag_volgen(user: Any) -> Toestemming:
    """Following (and no longer following) needs an account."""
    return als_ingelogd(user, _("Log in to follow a trajectory."))


# --- the dialogue ---------------------------------------------------------------------------


def mag_bijeenkomst_plannen(user: Any, traject: Traject) -> Toestemming:
    return als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality plan sessions.")
    )


def mag_bijeenkomst_wijzigen(user: Any, traject: Traject) -> Toestemming:
    return als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality change sessions.")
    )


def mag_verslag_publiceren(user: Any, traject: Traject) -> Toestemming:
    return als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality publish reports.")
    )


def mag_vraag_beantwoorden(user: Any, traject: Traject) -> Toestemming:
    return als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality answer questions.")
    )


def mag_nota_publiceren(user: Any, traject: Traject) -> Toestemming:
    return als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality publish a nota.")
    )


def mag_vraag_stellen(user: Any) -> Toestemming:
    """Asking a question needs an account (the deadline is the service's rule)."""
    return als_ingelogd(user, _("Log in to ask a question."))


def vragen_tweede_ronde_sluit(traject: Traject) -> datetime | None:
    """Until when bidders invited to the second stage ask questions (issue 13, rule 18): the
    municipal nota rule before the deadline for elaborated bids; None with one stage."""
    if traject.uitwerking_sluit is None:
        return None
    from trajecten.selectors.dialoog import nota_minimum_dagen  # noqa: PLC0415  (import cycle)

    return timezone.localtime(traject.uitwerking_sluit) - timedelta(
        days=nota_minimum_dagen(traject)
    )


def is_uitgenodigd(traject: Traject, user: Any) -> bool:
    """Whether `user` belongs to a bidder invited to the second stage of `traject`: asked of
    the later phases through `extensions.UITGENODIGDE_BRONNEN` (trajecten knows no bids)."""
    if user is None or not user.is_authenticated:
        return False
    from trajecten import extensions  # noqa: PLC0415  (extensions imports views, views this)

    return any(bron(traject, user) for bron in extensions.UITGENODIGDE_BRONNEN)


def vragen_open(traject: Traject, *, nu: datetime | None = None, user: Any = None) -> Toestemming:
    """Questions can be asked now (`nu`, the server clock by default, to the second): the
    trajectory is published, its phase allows questions and the question deadline is
    ahead; or `user` is invited to the second stage and its question window is open
    (issue 13, rule 18). The service refuses with it; the trajectory page and the
    questions page offer the form with it."""
    nu = nu or timezone.now()
    if not traject.is_gepubliceerd:
        return geweigerd(
            _("Questions can be asked once the trajectory is published."), fout=DomainError
        )
    eerste_ronde = _vragen_eerste_ronde(traject, nu)
    if eerste_ronde or user is None:
        return eerste_ronde
    tweede_sluit = vragen_tweede_ronde_sluit(traject)
    if (
        tweede_sluit is not None
        and nu < tweede_sluit
        and traject.actieve_fase in FASE_STAAT_TOE["vraag_stellen_uitwerking"]
        and is_uitgenodigd(traject, user)
    ):
        return TOEGESTAAN
    return eerste_ronde


def _vragen_eerste_ronde(traject: Traject, nu: datetime) -> Toestemming:
    if traject.actieve_fase not in FASE_STAAT_TOE["vraag_stellen"]:
        return geweigerd(_("In this phase no more questions can be asked."), fout=DomainError)
    if traject.vragen_sluit is None:
        return geweigerd(
            _("There is no deadline for questions yet, so you cannot ask one."), fout=DomainError
        )
    if nu >= traject.vragen_sluit:
        return geweigerd(
            _(
                "The deadline for questions has passed. Questions could be asked until "
                "%(moment)s (Dutch time)."
            )
            % {"moment": weergave.moment(traject.vragen_sluit, "l j F Y, H:i:s")},
            fout=DomainError,
        )
    return TOEGESTAAN


def mag_afmelden(
    user: Any,
    aanmelding: Aanmelding,
    *,
    bijeenkomst: Bijeenkomst | None = None,
    nu: datetime | None = None,
) -> Toestemming:
    """Only the person registered cancels their registration, and only before the session
    starts (`nu`: the moment to judge by, now when not given; `bijeenkomst`: the session
    when already loaded)."""
    if user is None or not user.is_authenticated or user.pk != aanmelding.user_id:
        return geweigerd(_("Only the person registered can cancel this registration."))
    bijeenkomst = bijeenkomst if bijeenkomst is not None else aanmelding.bijeenkomst
    if (nu or timezone.now()) >= bijeenkomst.begint_op:
        return geweigerd(
            _("This session has already started: you can no longer cancel."), fout=DomainError
        )
    return TOEGESTAAN


# --- right to challenge ---------------------------------------------------------------------

# From which states each answer may be given. Once turned into a trajectory or declined, a
# proposal is closed: the proposer can submit a new one.
UITDAGING_STAAT_TOE: dict[str, set[UitdagingStatus]] = {
    "omzetten": {S.INGEDIEND, S.MEER_INFORMATIE},
    "meer_informatie_vragen": {S.INGEDIEND},
    "afwijzen": {S.INGEDIEND, S.MEER_INFORMATIE},
    "aanvullen": {S.MEER_INFORMATIE},
}
MEDEWERKER_ACTIES = ("omzetten", "meer_informatie_vragen", "afwijzen")


def mag_uitdaging_indienen(user: Any) -> Toestemming:
    return als_ingelogd(user, _("Log in to submit a proposal."))


def uitdaging_staat_toe(uitdaging: Uitdaging, actie: str) -> Toestemming:
    """Whether the proposal's state allows `actie` (a rule about the data: DomainError)."""
    if uitdaging.status in UITDAGING_STAAT_TOE[actie]:
        return TOEGESTAAN
    if uitdaging.status == S.OMGEZET:
        reden = _("This proposal has already been turned into a trajectory.")
    elif uitdaging.status == S.AFGEWEZEN:
        reden = _("This proposal has already been declined.")
    elif uitdaging.status == S.MEER_INFORMATIE:
        reden = _("More information has already been asked. Wait for the proposer's answer.")
    else:
        reden = _("The municipality has not asked for more information.")
    return geweigerd(reden, fout=DomainError)


def mag_uitdaging_beantwoorden(user: Any, uitdaging: Uitdaging) -> Toestemming:
    """Officers of the proposal's gemeente answer it (turn into a trajectory, ask for more
    information, decline)."""
    return als_medewerker(
        user, uitdaging.gemeente, _("Only officers of this municipality can answer this proposal.")
    )


def is_uitdaging_medewerker(user: Any, uitdaging: Uitdaging) -> bool:
    """The page's view of `mag_uitdaging_beantwoorden`: the same rule from the per-request
    cache of the user's gemeenten (no query)."""
    return uitdaging.gemeente_id in gemeente_ids_van(user)


def mag_uitdaging_aanvullen(user: Any, uitdaging: Uitdaging) -> Toestemming:
    """Only the proposer supplements the proposal."""
    if user is not None and user.is_authenticated and uitdaging.indiener_id == user.pk:
        return TOEGESTAAN
    return geweigerd(_("Only the person who submitted this proposal can add to it."))


def uitdaging_acties(user: Any, uitdaging: Uitdaging) -> set[str]:
    """The answers this user may give to the proposal now: what the page offers."""
    acties = {actie for actie in UITDAGING_STAAT_TOE if uitdaging_staat_toe(uitdaging, actie)}
    if not is_uitdaging_medewerker(user, uitdaging):
        acties -= set(MEDEWERKER_ACTIES)
    if not mag_uitdaging_aanvullen(user, uitdaging):
        acties.discard("aanvullen")
    return acties
