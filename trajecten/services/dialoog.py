"""The dialogue (issue 4, items 6 and 7): sessions and registrations, questions, answers, notas.

Every transition runs under `transaction.atomic` with its row locked, checks the state,
writes its audit event in the same transaction and notifies through
`aanbesteden.notifications.notify` (mail after commit).

Registration without an account: the person gives a name and an e-mail address. We look
up the account with that address (case-insensitive) or make a *light account*: no usable
password, the name, and an unverified e-mail address. Such a person can later log in with
a code sent to that address (allauth's login by code), which also verifies the address.
So reminders and changes reach them through the one notification path.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower, Trim
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import audit, notifications, weergave
from aanbesteden.constants import AuditEventType
from aanbesteden.services import DomainError, NotAllowed, account_voor, is_medewerker
from trajecten.constants import FASE_STAAT_TOE, UitvraagAanleiding
from trajecten.models import Aanmelding, Bijeenkomst, Nota, Perceel, Vraag
from trajecten.selectors.dialoog import nota_minimum_dagen, nota_te_laat
from trajecten.services import traject_vergrendeld

BIJEENKOMST_VELDEN = (
    "titel",
    "soort",
    "omschrijving",
    "begint_op",
    "eindigt_op",
    "locatie",
    "online_link",
    "capaciteit",
    "max_per_organisatie",
)
# A change of these fields is news for the people registered.
PRAKTISCHE_VELDEN = ("begint_op", "eindigt_op", "locatie", "online_link")


def _onderwerp(message, **values):
    """Subjects of notifications are Dutch, like their text, whoever's request sends them."""
    with translation.override("nl"):
        return str(message) % values


def _officer_only(actor, traject, message):
    if actor is None or not is_medewerker(actor, traject.gemeente):
        raise NotAllowed(message)


def _organisatie(value):
    """Organisation names compare trimmed, with inner spaces collapsed, case-insensitive."""
    return " ".join((value or "").split())


# Sessions


def _check_bijeenkomst_velden(velden):
    onbekend = set(velden) - set(BIJEENKOMST_VELDEN)
    if onbekend:
        raise TypeError(f"Unknown fields for a session: {', '.join(sorted(onbekend))}")
    if not (velden.get("titel") or "").strip():
        raise DomainError(_("Give the session a title."))
    begint_op, eindigt_op = velden.get("begint_op"), velden.get("eindigt_op")
    if begint_op is None or eindigt_op is None:
        raise DomainError(_("Give the start and the end of the session."))
    if eindigt_op <= begint_op:
        raise DomainError(_("The session must end after it starts."))
    if not (velden.get("locatie") or "").strip() and not (velden.get("online_link") or "").strip():
        raise DomainError(_("Give a place, an online link, or both."))
    for veld in ("capaciteit", "max_per_organisatie"):
        if velden.get(veld) is not None and velden[veld] < 1:
            raise DomainError(_("A number of places must be at least 1, or empty for no limit."))


def bijeenkomst_plannen(*, actor, traject, **velden):
    """An officer plans a session of `traject` (also while it is still a draft)."""
    velden.setdefault("omschrijving", "")
    velden.setdefault("locatie", "")
    velden.setdefault("online_link", "")
    _check_bijeenkomst_velden(velden)
    with transaction.atomic():
        # The trajectory row makes a double click wait, and then find the first session.
        traject = traject_vergrendeld(traject)
        _officer_only(actor, traject, _("Only officers of this municipality plan sessions."))
        if velden["begint_op"] <= timezone.now():
            raise DomainError(_("A session must start in the future."))
        dubbel = Bijeenkomst.objects.filter(
            traject=traject, titel=velden["titel"], begint_op=velden["begint_op"]
        ).first()
        if dubbel is not None:
            return dubbel
        bijeenkomst = Bijeenkomst.objects.create(traject=traject, **velden)
        audit.record(
            AuditEventType.BIJEENKOMST_GEPLAND,
            actor=actor,
            target=bijeenkomst,
            gemeente=traject.gemeente,
            detail={
                "traject": traject.pk,
                "titel": bijeenkomst.titel,
                "begint_op": bijeenkomst.begint_op.isoformat(),
            },
        )
    return bijeenkomst


