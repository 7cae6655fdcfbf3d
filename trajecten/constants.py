from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrajectStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    GEPUBLICEERD = "gepubliceerd", _("Published")


class Fase(models.TextChoices):
    """The five phases of DOMAIN.md. Usually in this order, not necessarily."""

    A = "A", _("Dot on the horizon")
    B = "B", _("Vital coalition")
    C = "C", _("Routes to the horizon")
    D = "D", _("Formal transfer")
    E = "E", _("Evaluation and anchoring")


# What each phase allows (Hypha's declarative phase table). Services check it.
FASE_STAAT_TOE = {
    "publiceren": {Fase.A},
    "vraag_stellen": {Fase.A, Fase.B},
    # Issue 13, rule 18: bidders invited to the second stage still ask questions, answered
    # in a nota, while the selection and the elaboration run (phase C).
    "vraag_stellen_uitwerking": {Fase.A, Fase.B, Fase.C},
    "nota_publiceren": {Fase.A, Fase.B, Fase.C},
    "aanmelden_bijeenkomst": {Fase.A, Fase.B, Fase.C, Fase.D, Fase.E},
    "rectificeren": {Fase.A, Fase.B},
    # Issue 13, rule 19: a correction that only moves planning dates (assessment, award,
    # start) is possible in every phase.
    "planning_corrigeren": {Fase.A, Fase.B, Fase.C, Fase.D, Fase.E},
}


class Domein(models.TextChoices):
    SOCIAAL = "sociaal", _("Social")
    RUIMTELIJK = "ruimtelijk", _("Spatial")
    ECONOMISCH = "economisch", _("Economic")


class Vorm(models.TextChoices):
    """Forms of trajectory (DOMAIN.md "Forms")."""

    AANBESTEDING = "aanbesteding", _("Procurement")
    SUBSIDIE = "subsidie", _("Subsidy tender")
    CONVENANT = "convenant", _("Covenant")
    BURGERAANBESTEDING = "burgeraanbesteding", _("Residents procure themselves")
    RIGHT_TO_CHALLENGE = "right_to_challenge", _("Right to challenge")


VORM_UITLEG: dict[str, Any] = {
    Vorm.AANBESTEDING: _(
        "A contract under the Procurement Act 2012 (Aanbestedingswet), with one of its "
        "procedures. The award is published and there is a standstill period before signing."
    ),
    Vorm.SUBSIDIE: _(
        "A subsidy under the General Administrative Law Act (Awb, title 4.2): an application, "
        "a decision, and accountability at the end."
    ),
    Vorm.CONVENANT: _(
        "An agreement between equal partners, often with residents' initiatives. There is no "
        "client and contractor."
    ),
    Vorm.BURGERAANBESTEDING: _(
        "Residents of the area hold a budget and ask for quotes themselves."
    ),
    Vorm.RIGHT_TO_CHALLENGE: _(
        "Residents or entrepreneurs asked to take over this task. The municipality may open "
        "it to other bidders too."
    ),
}


class Verdeelregel(models.TextChoices):
    """How a subsidy ceiling is divided (Awb art. 4:26): ranked on the published criteria,
    or in order of receipt of the complete application."""

    RANGSCHIKKING = "rangschikking", _("Ranking on the criteria")
    BINNENKOMST = "binnenkomst", _("In order of receipt")


VERDEELREGEL_UITLEG: dict[str, Any] = {
    Verdeelregel.RANGSCHIKKING: _(
        "The committee scores every application on the criteria of this call. The best "
        "applications get subsidy first, until the ceiling is reached."
    ),
    Verdeelregel.BINNENKOMST: _(
        "Applications that meet the conditions of this call get subsidy in the order in "
        "which they were complete, until the ceiling is reached."
    ),
}


