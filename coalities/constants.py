from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisatieType(models.TextChoices):
    INSTELLING = "instelling", _("Formal institution")
    INFORMEEL = "informeel", _("Informal group or residents' initiative")
    SOCIAAL_ONDERNEMER = "sociaal_ondernemer", _("Social entrepreneur")
    BEDRIJF = "bedrijf", _("Company")


class LidRol(models.TextChoices):
    BEHEERDER = "beheerder", _("Administrator")
    LID = "lid", _("Member")


class Rechtsvorm(models.TextChoices):
    """ "None" is a valid answer: many residents' groups have no legal form."""

    GEEN = "geen", _("None (for example an informal group)")
    STICHTING = "stichting", _("Foundation (stichting)")
    VERENIGING = "vereniging", _("Association (vereniging)")
    COOPERATIE = "cooperatie", _("Cooperative (coöperatie)")
    BV = "bv", _("Private company (bv)")
    EENMANSZAAK = "eenmanszaak", _("Sole proprietorship (eenmanszaak)")
    VOF = "vof", _("General partnership (vof)")
    OVERIG = "overig", _("Other")


class PartnerRol(models.TextChoices):
    """The role of an organisation in a coalition."""

    PENVOERDER = "penvoerder", _("Lead partner")
    FACILITEREND = "facilitator", _("Facilitating lead (only organises)")
    PARTNER = "partner", _("Partner")
    ONDERAANNEMER = "onderaannemer", _("Subcontractor")
    # Issue 13, rule 1: a key party of the trajectory supports the coalition with a
    # commitment; it never reads the bid.
    SLEUTELPARTIJ = "sleutelpartij", _("Key party (supports with a commitment)")


LEIDENDE_ROLLEN = (PartnerRol.PENVOERDER, PartnerRol.FACILITEREND)
# Issue 13, rule 1: the roles whose accepted members read the coalition's bid (draft,
# versions, attachments, receipts). A subcontractor and a key party never do.
LEZENDE_ROLLEN = (PartnerRol.PENVOERDER, PartnerRol.FACILITEREND, PartnerRol.PARTNER)


class PartnerStatus(models.TextChoices):
    UITGENODIGD = "uitgenodigd", _("Invited")
    GEACCEPTEERD = "geaccepteerd", _("Accepted")
    AFGEWEZEN = "afgewezen", _("Declined")
    VERTROKKEN = "vertrokken", _("Left")


ACTIEVE_STATUSSEN = (PartnerStatus.UITGENODIGD, PartnerStatus.GEACCEPTEERD)


class CoalitieStatus(models.TextChoices):
    """Issue 6 locks a coalition when its bid is submitted (`coalitie_vergrendelen`) and
    opens it again only for a new version of the bid (`coalitie_openen_voor_nieuwe_versie`)."""

    OPEN = "open", _("Being formed")
    VERGRENDELD = "vergrendeld", _("Bid submitted: changes only through a new bid version")


class UitnodigingStatus(models.TextChoices):
    """The audit states of an invitation to join an organisation (not a model field: the
    invitation records `aangenomen_op` and `ingetrokken_op`)."""

    OPEN = "open"
    AANGENOMEN = "aangenomen"
    INGETROKKEN = "ingetrokken"


class Toezegging(models.TextChoices):
    """The audit state of an acceptance that waits for the next version of the bid (issue 11,
    point 6): the partner stays `PartnerStatus.UITGENODIGD` with `toegezegd_op` set."""

    TOEGEZEGD = "toegezegd"


class Wijziging(models.TextChoices):
    """The audit `to_state` of a row that is created or changed in one service (interest, key
    party)."""

    NIEUW = "nieuw"
    GEWIJZIGD = "gewijzigd"
    REDEN_GEWIJZIGD = "reden_gewijzigd"


# The profile fields of an organisation: what the profile form shows and what an
# administrator may change (`organisatie_wijzigen`).
PROFIELVELDEN = (
    "type",
    "naam",
    "beschrijving",
    "werkgebied",
    "kvk_nummer",
    "rechtsvorm",
    "mensen",
    "referenties",
    "website",
)
