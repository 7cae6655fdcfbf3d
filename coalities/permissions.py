"""Who may do what in coalities: one predicate per action, returning a
`aanbesteden.permissions.Toestemming` (truthy, or falsy with the reason). Services call
`.vereisen()`; pages and templates ask the same predicate to show an action.

A page that has already loaded the user's memberships passes them (`mijn_lidmaatschap`, or
`beheert`: the ids of the organisations the user administers), so that asking the predicate
costs no query; without them the predicate asks the database.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from aanbesteden.exceptions import DomainError
from aanbesteden.permissions import TOEGESTAAN, Toestemming, als_ingelogd, als_medewerker, geweigerd
from coalities.constants import (
    ACTIEVE_STATUSSEN,
    LEIDENDE_ROLLEN,
    CoalitieStatus,
    LidRol,
    PartnerRol,
    PartnerStatus,
)
from coalities.models import CoalitiePartner
from coalities.selectors import is_beheerder, is_lid
from coalities.selectors.organisaties import gemaskeerd_adres, heeft_geverifieerd_adres
from trajecten.permissions import op_route
from trajecten.routes import MEDEDINGING

if TYPE_CHECKING:
    from coalities.models import (
        Coalitie,
        Interesse,
        Lidmaatschap,
        Organisatie,
        Uitnodiging,
    )
    from trajecten.models import Perceel, Traject


class _Onbekend:
    """Not loaded by the caller: the predicate asks the database."""


ONBEKEND = _Onbekend()


def _beheert(user: Any, organisatie_id: int, beheert: Collection[int] | None) -> bool:
    if beheert is not None:
        return organisatie_id in beheert
    return is_beheerder(user, organisatie_id)


# --- organisations ---


def mag_organisatie_beheren(
    user: Any,
    organisatie: Organisatie | int,
    *,
    mijn_lidmaatschap: Lidmaatschap | None | _Onbekend = ONBEKEND,
) -> Toestemming:
    """Change the profile, invite colleagues, change roles, withdraw invitations: an
    administrator of the organisation. `mijn_lidmaatschap`: the user's membership of this
    organisation (or None: not a member), when the page has loaded it."""
    if isinstance(mijn_lidmaatschap, _Onbekend):
        beheerder = is_beheerder(user, organisatie)
    else:
        beheerder = mijn_lidmaatschap is not None and mijn_lidmaatschap.rol == LidRol.BEHEERDER
    if beheerder:
        return TOEGESTAAN
    return geweigerd(_("Only an administrator of the organisation may do this."))


def mag_lid_toevoegen(user: Any, organisatie: Organisatie | int) -> Toestemming:
    """Add a member directly (the demo, the admin): an administrator of the organisation."""
    if is_beheerder(user, organisatie):
        return TOEGESTAAN
    return geweigerd(_("Only an administrator of the organisation adds members."))


def mag_lid_verwijderen(
    user: Any,
    lidmaatschap: Lidmaatschap,
    *,
    mijn_lidmaatschap: Lidmaatschap | None | _Onbekend = ONBEKEND,
) -> Toestemming:
    """Remove a member: an administrator of the organisation, or the member itself (leaving).
    (That the last administrator stays is a rule about the data, in the service.)"""
    if user is not None and user.is_authenticated and lidmaatschap.user_id == user.pk:
        return TOEGESTAAN
    return mag_organisatie_beheren(
        user, lidmaatschap.organisatie_id, mijn_lidmaatschap=mijn_lidmaatschap
    )


def mag_organisatie_registreren(user: Any) -> Toestemming:
    """Anyone with an account registers an organisation."""
    return als_ingelogd(user, _("Log in to register an organisation."))


def mag_uitnodiging_aannemen(user: Any, uitnodiging: Uitnodiging | None) -> Toestemming:
    """Accept an invitation to join an organisation: a logged-in person with a verified
    e-mail address equal to the invited one (issue 11, point 14); `uitnodiging` None asks only
    the first part (before the invitation is found). Whether the invitation is still open is
    a rule about the data, in the service."""
    if user is None or not user.is_authenticated:
        return geweigerd(_("Log in to accept the invitation."))
    if uitnodiging is None or heeft_geverifieerd_adres(user, uitnodiging.email):
        return TOEGESTAAN
    return geweigerd(
        _(
            "This invitation is for another e-mail address (%(adres)s). Log in with "
            "that address, or add it to your account and confirm it."
        )
        % {"adres": gemaskeerd_adres(uitnodiging.email)}
    )


# --- coalitions ---


def is_leider_beheerder(user: Any, coalitie: Coalitie) -> bool:
    """Whether `user` administers the lead organisation of `coalitie` (one query)."""
    if user is None or not user.is_authenticated:
        return False
    return CoalitiePartner.objects.filter(
        coalitie=coalitie,
        rol__in=LEIDENDE_ROLLEN,
        status__in=ACTIEVE_STATUSSEN,
        organisatie__lidmaatschappen__user=user,
        organisatie__lidmaatschappen__rol=LidRol.BEHEERDER,
    ).exists()


def vergrendeld_melding() -> str:
    return _(
        "The bid has been submitted: the coalition changes only through a new version of the bid."
    )


def niet_vergrendeld(coalitie: Coalitie) -> Toestemming:
    """A locked coalition (its bid was submitted) changes only through a new bid version."""
    if coalitie.status == CoalitieStatus.VERGRENDELD:
        return geweigerd(vergrendeld_melding(), fout=DomainError)
    return TOEGESTAAN


def coalities_op_route(traject: Traject) -> Toestemming:
    """Coalitions, interest on the partner board and invitations only on a route with
    competing bids (issue 14, `trajecten.routes`): a covenant is written with one initiative,
    a residents' budget is spent by the residents."""
    return op_route(traject, MEDEDINGING)