class Procedure(models.TextChoices):
    """Procedures of the Aanbestedingswet 2012 (only for the form 'aanbesteding')."""

    OPENBAAR = "openbaar", _("Open procedure")
    NIET_OPENBAAR = "niet_openbaar", _("Restricted procedure")
    DIALOOG = "dialoog", _("Competitive dialogue")
    ONDERHANDELING_MET = "onderhandeling_met", _("Negotiated procedure with prior publication")
    ONDERHANDELING_ZONDER = (
        "onderhandeling_zonder",
        _("Negotiated procedure without prior publication"),
    )
    NATIONAAL = "nationaal", _("National open procedure (below the EU threshold)")
    MEERVOUDIG_ONDERHANDS = "meervoudig_onderhands", _("Multiple private procedure")
    # Issue 13, rule 16: only for social and other specific services (the light regime).
    EIGEN = "eigen_procedure", _("Own-design procedure (light regime)")


EU_PROCEDURES = {
    Procedure.OPENBAAR,
    Procedure.NIET_OPENBAAR,
    Procedure.DIALOOG,
    Procedure.ONDERHANDELING_MET,
    Procedure.ONDERHANDELING_ZONDER,
}

PROCEDURE_UITLEG: dict[str, Any] = {
    Procedure.OPENBAAR: _("Everyone may bid at once. Announced across Europe."),
    Procedure.NIET_OPENBAAR: _(
        "First parties apply; a selection of them is invited to bid. Announced across Europe."
    ),
    Procedure.DIALOOG: _(
        "For complex tasks: the municipality talks with selected parties about solutions "
        "before they bid."
    ),
    Procedure.ONDERHANDELING_MET: _(
        "Selected parties bid, then the municipality negotiates to improve the bids."
    ),
    Procedure.ONDERHANDELING_ZONDER: _(
        "Only in exceptional cases set by law; there is no announcement."
    ),
    Procedure.NATIONAAL: _("Everyone may bid; announced in the Netherlands only."),
    Procedure.MEERVOUDIG_ONDERHANDS: _(
        "The municipality invites at least three parties to bid. Below the EU threshold only."
    ),
    Procedure.EIGEN: _(
        "Only for social and other specific services (the light regime): the municipality "
        "designs its own procedure and describes it in the call. Above the threshold it is "
        "announced across Europe, and so is the award."
    ),
}

# Issue 13, rule 10: the procedures that allow an outline bid followed by an invited
# elaboration (a reduction of the field in stages). EU law allows it only in the
# competitive dialogue (directive 2014/24 art. 30(4)) and the negotiated procedure with
# prior publication (art. 29(6)); under the light regime an own-design procedure may
# have stages (art. 76); below the thresholds a national or private procedure may, when
# the call announces it (the platform prints the staging rule in the call). Not in the
# open procedure (art. 27: every bid is assessed as submitted) nor in the restricted one
# (art. 28 and 65: the field is reduced on suitability, never on the bids' content).
TWEE_RONDES_PROCEDURES = {
    Procedure.DIALOOG,
    Procedure.ONDERHANDELING_MET,
    Procedure.EIGEN,
    Procedure.NATIONAAL,
    Procedure.MEERVOUDIG_ONDERHANDS,
}

# Minimum days between publication and the bid deadline per procedure
# (Aanbestedingswet 2012, electronic submission; national: Gids Proportionaliteit
# advises at least 20 days). Procedures without a number have no fixed minimum.
# For an EU procedure the minimum is law (directive 2014/24 art. 27-30): the check
# refuses it without an "explain"; for a national one it is guidance (comply or explain).
MINIMUM_INSCHRIJFTERMIJN_DAGEN = {
    Procedure.OPENBAAR: 30,
    Procedure.NIET_OPENBAAR: 25,
    Procedure.DIALOOG: 30,
    Procedure.ONDERHANDELING_MET: 25,
    Procedure.NATIONAAL: 20,
    Procedure.MEERVOUDIG_ONDERHANDS: 15,
}