def bijeenkomst_wijzigen(*, actor, bijeenkomst, **velden):
    """An officer changes a session; a new date, time or place is sent to each person registered."""
    with transaction.atomic():
        bijeenkomst = (
            Bijeenkomst.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=bijeenkomst.pk)
        )
        traject = bijeenkomst.traject
        _officer_only(actor, traject, _("Only officers of this municipality change sessions."))
        nieuw = {veld: getattr(bijeenkomst, veld) for veld in BIJEENKOMST_VELDEN}
        nieuw.update(velden)
        _check_bijeenkomst_velden(nieuw)
        gewijzigd = {
            veld: (getattr(bijeenkomst, veld), waarde)
            for veld, waarde in velden.items()
            if getattr(bijeenkomst, veld) != waarde
        }
        if not gewijzigd:
            return bijeenkomst
        nu = timezone.now()
        if "begint_op" in gewijzigd and nieuw["begint_op"] <= nu:
            raise DomainError(_("A session cannot be moved to a moment in the past."))
        if bijeenkomst.eindigt_op <= nu and set(gewijzigd) & set(PRAKTISCHE_VELDEN):
            raise DomainError(_("This session is over: its date and place can no longer change."))
        if "capaciteit" in gewijzigd and nieuw["capaciteit"] is not None:
            aantal = bijeenkomst.aanmeldingen.count()
            if nieuw["capaciteit"] < aantal:
                raise DomainError(
                    _(
                        "%(aantal)s people are already registered: the number of places "
                        "cannot be lower."
                    )
                    % {"aantal": aantal}
                )
        for veld, (_oud, waarde) in gewijzigd.items():
            setattr(bijeenkomst, veld, waarde)
        bijeenkomst.save(update_fields=list(gewijzigd))
        audit.record(
            AuditEventType.BIJEENKOMST_GEWIJZIGD,
            actor=actor,
            target=bijeenkomst,
            gemeente=traject.gemeente,
            detail={
                "traject": traject.pk,
                "wijzigingen": {
                    veld: [_json(oud), _json(waarde)] for veld, (oud, waarde) in gewijzigd.items()
                },
            },
        )
        if set(gewijzigd) & set(PRAKTISCHE_VELDEN):
            # One registration per person per session (unique constraint): each is told once.
            for aanmelding in bijeenkomst.aanmeldingen.select_related("user"):
                notifications.notify(
                    aanmelding.user,
                    onderwerp=_onderwerp(
                        gettext_lazy("Changed: %(titel)s"), titel=bijeenkomst.titel
                    ),
                    template="trajecten/mail/dialoog_bijeenkomst_gewijzigd.txt",
                    context={"bijeenkomst": bijeenkomst, "traject": traject},
                    url=bijeenkomst.get_absolute_url(),
                )
    return bijeenkomst


