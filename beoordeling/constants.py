from django.db import models
from django.utils.translation import gettext_lazy as _


class Ronde(models.TextChoices):
    """The two stages, each with its own deadline and its own vault."""

    HOOFDLIJNEN = "hoofdlijnen", _("Outline bid")
    UITWERKING = "uitwerking", _("Elaborated plan")


# The trajectory's deadline of each stage.
RONDE_DEADLINE = {Ronde.HOOFDLIJNEN: "inschrijving_sluit", Ronde.UITWERKING: "uitwerking_sluit"}


class BodStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    INGEDIEND = "ingediend", _("Submitted")
    INGETROKKEN = "ingetrokken", _("Withdrawn")


class Financieringsbron(models.TextChoices):
    GEMEENTE = "gemeente", _("Municipal budget")
    WIJKBUDGET = "wijkbudget", _("District budget")
    FONDSEN = "fondsen", _("Funds")
    SPONSORING = "sponsoring", _("Sponsoring")
    CROWDFUNDING = "crowdfunding", _("Crowdfunding")
    EIGEN_BIJDRAGE = "eigen_bijdrage", _("Own contribution")


class Leeftijdsgroep(models.TextChoices):
    ONDER_25 = "onder_25", _("Under 25")
    VAN_25_TOT_45 = "25_45", _("25 to 45")
    VAN_45_TOT_65 = "45_65", _("45 to 65")
    BOVEN_65 = "65_plus", _("65 or older")
    ZEG_IK_NIET = "zeg_ik_niet", _("I'd rather not say")


# How long the second officer has to confirm the opening of the vault (TenderNed: 10 minutes).
KLUIS_BEVESTIGEN_BINNEN_MINUTEN = 10


# --- the states of the audit events of consensus, gesprekken, gunning --------------------
# (audit states only, never shown: no labels to translate)


class ConsensusStatus(models.TextChoices):
    """The consensus of a stage: open until closed."""

    OPEN = "open"
    VASTGESTELD = "vastgesteld"


class GesprekStatus(models.TextChoices):
    """A conversation with a bidder (`geen`: none planned yet)."""

    GEEN = "geen"
    GEPLAND = "gepland"
    GEANNULEERD = "geannuleerd"
    # Held, with the record of what was clarified sent to the bidder (issue 13, rule 11).
    GEVOERD = "gevoerd"


class NotitieStatus(models.TextChoices):
    """A note of the committee about a conversation."""

    TOEGEVOEGD = "toegevoegd"
    GEWIJZIGD = "gewijzigd"


class GunningStatus(models.TextChoices):
    """The award decision of a lot."""

    BESLOTEN = "besloten"
    VERSTUURD = "verstuurd"
    ONDERTEKEND = "ondertekend"


class BezwaarStatus(models.TextChoices):
    """An objection to an award decision."""

    OPEN = "open"
    AFGEHANDELD = "afgehandeld"


class BezwaarSoort(models.TextChoices):
    """What kind of objection (issue 13, point 14): a complaint to the gemeente's complaints
    desk does not pause signing; a summary court case announced within the standstill does,
    until its judgment."""

    KLACHT = "klacht", _("Complaint")
    KORT_GEDING = "kort_geding", _("Summary court case (kort geding)")


class ToelichtingStatus(models.TextChoices):
    """The committee's explanation to the neighbourhood."""

    GEWIJZIGD = "gewijzigd"
    GEPUBLICEERD = "gepubliceerd"


# --- states named in the audit events of bieden, kluis, commissie and selectie -------------


class KluisStatus(models.TextChoices):
    """The vault of one stage: closed until two officers open it."""

    GESLOTEN = "gesloten", _("Closed")
    GEOPEND = "geopend", _("Opened")


class CommissieRol(models.TextChoices):
    """A member's role on the selection committee."""

    LID = "lid", _("Member")
    VOORZITTER = "voorzitter", _("Chair")


class VerklaringUitkomst(models.TextChoices):
    """The outcome of a member's conflict-of-interest declaration for one bid."""

    CONFLICT = "conflict", _("Conflict of interest")
    GEEN_CONFLICT = "geen_conflict", _("No conflict of interest")


class BeoordelingStatus(models.TextChoices):
    """A member's assessment of one bid once submitted."""

    INGEDIEND = "ingediend", _("Submitted")


class SelectieKeuze(models.TextChoices):
    """The draft decision for one outline bid."""

    UITGENODIGD = "uitgenodigd", _("Invited")
    NIET_UITGENODIGD = "niet_uitgenodigd", _("Not invited")


class SelectieStatus(models.TextChoices):
    """The selection for the elaborated plan: a draft until it is sent."""

    CONCEPT = "concept", _("Draft")
    VERSTUURD = "verstuurd", _("Sent")


class SubsidieUitkomst(models.TextChoices):
    """Issue 14, the subsidy route: the decision on one application (Awb title 4.2)."""

    TOEGEKEND = "toegekend", _("Granted")
    DEELS = "deels", _("Granted in part")
    AFGEWEZEN = "afgewezen", _("Refused")


class Afwijzingsgrond(models.TextChoices):
    """Why an application is refused (Awb art. 4:25 and 4:35)."""

    PLAFOND = "plafond", _("The subsidy ceiling is reached")
    CRITERIA = "criteria", _("The application does not meet the criteria of the call")
    ANDERS = "anders", _("Another reason")


class SubsidiebesluitStatus(models.TextChoices):
    """The decision on an application: recorded, then sent to the applicant."""

    VASTGELEGD = "vastgelegd"
    VERSTUURD = "verstuurd"


class VergoedingStatus(models.TextChoices):
    """Issue 14, point 9: the development fee of one invited bid."""

    TE_BETALEN = "te_betalen", _("To be paid")
    BETAALD = "betaald", _("Paid")


class ConvenantSectie(models.TextChoices):
    """The sections of a covenant plan (issue 14, point 3), in the order they are written."""

    DOELEN = "doelen", _("Goals and results")
    ACTIVITEITEN = "activiteiten", _("Activities")
    INBRENG = "inbreng", _("What each party contributes")
    LOOPTIJD = "looptijd", _("Duration and evaluation moments")
    GELD = "geld", _("Agreements about money")
    EXIT = "exit", _("Ending the covenant")


CONVENANT_SECTIE_UITLEG = {
    ConvenantSectie.DOELEN: _(
        "What you want to reach together, and what each side commits to. Intentions and "
        "commitments."
    ),
    ConvenantSectie.ACTIVITEITEN: _("What happens, for whom, where and how often."),
    ConvenantSectie.INBRENG: _(
        "What the initiative and the municipality each bring in: money, people, a building, "
        "time, knowledge. Contributions in kind count too."
    ),
    ConvenantSectie.LOOPTIJD: _(
        "How long the covenant runs, and when you look back together and adjust."
    ),
    ConvenantSectie.GELD: _("Which amounts, when they are paid, and how you account for them."),
    ConvenantSectie.EXIT: _(
        "How either side can end the covenant, and what happens to people, goods and money then."
    ),
}


class ConvenantPartij(models.TextChoices):
    """The two sides that agree to a covenant plan."""

    INITIATIEF = "initiatief", _("The initiative")
    GEMEENTE = "gemeente", _("The municipality")


class OpdrachtStatus(models.TextChoices):
    """An assignment of a residents' budget (issue 14, burgeraanbesteding)."""

    OPEN = "open", _("Asking for quotes")
    WACHT_OP_GOEDKEURING = "wacht_op_goedkeuring", _("Choice waits for approval")
    GEKOZEN = "gekozen", _("Chosen")
