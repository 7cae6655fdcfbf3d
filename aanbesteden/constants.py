from django.db import models
from django.utils.translation import gettext_lazy as _


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


class AuditEventType(models.TextChoices):
    """Every kind of event in the audit log, for the whole platform.

    One enumeration, so that timelines and proces-verbaal documents can be
    built from one table. Later phases add their members here.
    """

    GEMEENTE_AANGEMAAKT = "gemeente.aangemaakt", _("Municipality created")
    GEMEENTE_GEWIJZIGD = "gemeente.gewijzigd", _("Municipality settings changed")
    MEDEWERKER_TOEGEVOEGD = "medewerker.toegevoegd", _("Officer added to a municipality")
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
    ORGANISATIE_AANGEMAAKT = "organisatie.aangemaakt", _("Organisation registered")
    ORGANISATIE_LID_TOEGEVOEGD = "organisatie.lid_toegevoegd", _("Member added to organisation")
    COMMISSIELID_TOEGEVOEGD = "commissie.lid_toegevoegd", _("Committee member added")