def _json(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def aanmelden(*, bijeenkomst, naam, email, organisatie="", user=None):
    """Register a person for a session. A second registration returns the first one."""
    naam = " ".join((naam or "").split())
    organisatie = _organisatie(organisatie)
    with transaction.atomic():
        # The session row is the lock: two registrations for the last place wait for each other.
        bijeenkomst = (
            Bijeenkomst.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=bijeenkomst.pk)
        )
        traject = bijeenkomst.traject
        if not traject.is_gepubliceerd:
            raise DomainError(_("You cannot register yet: this trajectory is not published."))
        if traject.actieve_fase not in FASE_STAAT_TOE["aanmelden_bijeenkomst"]:
            raise DomainError(_("In this phase you cannot register for sessions."))
        if user is None or not user.is_authenticated:
            user = account_voor(naam=naam, email=email)
        bestaande = Aanmelding.objects.filter(bijeenkomst=bijeenkomst, user=user).first()
        if bestaande is not None:
            return bestaande
        if timezone.now() >= bijeenkomst.begint_op:
            raise DomainError(_("This session has already started: you can no longer register."))
        aantal = Aanmelding.objects.filter(bijeenkomst=bijeenkomst).count()
        if bijeenkomst.capaciteit is not None and aantal >= bijeenkomst.capaciteit:
            raise DomainError(_("This session is full."))
        if organisatie and bijeenkomst.max_per_organisatie is not None:
            van_organisatie = (
                Aanmelding.objects.filter(bijeenkomst=bijeenkomst)
                .annotate(org=Lower(Trim("organisatie")))
                .filter(org=organisatie.lower())
                .count()
            )
            if van_organisatie >= bijeenkomst.max_per_organisatie:
                raise DomainError(
                    _(
                        "%(organisatie)s already has %(aantal)s registrations for this "
                        "session. That is the most per organisation."
                    )
                    % {"organisatie": organisatie, "aantal": van_organisatie}
                )
        aanmelding = Aanmelding.objects.create(
            bijeenkomst=bijeenkomst,
            user=user,
            naam=naam or user.get_full_name(),
            organisatie=organisatie,
        )
        audit.record(
            AuditEventType.BIJEENKOMST_AANGEMELD,
            actor=user,
            target=bijeenkomst,
            gemeente=traject.gemeente,
            detail={"traject": traject.pk, "aanmelding": aanmelding.pk},
        )
        notifications.notify(
            user,
            onderwerp=_onderwerp(
                gettext_lazy("You are registered: %(titel)s"), titel=bijeenkomst.titel
            ),
            template="trajecten/mail/dialoog_aangemeld.txt",
            context={"bijeenkomst": bijeenkomst, "traject": traject, "aanmelding": aanmelding},
            url=bijeenkomst.get_absolute_url(),
        )
    return aanmelding


def afmelden(*, actor, aanmelding):
    """The registrant cancels their registration before the session starts."""
    with transaction.atomic():
        bijeenkomst = (
            Bijeenkomst.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=aanmelding.bijeenkomst_id)
        )
        aanmelding = Aanmelding.objects.filter(pk=aanmelding.pk).first()
        if aanmelding is None:
            return None
        if actor is None or actor.pk != aanmelding.user_id:
            raise NotAllowed(_("Only the person registered can cancel this registration."))
        if timezone.now() >= bijeenkomst.begint_op:
            raise DomainError(_("This session has already started: you can no longer cancel."))
        pk = aanmelding.pk
        aanmelding.delete()
        audit.record(
            AuditEventType.BIJEENKOMST_AFGEMELD,
            actor=actor,
            target=bijeenkomst,
            gemeente=bijeenkomst.traject.gemeente,
            detail={"traject": bijeenkomst.traject_id, "aanmelding": pk},
        )
    return None


def verslag_publiceren(*, actor, bijeenkomst, verslag):
    """An officer publishes the report of a session that is over; followers and registered
    parties are told the first time. A later call with a new text updates it."""
    verslag = (verslag or "").strip()
    with transaction.atomic():
        bijeenkomst = (
            Bijeenkomst.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=bijeenkomst.pk)
        )
        traject = bijeenkomst.traject
        _officer_only(actor, traject, _("Only officers of this municipality publish reports."))
        if not traject.is_gepubliceerd:
            raise DomainError(_("Publish the trajectory first."))
        if timezone.now() < bijeenkomst.eindigt_op:
            raise DomainError(_("The report can be published once the session is over."))
        if not verslag:
            raise DomainError(_("Write the report first."))
        eerste_keer = bijeenkomst.verslag_gepubliceerd_op is None
        if not eerste_keer and bijeenkomst.verslag == verslag:
            return bijeenkomst
        bijeenkomst.verslag = verslag
        bijeenkomst.verslag_gepubliceerd_op = timezone.now()
        bijeenkomst.save(update_fields=["verslag", "verslag_gepubliceerd_op"])
        audit.record(
            AuditEventType.VERSLAG_GEPUBLICEERD,
            actor=actor,
            target=bijeenkomst,
            gemeente=traject.gemeente,
            detail={"traject": traject.pk, "bijgewerkt": not eerste_keer},
        )
        if eerste_keer:
            from trajecten.services.publicatie import belanghebbenden_informeren

            belanghebbenden_informeren(
                traject=traject,
                onderwerp=_onderwerp(
                    gettext_lazy("Report published: %(titel)s"), titel=bijeenkomst.titel
                ),
                template="trajecten/mail/dialoog_verslag.txt",
                context={"bijeenkomst": bijeenkomst},
                url=bijeenkomst.get_absolute_url(),
                behalve=(actor,),
            )
    return bijeenkomst


