from django.db import models
from django.utils.translation import gettext_lazy as _

# The longest text a person may type in one field (issue 11, point 10). Every TextField and
# every free-text form field takes its max_length from one of these, so that nobody can store
# (and make every visitor download) a million characters. Chosen by kind of text:
#   KORT   one point: a question, an interest, a reason, a personal message;
#   MIDDEL a reasoned text: a message, an answer, a motivation, a judgement, a note, a profile;
#   LANG   a plan, a section of a trajectory, a description of a lot, a session report.
TEKST_KORT = 2_000
TEKST_MIDDEL = 5_000
TEKST_LANG = 20_000
# Text the platform composes itself from limited fields (the body of a notification or an
# e-mail, which may quote several long fields, as a correction does). Never typed by a person.
TEKST_GEGENEREERD = 500_000
# A search is a few words, never a text: a longer one would only make a slower query.
ZOEK_MAX = 200
# How often a document is tried before it fails for good (aanbesteden.documents; the render
# task retries one time fewer than this).
MAX_POGINGEN = 4


class Functie(models.TextChoices):
    """The role of a municipal officer in the gemeente's team."""

    BELEID = "beleid", _("Policy officer")
    INKOOP = "inkoop", _("Purchasing")
    JURIDISCH = "juridisch", _("Legal")


class NotificatieVoorkeur(models.TextChoices):
    EMAIL = "email", _("E-mail and on the platform")
    APP = "app", _("Only on the platform")


class EmailStatus(models.TextChoices):
    WACHT = "wacht", _("Waiting to be sent")
    VERZONDEN = "verzonden", _("Sent")
    NIET_NODIG = "niet_nodig", _("Not sent (only on the platform)")
    MISLUKT = "mislukt", _("Failed")


class DocumentStatus(models.TextChoices):
    IN_WACHTRIJ = "in_wachtrij", _("Queued")
    KLAAR = "klaar", _("Ready")
    MISLUKT = "mislukt", _("Failed, will be retried")
    DEFINITIEF_MISLUKT = "definitief_mislukt", _("Failed")


class AccountStatus(models.TextChoices):
    """An account as the audit log names its state when it is blocked or unblocked."""

    ACTIEF = "actief", _("Active")
    GEBLOKKEERD = "geblokkeerd", _("Blocked")


