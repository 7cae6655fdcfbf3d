"""Pages: the award. Officers of the gemeente decide per lot, send the letters to every
bidder at one moment, record objections and the signing; officers and the committee's
chair write the explanation to the neighbourhood; a bidder downloads its own letter.
Anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aanbesteden.exceptions import DomainError
from aanbesteden.invoer import id_uit
from aanbesteden.middleware import ontvangen_op
from aanbesteden.selectors import gemeente_ids_van
from beoordeling.documents.gunning import bieder_naam
from beoordeling.forms.gunning import AfhandelenForm, BesluitForm, BezwaarForm, ToelichtingForm
from beoordeling.models import Gunningsbrief
from beoordeling.selectors import gunning as selectors
from beoordeling.services import gunning as services
from trajecten.models import Traject


def _int(waarde):
    return id_uit(waarde)


def _keuze_label(kandidaat):
    naam = bieder_naam(kandidaat.bod)
    if kandidaat.rang is None:
        return naam
    if kandidaat.totaal is not None:
        return _("%(naam)s: rank %(rang)s, total %(totaal)s") % {
            "naam": naam,
            "rang": kandidaat.rang,
            "totaal": kandidaat.totaal,
        }
    return _("%(naam)s: rank %(rang)s") % {"naam": naam, "rang": kandidaat.rang}


def _forms(request, regels, actie, doel):
    """Attach to each lot its forms, bound to POST for the one the officer submitted."""
    for regel in regels:
        gunning = regel.gunning
        post = request.POST if actie == "besluiten" and doel == regel.perceel.pk else None
        initial = {}
        if gunning is not None:
            initial = {
                "winnend_bod": gunning.winnend_bod_id,
                "motivatie": gunning.motivatie,
                "kenmerken": gunning.kenmerken,
            }
        regel.besluit_form = BesluitForm(
            post,
            prefix=f"besluit-{regel.perceel.pk}",
            initial=initial,
            keuzes=[(k.bod.pk, _keuze_label(k)) for k in regel.kandidaten],
        )
        regel.bezwaar_form = None
        if regel.verstuurd:
            post = request.POST if actie == "bezwaar" and doel == gunning.pk else None
            regel.bezwaar_form = BezwaarForm(
                post,
                prefix=f"bezwaar-{gunning.pk}",
                keuzes=[(b.bod_id, bieder_naam(b.bod)) for b in gunning.brieven.all()],
            )
            for bezwaar in gunning.bezwaren.all():
                post = request.POST if actie == "afhandelen" and doel == bezwaar.pk else None
                bezwaar.form = AfhandelenForm(post, prefix=f"afhandelen-{bezwaar.pk}")
    return regels


def _regel(regels, **kwargs):
    veld, waarde = next(iter(kwargs.items()))
    for regel in regels:
        if veld == "perceel" and regel.perceel.pk == waarde:
            return regel
        if veld == "gunning" and regel.gunning is not None and regel.gunning.pk == waarde:
            return regel
    raise Http404


def _verwerk(request, traject, regels, actie, doel):
    """Handle one POST; returns a redirect on success, or None to show the page again with
    the form's errors."""
    moment = ontvangen_op(request)
    try:
        if actie == "besluiten":
            regel = _regel(regels, perceel=doel)
            form = regel.besluit_form
            if not form.is_valid():
                return None
            bod = next(
                (k.bod for k in regel.kandidaten if k.bod.pk == form.cleaned_data["winnend_bod"]),
                None,
            )
            services.gunning_besluiten(
                actor=request.user,
                perceel=regel.perceel,
                winnend_bod=bod,
                motivatie=form.cleaned_data["motivatie"],
                kenmerken=form.cleaned_data["kenmerken"],
            )
            messages.success(
                request,
                _("The decision for lot %(perceel)s is saved.") % {"perceel": regel.perceel},
            )
        elif actie == "versturen":
            regel = _regel(regels, gunning=doel)
            services.gunning_versturen(
                actor=request.user, gunning=regel.gunning, ontvangen_op=moment
            )
            messages.success(
                request,
                _("The letters for lot %(perceel)s have been sent to every bidder.")
                % {"perceel": regel.perceel},
            )
        elif actie == "bezwaar":
            regel = _regel(regels, gunning=doel)
            form = regel.bezwaar_form
            if form is None:
                raise DomainError(
                    _("An objection can be recorded only after the letters are sent.")
                )
            if not form.is_valid():
                return None
            bod_id = form.cleaned_data["bod"]
            bod = next((b.bod for b in regel.gunning.brieven.all() if b.bod_id == bod_id), None)
            services.bezwaar_vastleggen(
                actor=request.user,
                gunning=regel.gunning,
                omschrijving=form.cleaned_data["omschrijving"],
                ontvangen_op=moment,
                bod=bod,
            )
            messages.success(
                request, _("The objection is recorded. Nothing can be signed until it is settled.")
            )
        elif actie == "afhandelen":
            bezwaar = next(
                (
                    b
                    for r in regels
                    if r.gunning is not None
                    for b in r.gunning.bezwaren.all()
                    if b.pk == doel
                ),
                None,
            )
            if bezwaar is None:
                raise Http404
            if not bezwaar.form.is_valid():
                return None
            services.bezwaar_afhandelen(
                actor=request.user, bezwaar=bezwaar, uitkomst=bezwaar.form.cleaned_data["uitkomst"]
            )
            messages.success(request, _("The objection is settled."))
        elif actie == "ondertekenen":
            regel = _regel(regels, gunning=doel)
            services.ondertekening_vastleggen(
                actor=request.user, gunning=regel.gunning, ontvangen_op=moment
            )
            messages.success(
                request,
                _("The signing of the agreement for lot %(perceel)s is recorded.")
                % {"perceel": regel.perceel},
            )
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("beoordeling:gunning", traject.pk)