# Questions and the nota van inlichtingen


def _team_van(traject):
    """The officers to tell about a question: the trajectory's team and its maker, if they
    are officers of its gemeente; otherwise every officer of the gemeente."""
    User = get_user_model()
    officers = User.objects.filter(is_active=True, medewerkerschappen__gemeente=traject.gemeente)
    team = officers.filter(
        Q(medewerkerschappen__teams__traject=traject) | Q(pk=traject.aangemaakt_door_id)
    ).distinct()
    return list(team) or list(officers.distinct())


def vraag_stellen(*, actor, traject, tekst, perceel=None):
    """A logged-in visitor asks a question before the question deadline (the server clock
    decides, to the second). A double submission returns the first question."""
    tekst = (tekst or "").strip()
    if actor is None or not actor.is_authenticated:
        raise NotAllowed(_("Log in to ask a question."))
    with transaction.atomic():
        # The trajectory row serialises questions and notas of one trajectory.
        traject = traject_vergrendeld(traject)
        nu = timezone.now()
        if not traject.is_gepubliceerd:
            raise DomainError(_("Questions can be asked once the trajectory is published."))
        if traject.actieve_fase not in FASE_STAAT_TOE["vraag_stellen"]:
            raise DomainError(_("In this phase no more questions can be asked."))
        if traject.vragen_sluit is None:
            raise DomainError(_("There is no deadline for questions yet, so you cannot ask one."))
        if nu >= traject.vragen_sluit:
            raise DomainError(
                _(
                    "The deadline for questions has passed. Questions could be asked until "
                    "%(moment)s (Dutch time)."
                )
                % {"moment": weergave.moment(traject.vragen_sluit, "l j F Y, H:i:s")}
            )
        if not tekst:
            raise DomainError(_("Write your question."))
        if perceel is not None and perceel.traject_id != traject.pk:
            raise DomainError(_("This lot is not part of this trajectory."))
        dubbel = Vraag.objects.filter(
            traject=traject, gesteld_door=actor, tekst=tekst, nota__isnull=True
        ).first()
        if dubbel is not None:
            return dubbel
        vraag = Vraag.objects.create(
            traject=traject,
            perceel=Perceel.objects.get(pk=perceel.pk) if perceel is not None else None,
            gesteld_door=actor,
            tekst=tekst,
        )
        audit.record(
            AuditEventType.VRAAG_GESTELD,
            actor=actor,
            target=vraag,
            gemeente=traject.gemeente,
            to_state="open",
            detail={"traject": traject.pk, "perceel": perceel.pk if perceel else None},
        )
        from django.urls import reverse

        url = reverse("trajecten:vragen", args=[traject.pk])
        for officer in _team_van(traject):
            notifications.notify(
                officer,
                onderwerp=_onderwerp(gettext_lazy("New question: %(titel)s"), titel=traject.titel),
                template="trajecten/mail/dialoog_vraag_gesteld.txt",
                context={"traject": traject, "vraag": vraag},
                url=url,
            )
    return vraag