class AuditEventType(models.TextChoices):
    """Every kind of event in the audit log, for the whole platform.

    One enumeration, so that timelines and proces-verbaal documents can be
    built from one table. Later phases add their members here.
    """

    GEMEENTE_AANGEMAAKT = "gemeente.aangemaakt", _("Municipality created")
    GEMEENTE_GEWIJZIGD = "gemeente.gewijzigd", _("Municipality settings changed")
    MEDEWERKER_TOEGEVOEGD = "medewerker.toegevoegd", _("Officer added to a municipality")
    MEDEWERKER_VERWIJDERD = "medewerker.verwijderd", _("Officer removed from a municipality")
    ACCOUNT_GEBLOKKEERD = "account.geblokkeerd", _("Account blocked")
    ACCOUNT_GEDEBLOKKEERD = "account.gedeblokkeerd", _("Account unblocked")
    DOCUMENT_AANGEVRAAGD = "document.aangevraagd", _("Document requested")
    DOCUMENT_GEMAAKT = "document.gemaakt", _("Document ready")
    DOCUMENT_MISLUKT = "document.mislukt", _("Document failed")
    HERINNERING_VERSTUURD = "herinnering.verstuurd", _("Reminder sent")
    VOORKEUR_GEWIJZIGD = "gebruiker.voorkeur_gewijzigd", _("Notification preference changed")
    TRAJECT_AANGEMAAKT = "traject.aangemaakt", _("Trajectory created")
    TRAJECT_GEPUBLICEERD = "traject.gepubliceerd", _("Trajectory published")
    TRAJECT_GEWIJZIGD = "traject.gewijzigd", _("Draft trajectory changed")
    TRAJECT_FASE_GEWIJZIGD = "traject.fase_gewijzigd", _("Active phase changed")
    TRAJECT_TOELICHTING = "traject.toelichting", _("Proportionality finding explained")
    TRAJECT_TEAM_GEWIJZIGD = "traject.team_gewijzigd", _("Team changed")
    TRAJECT_GEVOLGD = "traject.gevolgd", _("Trajectory followed")
    TRAJECT_ONTVOLGD = "traject.ontvolgd", _("Trajectory no longer followed")
    UITVRAAG_AANGEVRAAGD = "uitvraag.aangevraagd", _("New version of the call requested")
    RECTIFICATIE_GEPUBLICEERD = "rectificatie.gepubliceerd", _("Correction published")
    BIJEENKOMST_GEPLAND = "bijeenkomst.gepland", _("Session planned")
    BIJEENKOMST_GEWIJZIGD = "bijeenkomst.gewijzigd", _("Session changed")
    BIJEENKOMST_AANGEMELD = "bijeenkomst.aangemeld", _("Registered for a session")
    BIJEENKOMST_AFGEMELD = "bijeenkomst.afgemeld", _("Registration for a session cancelled")
    VERSLAG_GEPUBLICEERD = "bijeenkomst.verslag_gepubliceerd", _("Session report published")
    VRAAG_GESTELD = "vraag.gesteld", _("Question asked")
    VRAAG_BEANTWOORD = "vraag.beantwoord", _("Question answered")
    NOTA_GEPUBLICEERD = "nota.gepubliceerd", _("Q&A note published")
    UITDAGING_INGEDIEND = "uitdaging.ingediend", _("Right-to-challenge proposal submitted")
    UITDAGING_BEANTWOORD = "uitdaging.beantwoord", _("Right-to-challenge proposal answered")
    UITDAGING_AANGEVULD = "uitdaging.aangevuld", _("Right-to-challenge proposal supplemented")
    # Issue 14, point 1: consultation of a draft call.
    CONSULTATIE_GEOPEND = "consultatie.geopend", _("Draft opened for consultation")
    CONSULTATIE_GESLOTEN = "consultatie.gesloten", _("Consultation closed")
    CONSULTATIE_REACTIE = "consultatie.reactie", _("Reaction to a draft call")
    CONSULTATIE_REACTIE_BEANTWOORD = (
        "consultatie.reactie_beantwoord",
        _("Reaction to a draft call answered"),
    )
    ORGANISATIE_AANGEMAAKT = "organisatie.aangemaakt", _("Organisation registered")
    ORGANISATIE_LID_TOEGEVOEGD = "organisatie.lid_toegevoegd", _("Member added to organisation")
    ORGANISATIE_GEWIJZIGD = "organisatie.gewijzigd", _("Organisation profile changed")
    ORGANISATIE_LID_UITGENODIGD = "organisatie.lid_uitgenodigd", _("Colleague invited")
    ORGANISATIE_UITNODIGING_AANGENOMEN = (
        "organisatie.uitnodiging_aangenomen",
        _("Invitation to an organisation accepted"),
    )
    ORGANISATIE_LID_VERWIJDERD = "organisatie.lid_verwijderd", _("Member removed from organisation")
    ORGANISATIE_UITNODIGING_INGETROKKEN = (
        "organisatie.uitnodiging_ingetrokken",
        _("Invitation to an organisation withdrawn"),
    )
    ORGANISATIE_LID_ROL_GEWIJZIGD = "organisatie.lid_rol_gewijzigd", _("Member's role changed")
    INTERESSE_GETOOND = "partnerbord.interesse", _("Interest shown on the partner board")
    INTERESSE_INGETROKKEN = "partnerbord.interesse_ingetrokken", _("Interest withdrawn")
    BERICHT_VERSTUURD = "partnerbord.bericht", _("Message sent to an organisation")
    TRAJECT_UITNODIGING_VERSTUURD = (
        "partnerbord.uitnodiging",
        _("Organisation invited to a trajectory"),
    )
    SLEUTELPARTIJ_AANGEWEZEN = "partnerbord.sleutelpartij", _("Key party marked")
    SLEUTELPARTIJ_INGETROKKEN = "partnerbord.sleutelpartij_ingetrokken", _("Key party unmarked")
    COALITIE_GEVORMD = "coalitie.gevormd", _("Coalition formed")
    COALITIE_GEWIJZIGD = "coalitie.gewijzigd", _("Coalition changed")
    COALITIE_PARTNER_UITGENODIGD = (
        "coalitie.partner_uitgenodigd",
        _("Organisation invited into a coalition"),
    )
    COALITIE_PARTNER_GEACCEPTEERD = (
        "coalitie.partner_geaccepteerd",
        _("Invitation into a coalition accepted"),
    )
    COALITIE_PARTNER_AFGEWEZEN = (
        "coalitie.partner_afgewezen",
        _("Invitation into a coalition declined"),
    )
    COALITIE_PARTNER_GEWIJZIGD = "coalitie.partner_gewijzigd", _("Partner's role or share changed")
    COALITIE_PARTNER_VERTROKKEN = "coalitie.partner_vertrokken", _("Partner left the coalition")
    COALITIE_VERGRENDELD = "coalitie.vergrendeld", _("Coalition locked by a submitted bid")
    COALITIE_GEOPEND = "coalitie.geopend", _("Coalition opened for a new bid version")
    # Issue 13, rule 1: a key party's commitment; a subcontractor's declaration per lot.
    COALITIE_TOEZEGGING = "coalitie.toezegging", _("Key party's commitment written")
    ONAFHANKELIJKHEID_VERKLAARD = (
        "organisatie.onafhankelijkheid",
        _("Declaration of independence signed"),
    )
    COMMISSIELID_TOEGEVOEGD = "commissie.lid_toegevoegd", _("Committee member added")
    COMMISSIELID_GEWIJZIGD = "commissie.lid_gewijzigd", _("Committee member's details changed")
    COMMISSIELID_VERWIJDERD = "commissie.lid_verwijderd", _("Committee member removed")
    BOD_CONCEPT_OPGESLAGEN = "bod.concept_opgeslagen", _("Draft bid saved")
    BOD_BIJLAGE_TOEGEVOEGD = "bod.bijlage_toegevoegd", _("Attachment added to a bid")
    BOD_BIJLAGE_VERWIJDERD = "bod.bijlage_verwijderd", _("Attachment removed from a bid")
    BOD_INGEDIEND = "bod.ingediend", _("Bid submitted")
    BOD_GEWIJZIGD = "bod.gewijzigd", _("New version of a bid submitted")
    BOD_INGETROKKEN = "bod.ingetrokken", _("Bid withdrawn")
    BOD_TE_LAAT = "bod.te_laat", _("Late bid refused")
    KLUIS_OPENING_GESTART = "kluis.opening_gestart", _("Opening of the vault started")
    KLUIS_GEOPEND = "kluis.geopend", _("Vault opened")
    VERKLARING_GETEKEND = "commissie.verklaring", _("Conflict-of-interest declaration signed")
    GEHEIMHOUDING_GETEKEND = "commissie.geheimhouding", _("Confidentiality declaration signed")
    SCORE_OPGESLAGEN = "commissie.score", _("Score saved")
    BEOORDELING_INGEDIEND = "commissie.beoordeling_ingediend", _("Assessment submitted")
    SELECTIE_OPGESLAGEN = "selectie.opgeslagen", _("Selection for the elaborated plan drafted")
    SELECTIE_VERSTUURD = "selectie.verstuurd", _("Selection for the elaborated plan sent")
    # Issue 14, point 9: the development fee per invited bid.
    ONTWIKKELVERGOEDING_TOEGEKEND = (
        "ontwikkelvergoeding.toegekend",
        _("Development fee granted to a bid invited to elaborate"),
    )
    ONTWIKKELVERGOEDING_BETAALD = (
        "ontwikkelvergoeding.betaald",
        _("Payment of a development fee recorded"),
    )
    CONSENSUSOVERLEG_GEPLAND = "consensus.gepland", _("Consensus meeting planned")
    CONSENSUS_VASTGELEGD = "consensus.vastgelegd", _("Consensus score recorded")
    CONSENSUS_VASTGESTELD = "consensus.vastgesteld", _("Consensus agreed and closed")
    CONSENSUS_AANWEZIGHEID = "consensus.aanwezigheid", _("Attendance of the consensus recorded")
    CONSENSUS_BEVESTIGD = "consensus.bevestigd", _("Consensus confirmed by a member")
    CONSENSUS_CRITERIUM_VERVALLEN = (
        "consensus.criterium_vervallen",
        _("Criterion dropped for every bid of a lot"),
    )
    CONSENSUS_CRITERIUM_HERSTELD = (
        "consensus.criterium_hersteld",
        _("Dropped criterion counts again for a lot"),
    )
    BODGESPREK_GEPLAND = "bodgesprek.gepland", _("Conversation with a bidder planned")
    BODGESPREK_GEANNULEERD = "bodgesprek.geannuleerd", _("Conversation with a bidder cancelled")
    GESPREKSNOTITIE_VASTGELEGD = "bodgesprek.notitie", _("Conversation note recorded")
    BODGESPREK_VERSLAG = "bodgesprek.verslag", _("Record of a conversation sent to the bidder")
    GUNNING_BESLOTEN = "gunning.besloten", _("Award decision recorded")
    GUNNING_VERSTUURD = "gunning.verstuurd", _("Award letters sent")
    BEZWAAR_VASTGELEGD = "gunning.bezwaar", _("Objection recorded")
    BEZWAAR_AFGEHANDELD = "gunning.bezwaar_afgehandeld", _("Objection settled")
    UITSPRAAK_VASTGELEGD = "gunning.uitspraak", _("Judgment in a summary court case recorded")
    GUNNING_ONDERTEKEND = "gunning.ondertekend", _("Agreement signed after the award")
    SUBSIDIEBESLUIT_VASTGELEGD = (
        "subsidie.besluit",
        _("Decision on a subsidy application recorded"),
    )
    SUBSIDIEBESLUIT_VERSTUURD = (
        "subsidie.verstuurd",
        _("Decision on a subsidy application sent"),
    )
    TOELICHTING_BUURT_GEPUBLICEERD = (
        "gunning.toelichting_buurt",
        _("Committee's explanation to the neighbourhood published"),
    )
    # Issue 14, point 3: the covenant route (a plan written with one existing initiative).
    CONVENANT_INITIATIEF_BENOEMD = "convenant.initiatief", _("Initiative of a covenant named")
    CONVENANT_PLAN_OPGESLAGEN = "convenant.plan", _("New version of a covenant plan saved")
    CONVENANT_AKKOORD = "convenant.akkoord", _("Agreement to a version of a covenant plan")
    CONVENANT_VASTGESTELD = "convenant.vastgesteld", _("Covenant plan agreed by both sides")
    # Issue 14, burgeraanbesteding: the residents' budget and its quotes.
    BUURTBUDGET_BETROKKENHEID = (
        "buurtbudget.betrokkenheid",
        _("Representative's involvement in a supplier declared"),
    )
    BUURTBUDGET_OPDRACHT = "buurtbudget.opdracht", _("Assignment of a residents' budget added")
    BUURTBUDGET_OFFERTE_GEVRAAGD = "buurtbudget.offerte_gevraagd", _("Quote asked")
    BUURTBUDGET_OFFERTE_ONTVANGEN = "buurtbudget.offerte_ontvangen", _("Quote received")
    BUURTBUDGET_KEUZE = "buurtbudget.keuze", _("Quote chosen by the representatives")
    BUURTBUDGET_GOEDGEKEURD = "buurtbudget.goedgekeurd", _("Choice of a quote approved")
    BUURTBUDGET_AFGEWEZEN = "buurtbudget.afgewezen", _("Choice of a quote not approved")