@login_required
def gunning(request, traject_pk):
    try:
        traject = selectors.traject_voor_gunning(request.user, traject_pk)
    except Traject.DoesNotExist as exc:
        raise Http404 from exc
    actie = request.POST.get("actie") if request.method == "POST" else None
    doel = _int(request.POST.get("doel")) if actie else None
    regels = _forms(request, selectors.gunningsoverzicht(traject), actie, doel)
    if actie:
        response = _verwerk(request, traject, regels, actie, doel)
        if response is not None:
            return response
    nu = ontvangen_op(request)
    for regel in regels:
        gunning = regel.gunning
        regel.ondertekenen_vanaf = selectors.ondertekenen_vanaf(gunning) if gunning else None
        regel.standstill_loopt = (
            regel.ondertekenen_vanaf is not None and nu < regel.ondertekenen_vanaf
        )
        regel.kan_ondertekenen = (
            regel.verstuurd
            and gunning.ondertekend_op is None
            and not regel.standstill_loopt
            and not regel.open_bezwaren
        )
    return render(
        request,
        "beoordeling/gunning/gunning.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "regels": regels,
            "heeft_standstill": selectors.heeft_standstill(traject),
        },
    )


@login_required
def toelichting(request, traject_pk):
    try:
        traject = selectors.traject_voor_toelichting(request.user, traject_pk)
    except Traject.DoesNotExist as exc:
        raise Http404 from exc
    gunningen = list(selectors.gunningen_van(traject))
    doel = _int(request.POST.get("doel")) if request.method == "POST" else None
    for g in gunningen:
        g.form = ToelichtingForm(
            request.POST if doel == g.pk else None,
            prefix=f"toelichting-{g.pk}",
            initial={"tekst": g.toelichting_buurt},
        )
    if request.method == "POST":
        gekozen = next((g for g in gunningen if g.pk == doel), None)
        if gekozen is None:
            raise Http404
        if gekozen.form.is_valid():
            try:
                services.toelichting_publiceren(
                    actor=request.user, gunning=gekozen, tekst=gekozen.form.cleaned_data["tekst"]
                )
            except DomainError as exc:
                gekozen.form.add_error(None, str(exc))
            else:
                if gekozen.verstuurd_op:
                    melding = _("The explanation is on the public page of the trajectory.")
                else:
                    melding = _(
                        "The explanation is saved. It appears on the public page once the "
                        "letters are sent."
                    )
                messages.success(request, melding)
                return redirect("beoordeling:gunning_toelichting", traject.pk)
    return render(
        request,
        "beoordeling/gunning/toelichting.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "gunningen": gunningen,
            "is_officier": traject.gemeente_id in gemeente_ids_van(request.user),
        },
    )


@login_required
@require_GET
def gunningsbrief(request, pk):
    """A letter as PDF: to the bidder it was sent about, and to the gemeente's officers."""
    try:
        brief = selectors.brief_voor(request.user, pk)
    except Gunningsbrief.DoesNotExist as exc:
        raise Http404 from exc
    document = brief.document
    if document is None or not document.is_klaar:
        messages.info(request, _("The letter is being made. Try again in a moment."))
        if brief.gunning.traject.gemeente_id in gemeente_ids_van(request.user):
            return redirect("beoordeling:gunning", brief.gunning.traject_id)
        return redirect("beoordeling:bod", brief.bod_id)
    response = FileResponse(
        document.bestand.open("rb"),
        as_attachment=False,
        filename=f"gunningsbesluit-perceel-{brief.gunning.perceel_id}-bod-{brief.bod_id}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-SHA256"] = document.sha256
    return response


urlpatterns = [
    path("trajecten/<int:traject_pk>/gunning/", gunning, name="gunning"),
    path(
        "trajecten/<int:traject_pk>/gunning/toelichting/",
        toelichting,
        name="gunning_toelichting",
    ),
    path("gunningsbrieven/<int:pk>/", gunningsbrief, name="gunningsbrief"),
]