def vraag_beantwoorden(*, actor, vraag, antwoord):
    """An officer answers a question, or changes the answer, until it is published in a nota."""
    antwoord = (antwoord or "").strip()
    with transaction.atomic():
        vraag = (
            Vraag.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=vraag.pk)
        )
        traject = vraag.traject
        _officer_only(actor, traject, _("Only officers of this municipality answer questions."))
        if vraag.nota_id is not None:
            raise DomainError(_("This answer is published in a nota and can no longer change."))
        if not antwoord:
            raise DomainError(_("Write the answer."))
        if vraag.antwoord == antwoord:
            return vraag
        vorige = "beantwoord" if vraag.antwoord else "open"
        vraag.antwoord = antwoord
        vraag.beantwoord_door = actor
        vraag.beantwoord_op = timezone.now()
        vraag.save(update_fields=["antwoord", "beantwoord_door", "beantwoord_op"])
        audit.record(
            AuditEventType.VRAAG_BEANTWOORD,
            actor=actor,
            target=vraag,
            gemeente=traject.gemeente,
            from_state=vorige,
            to_state="beantwoord",
            detail={"traject": traject.pk},
        )
    return vraag


def nota_publiceren(*, actor, traject):
    """Publish every answered, unpublished question of `traject` in one new numbered nota,
    to everyone at once, without the askers' names, with a PDF."""
    from trajecten.documents import uitvraag_aanvragen
    from trajecten.documents_dialoog import nota_aanvragen
    from trajecten.services.publicatie import belanghebbenden_informeren

    with transaction.atomic():
        # Locking the trajectory makes a double click wait, and then find nothing to publish.
        traject = traject_vergrendeld(traject)
        _officer_only(actor, traject, _("Only officers of this municipality publish a nota."))
        if not traject.is_gepubliceerd:
            raise DomainError(_("Publish the trajectory first."))
        if traject.actieve_fase not in FASE_STAAT_TOE["nota_publiceren"]:
            raise DomainError(_("In this phase no nota can be published."))
        vragen = list(
            Vraag.objects.select_for_update(of=("self",))
            .select_related("perceel")
            .filter(traject=traject, nota__isnull=True)
            .exclude(antwoord="")
            .order_by("gesteld_op", "id")
        )
        if not vragen:
            raise DomainError(_("There are no answered questions to publish."))
        nu = timezone.now()
        laatste_nota = (
            Nota.objects.filter(traject=traject)
            .order_by("-nummer")
            .values_list("nummer", flat=True)
        ).first()
        laatste_vraag = (
            Vraag.objects.filter(traject=traject, nummer__isnull=False)
            .order_by("-nummer")
            .values_list("nummer", flat=True)
        ).first()
        minimum = nota_minimum_dagen(traject)
        nota = Nota.objects.create(
            traject=traject,
            nummer=(laatste_nota or 0) + 1,
            gepubliceerd_op=nu,
            gepubliceerd_door=actor,
            minimum_dagen=minimum,
            te_laat=nota_te_laat(traject, op=nu),
        )
        for index, vraag in enumerate(vragen, start=(laatste_vraag or 0) + 1):
            vraag.nota = nota
            vraag.nummer = index
        Vraag.objects.bulk_update(vragen, ["nota", "nummer"])
        nota.document = nota_aanvragen(actor=actor, nota=nota, vragen=vragen)
        nota.save(update_fields=["document"])
        if traject.is_gepubliceerd:
            # The call lists "the Q&A so far": a new nota makes a new public version.
            uitvraag_aanvragen(
                actor=actor,
                traject=traject,
                aanleiding=UitvraagAanleiding.NOTA,
                openbaar=True,
            )
        audit.record(
            AuditEventType.NOTA_GEPUBLICEERD,
            actor=actor,
            target=nota,
            gemeente=traject.gemeente,
            to_state="gepubliceerd",
            detail={
                "traject": traject.pk,
                "nummer": nota.nummer,
                "vragen": [vraag.nummer for vraag in vragen],
                "minimum_dagen": minimum,
                "te_laat": nota.te_laat,
            },
        )
        from django.urls import reverse

        belanghebbenden_informeren(
            traject=traject,
            onderwerp=_onderwerp(
                gettext_lazy("Q&A note %(nummer)s published: %(titel)s"),
                nummer=nota.nummer,
                titel=traject.titel,
            ),
            template="trajecten/mail/dialoog_nota.txt",
            context={"nota": nota, "aantal": len(vragen)},
            url=reverse("trajecten:nota", args=[traject.pk, nota.nummer]),
            behalve=(actor,),
        )
    return nota