def mag_coalitie_vormen(user: Any, organisatie: Organisatie | int) -> Toestemming:
    """Form a coalition for an organisation: an administrator of that organisation."""
    if is_beheerder(user, organisatie):
        return TOEGESTAAN
    return geweigerd(_("Only an administrator of the organisation may form a coalition."))


def mag_coalitie_leiden(
    user: Any, coalitie: Coalitie, *, leider_beheerder: bool | None = None
) -> Toestemming:
    """Lock or open the coalition for a bid version: an administrator of its lead
    organisation. `leider_beheerder`: that answer, when the page has computed it."""
    if leider_beheerder is None:
        leider_beheerder = is_leider_beheerder(user, coalitie)
    if leider_beheerder:
        return TOEGESTAAN
    return geweigerd(_("Only an administrator of the lead organisation may change this coalition."))


def mag_coalitie_wijzigen(
    user: Any, coalitie: Coalitie, *, leider_beheerder: bool | None = None
) -> Toestemming:
    """Change the name, lots or plan, invite partners and change their agreements: the lead's
    administrator, while the coalition is not locked (refused first for the lock)."""
    vrij = niet_vergrendeld(coalitie)
    if not vrij:
        return vrij
    return mag_coalitie_leiden(user, coalitie, leider_beheerder=leider_beheerder)


def mag_uitnodiging_beantwoorden(
    user: Any, partner: CoalitiePartner, *, beheert: Collection[int] | None = None
) -> Toestemming:
    """Accept or decline an invitation to a coalition: an administrator of the invited
    organisation (also while the coalition is locked)."""
    if _beheert(user, partner.organisatie_id, beheert):
        return TOEGESTAAN
    return geweigerd(
        _("Only an administrator of the invited organisation may answer the invitation.")
    )


def partner_kan_vertrekken(partner: CoalitiePartner) -> Toestemming:
    """A partner that has accepted may leave; the lead never leaves its own coalition."""
    if partner.rol in LEIDENDE_ROLLEN:
        return geweigerd(_("The lead cannot leave its own coalition."), fout=DomainError)
    if partner.status != PartnerStatus.GEACCEPTEERD:
        return geweigerd(_("Only a partner that has accepted can leave."), fout=DomainError)
    return TOEGESTAAN


def mag_coalitie_verlaten(
    user: Any,
    partner: CoalitiePartner,
    *,
    coalitie: Coalitie | None = None,
    beheert: Collection[int] | None = None,
) -> Toestemming:
    """Take an organisation out of a coalition: an administrator of it, while the coalition
    is not locked, for a partner that may leave (`partner_kan_vertrekken`). Leaving again
    (a double click) is allowed: it changes nothing."""
    if not _beheert(user, partner.organisatie_id, beheert):
        return geweigerd(
            _("Only an administrator of the organisation may take it out of the coalition.")
        )
    if partner.status == PartnerStatus.VERTROKKEN:
        return TOEGESTAAN
    vrij = niet_vergrendeld(coalitie if coalitie is not None else partner.coalitie)
    if not vrij:
        return vrij
    return partner_kan_vertrekken(partner)


def mag_toezegging_schrijven(
    user: Any,
    partner: CoalitiePartner,
    *,
    coalitie: Coalitie | None = None,
    beheert: Collection[int] | None = None,
) -> Toestemming:
    """Issue 13, rule 1: a key party's administrators write what it offers the coalition (its
    commitment), while it takes part (invited or accepted) and the coalition is not locked."""
    if partner.rol != PartnerRol.SLEUTELPARTIJ:
        return geweigerd(_("Only a key party writes a commitment."), fout=DomainError)
    if not _beheert(user, partner.organisatie_id, beheert):
        return geweigerd(_("Only an administrator of the key party may write its commitment."))
    if partner.status not in ACTIEVE_STATUSSEN:
        return geweigerd(
            _("This organisation no longer takes part in the coalition."), fout=DomainError
        )
    return niet_vergrendeld(coalitie if coalitie is not None else partner.coalitie)