class Contractvorm(models.TextChoices):
    KLASSIEK = "klassiek", _("Classical")
    NEOKLASSIEK = "neoklassiek", _("Neo-classical")
    RELATIONEEL = "relationeel", _("Relational")


CONTRACTVORM_UITLEG: dict[str, Any] = {
    Contractvorm.KLASSIEK: _("Concrete services, described in full."),
    Contractvorm.NEOKLASSIEK: _("Extensive descriptions plus clauses for the unforeseen."),
    Contractvorm.RELATIONEEL: _(
        "A long, flexible relationship, for complex tasks where the way forward is not yet known."
    ),
}


class Bekostiging(models.TextChoices):
    BESCHIKBAARHEID = "beschikbaarheid", _("Availability")
    POPULATIE = "populatie", _("Population")
    PRESTATIE = "prestatie", _("Performance")
    RESULTAAT = "resultaat", _("Results")
    COMBINATIE = "combinatie", _("A combination")


BEKOSTIGING_UITLEG: dict[str, Any] = {
    Bekostiging.BESCHIKBAARHEID: _("A fixed amount, however much the service is used."),
    Bekostiging.POPULATIE: _("An amount per person in a defined group of people."),
    Bekostiging.PRESTATIE: _("An amount per activity delivered."),
    Bekostiging.RESULTAAT: _("Payment for the results reached: the logical fit."),
    Bekostiging.COMBINATIE: _("A mix of these models, explained in the frames."),
}


class DienstSoort(models.TextChoices):
    """Which EU threshold applies."""

    SOCIAAL = "sociaal", _("Social and other specific services (light regime)")
    OVERIG = "overig", _("Other services")


class Gunningswijze(models.TextChoices):
    KWALITEIT = "kwaliteit", _("Quality only, with a fixed budget")
    GEWOGEN_ZONDER_PRIJS = "gewogen_zonder_prijs", _("Weighted criteria, without price")
    GEWOGEN_MET_PRIJS = "gewogen_met_prijs", _("Weighted criteria, with price")


class EisSoort(models.TextChoices):
    """Selection requirements; the proportionality check looks at each kind."""

    OMZET = "omzet", _("Turnover requirement")
    ANBI = "anbi", _("ANBI status")
    ERVARING_MA = "ervaring_ma", _("Experience with social procurement")
    REFERENTIE = "referentie", _("Reference projects")
    CERTIFICAAT = "certificaat", _("Certificate (ISO and the like)")
    OVERIG = "overig", _("Other requirement")


class TeamRol(models.TextChoices):
    BELEID = "beleid", _("Policy")
    INKOOP = "inkoop", _("Purchasing")
    JURIDISCH = "juridisch", _("Legal")
    PROJECTLEIDER = "projectleider", _("Project lead")


class UitvraagAanleiding(models.TextChoices):
    CONCEPT = "concept", _("Draft for publication")
    PUBLICATIE = "publicatie", _("Publication")
    RECTIFICATIE = "rectificatie", _("Correction")
    NOTA = "nota", _("New Q&A note")


class BijeenkomstSoort(models.TextChoices):
    INFORMATIE = "informatie", _("Information session")
    VERDIEPING = "verdieping", _("Deepening session")
    DOELGROEP = "doelgroep", _("Session with the target group")
    # Issue 14, point 1: designing the call together with the field during consultation.
    ONTWERP = "ontwerp", _("Co-design session")


class UitdagingStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Submitted")
    MEER_INFORMATIE = "meer_informatie", _("More information asked")
    # Issue 14: accepted, with the route the municipality chose (the value stays "omgezet").
    OMGEZET = "omgezet", _("Accepted")
    AFGEWEZEN = "afgewezen", _("Declined")


class DrempelSoort(models.TextChoices):
    DIENSTEN = "diensten", _("Services")
    SOCIAAL = "sociaal", _("Social and other specific services")


