"""Pages: bieden. Starting a bid, the draft in steps, attachments, submitting, versions
with their receipts, withdrawing; my bids. Only the bidders see these pages (404 for
anyone else). Bid content is read through `selectors.kluis`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aanbesteden.exceptions import DomainError
from aanbesteden.invoer import id_uit
from aanbesteden.middleware import ontvangen_op
from beoordeling.constants import BodStatus, Ronde
from beoordeling.forms import bieden as forms
from beoordeling.models import Bijlage, Bod, BodVersie
from beoordeling.selectors import bieden as selectors
from beoordeling.selectors import gesprekken as gesprekken_selectors
from beoordeling.selectors import gunning as gunning_selectors
from beoordeling.selectors import kluis
from beoordeling.selectors import selectie as selectie_selectors
from beoordeling.services import bieden as services
from coalities.selectors import is_beheerder, is_lid
from trajecten import selectors as traject_selectors
from trajecten.models import Traject


def _bod_or_404(request, pk):
    try:
        return kluis.bod_voor_bieder(request.user, pk)
    except Bod.DoesNotExist as exc:
        raise Http404 from exc


def _traject_or_404(request, pk):
    try:
        traject = traject_selectors.traject_voor(request.user, pk)
    except Traject.DoesNotExist as exc:
        raise Http404 from exc
    if not traject.is_gepubliceerd:
        raise Http404
    return traject


def _fout(request, exc):
    messages.error(request, str(exc))


# --- starting a bid -------------------------------------------------------------------------


def _uitwerking_starten(request):
    try:
        hoofdlijnen = kluis.bod_voor_bieder(
            request.user, id_uit(request.POST.get("uitwerking_van"))
        )
    except (Bod.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    try:
        bod = services.bod_starten(
            actor=request.user,
            traject=hoofdlijnen.traject,
            perceel=hoofdlijnen.perceel,
            organisatie=hoofdlijnen.organisatie,
            coalitie=hoofdlijnen.coalitie,
            ronde=Ronde.UITWERKING,
            ontvangen_op=ontvangen_op(request),
        )
    except DomainError as exc:
        _fout(request, exc)
        return redirect("beoordeling:bod", pk=hoofdlijnen.pk)
    return redirect("beoordeling:bod", pk=bod.pk)


@login_required
@require_http_methods(["GET", "POST"])
def bod_nieuw(request, traject_pk):
    traject = _traject_or_404(request, traject_pk)
    if request.method == "POST" and "uitwerking_van" in request.POST:
        return _uitwerking_starten(request)
    bieders = selectors.bieders_voor(request.user, traject)
    form = forms.BodNieuwForm(request.POST or None, traject=traject, bieders=bieders)
    if request.method == "POST" and bieders and form.is_valid():
        bieder = form.cleaned_data["bieder"]
        try:
            bod = services.bod_starten(
                actor=request.user,
                traject=traject,
                perceel=form.cleaned_data["perceel"],
                organisatie=bieder.organisatie,
                coalitie=bieder.coalitie,
                ontvangen_op=ontvangen_op(request),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("beoordeling:bod", pk=bod.pk)
    return render(
        request,
        "beoordeling/bieden/nieuw.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "form": form,
            "heeft_bieder": bool(bieders),
            "deadline": kluis.deadline_van(traject, Ronde.HOOFDLIJNEN),
        },
    )


# --- the bidder's page ----------------------------------------------------------------------


def _open(bod, nu):
    deadline = kluis.deadline_van(bod.traject, bod.ronde)
    return deadline, deadline is not None and nu < deadline


@login_required
@require_http_methods(["GET", "POST"])
def bod(request, pk):
    bod = _bod_or_404(request, pk)
    if request.method == "POST":
        actie = request.POST.get("actie")
        try:
            if actie == "indienen":
                versie = services.bod_indienen(
                    actor=request.user, bod=bod, ontvangen_op=ontvangen_op(request)
                )
                messages.success(
                    request,
                    _("Your bid is submitted (version %(nummer)s).") % {"nummer": versie.nummer},
                )
            elif actie == "intrekken":
                services.bod_intrekken(
                    actor=request.user, bod=bod, ontvangen_op=ontvangen_op(request)
                )
                messages.success(request, _("Your bid is withdrawn."))
            else:
                raise Http404
        except DomainError as exc:
            _fout(request, exc)
        return redirect("beoordeling:bod", pk=bod.pk)

    nu = ontvangen_op(request)
    deadline, is_open = _open(bod, nu)
    concept = kluis.inhoud_van(request.user, bod) or {}
    partners = selectors.partners_van(bod)
    stappen = [
        {
            "stap": stap,
            "compleet": services.stap_compleet(stap, concept, partners),
            "url": reverse("beoordeling:bod_stap", args=[bod.pk, stap.slug]),
        }
        for stap in services.stappen_voor(bod.traject, bod.perceel)
    ]
    bijlagen = list(kluis.bijlagen_van(request.user, bod))
    versies = list(kluis.versies_voor(request.user, bod))
    laatste = versies[-1] if versies else None
    niet_ingediend = bool(
        laatste
        and bod.status == BodStatus.INGEDIEND
        and services.inhoud_hash(services.bevroren_inhoud(concept, bijlagen)) != laatste.sha256
    )
    # The selection for the elaborated plan: nothing of it until it is sent.
    uitslag = selectie_selectors.uitslag_voor_bieder(bod)
    uitwerking = None
    mag_uitwerking_starten = False
    if uitslag is not None and uitslag.uitgenodigd:
        uitwerking = selectors.uitwerking_van(bod)
        # The lead organisation starts it (its members); partners edit it once started.
        mag_uitwerking_starten = uitwerking is None and is_lid(request.user, bod.organisatie_id)
    return render(
        request,
        "beoordeling/bieden/bod.html",
        {
            "bod": bod,
            "traject": bod.traject,
            "gemeente": bod.traject.gemeente,
            "deadline": deadline,
            "is_open": is_open,
            "nu": nu,
            "stappen": stappen,
            "compleet": all(s["compleet"] for s in stappen),
            "partners": partners,
            "bijlagen": bijlagen,
            "versies": list(reversed(versies)),
            "mag_indienen": is_beheerder(request.user, bod.organisatie_id),
            "niet_ingediend": niet_ingediend,
            "uitwerking": uitwerking,
            "uitslag": uitslag,
            "mag_uitwerking_starten": mag_uitwerking_starten,
            # Parts after the scores: each fills its own include on this page.
            "gesprek": gesprekken_selectors.gesprek_voor_bieder(bod),
            "gunningsbrief": gunning_selectors.brief_voor_bieder(bod),
        },
    )


# --- the steps ------------------------------------------------------------------------------


def _stap_forms(stap, data, concept, partners):
    """The form (or formset) of a step, filled from the draft or from POST data."""
    if stap == "wie":
        return forms.WieForm(
            data, partners=partners, initial=forms.WieForm.initial_van(concept, partners)
        )
    if stap == "begroting":
        return forms.BegrotingFormSet(
            data,
            prefix="begroting",
            initial=concept.get("begroting") or [],
            form_kwargs={"partners": partners},
        )
    if stap == "financiering":
        return forms.FinancieringFormSet(
            data, prefix="financiering", initial=concept.get("financiering") or []
        )
    klasse = {
        "plan": forms.PlanForm,
        "planning": forms.PlanningForm,
        "verdienmodel": forms.VerdienmodelForm,
        "resultaten": forms.ResultatenForm,
        "sroi": forms.SroiForm,
    }[stap]
    waarde = concept.get(klasse.veld, "")
    return klasse(data, initial={klasse.veld: waarde if isinstance(waarde, str) else ""})


def _gegevens(stap, form):
    if stap == "begroting":
        return forms.begroting_gegevens(form)
    if stap == "financiering":
        return forms.financiering_gegevens(form)
    return form.gegevens()


def _bijlagen_post(request, bod):
    """Add or remove an attachment. Returns a form with the error to show, or None."""
    if request.POST.get("actie") == "verwijderen":
        bijlage = next(
            (
                b
                for b in kluis.bijlagen_van(request.user, bod)
                if str(b.pk) == request.POST.get("bijlage")
            ),
            None,
        )
        if bijlage is None:
            raise Http404
        try:
            services.bijlage_verwijderen(
                actor=request.user, bijlage=bijlage, ontvangen_op=ontvangen_op(request)
            )
        except DomainError as exc:
            _fout(request, exc)
        else:
            messages.success(request, _("The attachment is removed."))
        return None
    form = forms.BijlageForm(request.POST, request.FILES)
    if not form.is_valid():
        return form
    try:
        services.bijlage_toevoegen(
            actor=request.user,
            bod=bod,
            bestand=form.cleaned_data["bestand"],
            ontvangen_op=ontvangen_op(request),
        )
    except DomainError as exc:
        form.add_error("bestand", str(exc))
        return form
    messages.success(request, _("The attachment is added."))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def bod_stap(request, pk, stap):
    bod = _bod_or_404(request, pk)
    stappen = services.stappen_voor(bod.traject, bod.perceel)
    huidige = next((s for s in stappen if s.slug == stap), None)
    if huidige is None:
        raise Http404
    index = stappen.index(huidige)
    volgende = stappen[index + 1] if index + 1 < len(stappen) else None
    vorige = stappen[index - 1] if index > 0 else None
    nu = ontvangen_op(request)
    deadline, is_open = _open(bod, nu)
    htmx = bool(request.headers.get("HX-Request"))
    context = {
        "bod": bod,
        "traject": bod.traject,
        "gemeente": bod.traject.gemeente,
        "stap": huidige,
        "stappen": stappen,
        "nummer": index + 1,
        "volgende": volgende,
        "vorige": vorige,
        "deadline": deadline,
        "is_open": is_open,
        "nu": nu,
    }

    if stap == "bijlagen":
        form = forms.BijlageForm()
        if request.method == "POST":
            fout_form = _bijlagen_post(request, bod)
            if fout_form is None:
                return redirect("beoordeling:bod_stap", pk=bod.pk, stap=stap)
            form = fout_form
        context.update(form=form, bijlagen=list(kluis.bijlagen_van(request.user, bod)))
        return render(request, "beoordeling/bieden/stap_bijlagen.html", context)

    concept = kluis.inhoud_van(request.user, bod) or {}
    partners = selectors.partners_van(bod)
    form = _stap_forms(stap, request.POST if request.method == "POST" else None, concept, partners)
    if request.method == "POST":
        fout = None
        if form.is_valid():
            try:
                services.concept_opslaan(
                    actor=request.user,
                    bod=bod,
                    stap=stap,
                    gegevens=_gegevens(stap, form),
                    ontvangen_op=nu,
                )
            except DomainError as exc:
                fout = str(exc)
        else:
            fout = _("Not saved: check the fields marked with an error.")
        if htmx:
            return render(
                request,
                "beoordeling/bieden/_opgeslagen.html",
                {"fout": fout, "nu": nu},
            )
        if fout is None:
            messages.success(request, _("Saved."))
            if request.POST.get("na") == "volgende" and volgende is not None:
                return redirect("beoordeling:bod_stap", pk=bod.pk, stap=volgende.slug)
            if request.POST.get("na") == "overzicht":
                return redirect("beoordeling:bod", pk=bod.pk)
            return redirect("beoordeling:bod_stap", pk=bod.pk, stap=stap)
        if form.is_valid():
            messages.error(request, fout)
    context.update(form=form, is_formset=stap in ("begroting", "financiering"))
    return render(request, "beoordeling/bieden/stap.html", context)


# --- files ----------------------------------------------------------------------------------


@login_required
@require_GET
def bijlage(request, pk):
    try:
        bijlage = kluis.bijlage_voor(request.user, pk)
    except Bijlage.DoesNotExist as exc:
        raise Http404 from exc
    response = FileResponse(
        bijlage.bestand.open("rb"),
        as_attachment=True,
        filename=bijlage.naam,
        content_type=bijlage.mime,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Content-SHA256"] = bijlage.sha256
    return response


@login_required
@require_GET
def ontvangstbewijs(request, pk, nummer):
    bod = _bod_or_404(request, pk)
    try:
        versie = kluis.versies_voor(request.user, bod).get(nummer=nummer)
    except BodVersie.DoesNotExist as exc:
        raise Http404 from exc
    document = versie.ontvangstbewijs
    if document is None or not document.is_klaar:
        raise Http404
    response = FileResponse(
        document.bestand.open("rb"),
        as_attachment=True,
        filename=f"ontvangstbewijs-bod-{bod.pk}-versie-{versie.nummer}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-SHA256"] = document.sha256
    return response


# --- my bids --------------------------------------------------------------------------------


@login_required
@require_GET
def mijn_biedingen(request):
    nu = ontvangen_op(request)
    biedingen = []
    for b in kluis.eigen_biedingen(request.user):
        deadline = kluis.deadline_van(b.traject, b.ronde)
        biedingen.append(
            {"bod": b, "deadline": deadline, "is_open": deadline is not None and nu < deadline}
        )
    return render(
        request, "beoordeling/bieden/mijn_biedingen.html", {"biedingen": biedingen, "nu": nu}
    )


urlpatterns = [
    path("biedingen/", mijn_biedingen, name="mijn_biedingen"),
    path("trajecten/<int:traject_pk>/bod/nieuw/", bod_nieuw, name="bod_nieuw"),
    path("biedingen/<int:pk>/", bod, name="bod"),
    path("biedingen/<int:pk>/stap/<slug:stap>/", bod_stap, name="bod_stap"),
    path(
        "biedingen/<int:pk>/versies/<int:nummer>/ontvangstbewijs/",
        ontvangstbewijs,
        name="ontvangstbewijs",
    ),
    path("bijlagen/<int:pk>/", bijlage, name="bijlage"),
]