def mag_onafhankelijkheid_verklaren(user: Any, organisatie: Organisatie | int) -> Toestemming:
    """Issue 13, rule 1: an administrator of a subcontractor signs its declaration of
    independence for a lot."""
    if is_beheerder(user, organisatie):
        return TOEGESTAAN
    return geweigerd(
        _("Only an administrator of the organisation may sign the declaration of independence.")
    )


# --- issue 13, rule 1 (issue 14, point 7): the competition rule per lot ---


def perceelnamen(percelen: Iterable[Perceel | None]) -> str:
    namen = sorted((p.nummer, str(p)) for p in percelen if p is not None)
    return ", ".join(naam for _nummer, naam in namen) or _("the whole trajectory")


def concurrentie_toegestaan(
    organisatie: Organisatie,
    *,
    rol: str,
    percelen: Iterable[Perceel],
    elders: Iterable[CoalitiePartner],
    getekend: Collection[int | None] = (),
    sleutelpartij: bool = False,
) -> Toestemming:
    """The competition rule per lot, on data the caller has loaded (ONE rule for the invite
    service and for the invitation list and the partner board, issue 14 point 7).

    `organisatie` wants to take part in a coalition on `percelen` (none: a trajectory
    without lots) in the role `rol`. `elders`: its active (invited or accepted) rows in the
    OTHER coalitions of the trajectory, with `coalitie` and `coalitie.percelen` loaded, in
    the order to report them. `getekend`: the lots (their ids; None for the whole
    trajectory) for which it signed the declaration of independence. `sleutelpartij`:
    whether it is a key party of the trajectory.

    Refused when it already takes part in another coalition that shares a lot, unless it is
    a key party, or it serves both coalitions as subcontractor and signed the declaration
    of independence for every shared lot.
    """
    if sleutelpartij:
        return TOEGESTAAN
    mijn = {p.pk: p for p in percelen}
    for andere in elders:
        hun = {p.pk: p for p in andere.coalitie.percelen.all()}
        if mijn and hun:
            gedeeld: list[Perceel | None] = [mijn[pk] for pk in sorted(mijn.keys() & hun.keys())]
        else:  # a trajectory without lots: every coalition is on the whole trajectory
            gedeeld = list({**mijn, **hun}.values()) or [None]
        if not gedeeld:
            continue
        if rol == PartnerRol.ONDERAANNEMER and andere.rol == PartnerRol.ONDERAANNEMER:
            ontbreekt = [p for p in gedeeld if (p.pk if p else None) not in getekend]
            if not ontbreekt:
                continue
            return geweigerd(
                _(
                    "%(organisatie)s already serves the coalition %(coalitie)s as a "
                    "subcontractor on lot %(percelen)s. It may serve a second coalition on that "
                    "lot only after an administrator of %(organisatie)s has signed the "
                    "declaration of independence for that lot."
                )
                % {
                    "organisatie": organisatie.naam,
                    "coalitie": andere.coalitie.naam,
                    "percelen": perceelnamen(ontbreekt),
                },
                fout=DomainError,
            )
        return geweigerd(
            _(
                "%(organisatie)s already takes part in the coalition %(coalitie)s on lot "
                "%(percelen)s. An organisation takes part in one coalition per lot, unless the "
                "municipality made it a key party, or it serves as a subcontractor that signed "
                "the declaration of independence for that lot."
            )
            % {
                "organisatie": organisatie.naam,
                "coalitie": andere.coalitie.naam,
                "percelen": perceelnamen(gedeeld),
            },
            fout=DomainError,
        )
    return TOEGESTAAN


# --- partner board ---


def mag_namens_organisatie(
    user: Any, organisatie: Organisatie | int, reden: str | None = None
) -> Toestemming:
    """Show interest or write on behalf of an organisation: a member (any role)."""
    if is_lid(user, organisatie):
        return TOEGESTAAN
    return geweigerd(reden or _("Only members of the organisation may write on its behalf."))


def mag_interesse_tonen(user: Any, organisatie: Organisatie | int) -> Toestemming:
    return mag_namens_organisatie(
        user, organisatie, _("Only members of the organisation may show its interest.")
    )


def mag_interesse_intrekken(user: Any, interesse: Interesse) -> Toestemming:
    return mag_namens_organisatie(
        user,
        interesse.organisatie_id,
        _("Only members of the organisation may withdraw its interest."),
    )


def mag_partijen_uitnodigen(user: Any, traject: Traject) -> Toestemming:
    """Invite unusual suspects to a trajectory: an officer of its gemeente, on a route with
    competing bids."""
    route = coalities_op_route(traject)
    if not route:
        return route
    return als_medewerker(user, traject.gemeente_id)


def mag_sleutelpartijen_beheren(user: Any, traject: Traject) -> Toestemming:
    """Mark or unmark key parties of a trajectory: an officer of its gemeente."""
    return als_medewerker(user, traject.gemeente_id)