class GemeenteRol(models.TextChoices):
    """The municipality's own role in the trajectory (DOMAIN.md, phase B): made explicit."""

    OPDRACHTGEVER = "opdrachtgever", _("Client")
    FACILITATOR = "facilitator", _("Facilitator")
    PARTNER = "partner", _("Equal partner")


GEMEENTE_ROL_UITLEG: dict[str, Any] = {
    GemeenteRol.OPDRACHTGEVER: _("The municipality asks and pays; the coalition delivers."),
    GemeenteRol.FACILITATOR: _(
        "The municipality makes it possible (money, a building, contacts) but does not steer."
    ),
    GemeenteRol.PARTNER: _("The municipality takes part in the coalition as an equal partner."),
}


class AanmeldingStatus(models.TextChoices):
    """The states of a registration in the audit log (a registration has no status field)."""

    ONBEVESTIGD = "onbevestigd", _("Not confirmed")
    BEVESTIGD = "bevestigd", _("Confirmed")


class VraagStatus(models.TextChoices):
    """The states of a question in the audit log (derived from its answer and nota)."""

    OPEN = "open", _("Open")
    BEANTWOORD = "beantwoord", _("Answered")


class NotaStatus(models.TextChoices):
    """The state of a nota in the audit log: a nota exists only once published."""

    GEPUBLICEERD = "gepubliceerd", _("Published")


class Prijsformule(models.TextChoices):
    """How the platform turns a bid's price into points on the price criterion (issue 13,
    rule 8). Published in the call; more formulas can be added here."""

    LAAGSTE_GEDEELD = "laagste_gedeeld", _("Lowest price / this price × weight")


class GesprekVorm(models.TextChoices):
    """The format of the conversations with bidders, announced in the call (issue 13,
    rule 11): the same for every bidder of a lot."""

    OP_LOCATIE = "op_locatie", _("In person")
    VIDEO = "video", _("Video call")
    TELEFOON = "telefoon", _("Telephone")


class CommissieMandaat(models.TextChoices):
    """Issue 14, point 2: what the selection committee's choice is worth, stated in the
    call. The college (or the competent body) always takes the formal decision; with
    `BESLIST` it commits itself in the call to follow the committee (docs/decisions.md)."""

    ADVISEERT = "adviseert", _("The committee advises")
    BESLIST = "beslist", _("The committee decides")


COMMISSIE_MANDAAT_UITLEG: dict[str, Any] = {
    CommissieMandaat.ADVISEERT: _(
        "The committee gives advice. The municipal executive (college) decides and may depart "
        "from the advice, with reasons."
    ),
    CommissieMandaat.BESLIST: _(
        "The committee chooses. By law the municipal executive (college) takes the formal "
        "decision, but it promises in this call to follow the committee's choice."
    ),
}
# Issue 14, point 1: consultation of a draft call (marktconsultatie).


class ConsultatieSectie(models.TextChoices):
    """The part of the draft call a reaction is about."""

    OPGAVE = "opgave", _("The social task")
    KADERS = "kaders", _("Frames")
    VORM = "vorm", _("Form of the trajectory")
    PERCELEN = "percelen", _("Lots")
    PLANNING = "planning", _("Planning")
    GUNNING = "gunning", _("How the choice is made")
    ALGEMEEN = "algemeen", _("General")


class Overgenomen(models.TextChoices):
    """What the municipality did with a reaction in the final call."""

    JA = "ja", _("Taken over")
    DEELS = "deels", _("Partly taken over")
    NEE = "nee", _("Not taken over")


class ConsultatieStatus(models.TextChoices):
    """The states of a consultation in the audit log (derived from its moments)."""

    OPEN = "open", _("Open for reactions")
    GESLOTEN = "gesloten", _("Closed")


class ReactieStatus(models.TextChoices):
    """The states of a reaction in the audit log."""

    ONBEVESTIGD = "onbevestigd", _("Not confirmed")
    BEVESTIGD = "bevestigd", _("Confirmed")
    BEANTWOORD = "beantwoord", _("Answered")
