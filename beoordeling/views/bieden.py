"""Pages: bieden. Starting a bid, the draft in steps, attachments, submitting, versions
with their receipts, withdrawing; my bids. Only the bidders see these pages (404 for
anyone else). Bid content is read through `selectors.kluis`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aanbesteden.exceptions import DomainError
from aanbesteden.middleware import ontvangen_op
from aanbesteden.pagina import of_404, uitvoeren
from beoordeling.constants import Ronde
from beoordeling.forms import bieden as forms
from beoordeling.selectors import bieden as bieden_selectors
from beoordeling.selectors import bodpagina, kluis
from beoordeling.selectors import prijs as prijs_selectors
from beoordeling.services import bieden as services
from trajecten import selectors as traject_selectors
from trajecten import sroi


def _traject_or_404(request, pk):
    traject = of_404(traject_selectors.traject_voor, request.user, pk)
    if not traject.is_gepubliceerd:
        raise Http404
    return traject


# --- starting a bid -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def bod_nieuw(request, traject_pk):
    traject = _traject_or_404(request, traject_pk)
    bieders = bieden_selectors.bieders_voor(request.user, traject)
    form = forms.BodNieuwForm(request.POST or None, traject=traject, bieders=bieders)
    if request.method == "POST" and bieders and form.is_valid():
        bieder = form.cleaned_data["bieder"]
        uitkomst = uitvoeren(
            request,
            services.bod_starten,
            form=form,
            actor=request.user,
            traject=traject,
            perceel=form.cleaned_data["perceel"],
            organisatie=bieder.organisatie,
            coalitie=bieder.coalitie,
            ontvangen_op=ontvangen_op(request),
        )
        if uitkomst:
            return redirect("beoordeling:bod", pk=uitkomst.waarde.pk)
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


def _bod_or_404(request, pk):
    return of_404(kluis.bod_voor_bieder, request.user, pk)


@login_required
@require_GET
def bod(request, pk):
    bod = _bod_or_404(request, pk)
    pagina = bodpagina.bodpagina(request.user, bod, ontvangen_op(request))
    return render(request, "beoordeling/bieden/bod.html", pagina.context())


@login_required
@require_POST
def bod_indienen(request, pk):
    bod = _bod_or_404(request, pk)
    uitkomst = uitvoeren(
        request,
        services.bod_indienen,
        actor=request.user,
        bod=bod,
        ontvangen_op=ontvangen_op(request),
    )
    if uitkomst:
        messages.success(
            request,
            _("Your bid is submitted (version %(nummer)s).") % {"nummer": uitkomst.waarde.nummer},
        )
    return redirect("beoordeling:bod", pk=bod.pk)


@login_required
@require_POST
def bod_intrekken(request, pk):
    bod = _bod_or_404(request, pk)
    uitvoeren(
        request,
        services.bod_intrekken,
        gelukt=_("Your bid is withdrawn."),
        actor=request.user,
        bod=bod,
        ontvangen_op=ontvangen_op(request),
    )
    return redirect("beoordeling:bod", pk=bod.pk)


@login_required
@require_POST
def uitwerking_starten(request, pk):
    """The lead organisation starts the elaborated plan of its invited outline bid `pk`."""
    hoofdlijnen = _bod_or_404(request, pk)
    _traject_or_404(request, hoofdlijnen.traject_id)
    uitkomst = uitvoeren(
        request,
        services.bod_starten,
        actor=request.user,
        traject=hoofdlijnen.traject,
        perceel=hoofdlijnen.perceel,
        organisatie=hoofdlijnen.organisatie,
        coalitie=hoofdlijnen.coalitie,
        ronde=Ronde.UITWERKING,
        ontvangen_op=ontvangen_op(request),
    )
    if not uitkomst:
        return redirect("beoordeling:bod", pk=hoofdlijnen.pk)
    return redirect("beoordeling:bod", pk=uitkomst.waarde.pk)


# --- the steps ------------------------------------------------------------------------------


def _stap_forms(stap, data, concept, partners, plafond=None, stap_object=None):
    """The form (or formset) of a step, filled from the draft or from POST data."""
    if stap == "vragen":
        return forms.VragenForm(data, vragen=stap_object.vragen, concept=concept)
    if stap == "globale_begroting":
        waarde = concept.get("globale_begroting")
        return forms.GlobaleBegrotingForm(data, initial=waarde if isinstance(waarde, dict) else {})
    if stap == "plan":
        waarde = concept.get("plan", "")
        return forms.PlanForm(
            data,
            initial={"plan": waarde if isinstance(waarde, str) else ""},
            hoofdlijnen=stap_object is services.PLAN_IN_HOOFDLIJNEN,
        )
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
    if stap == "prijs":
        return forms.PrijsForm(data, initial={"prijs": concept.get("prijs", "")}, plafond=plafond)
    if stap == "financiering":
        return forms.FinancieringFormSet(
            data, prefix="financiering", initial=concept.get("financiering") or []
        )
    klasse = {
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


def _bijlage_toevoegen(request, bod):
    """Add an attachment (the step's only form). Returns a form with the error to show, or
    None."""
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
        # Every refusal is about the file the user chose: shown at that field.
        form.add_error("bestand", str(exc))
        return form
    messages.success(request, _("The attachment is added."))
    return None


@login_required
@require_POST
def bijlage_verwijderen(request, pk, bijlage_pk):
    bod = _bod_or_404(request, pk)
    inzage = kluis.inzage(request.user, bod, bieder=True)
    bijlagen = kluis.bijlagen_van(request.user, bod, inzage=inzage)
    bijlage = next((b for b in bijlagen if b.pk == bijlage_pk), None)
    if bijlage is None:
        raise Http404
    uitvoeren(
        request,
        services.bijlage_verwijderen,
        gelukt=_("The attachment is removed."),
        actor=request.user,
        bijlage=bijlage,
        ontvangen_op=ontvangen_op(request),
    )
    return redirect("beoordeling:bod_stap", pk=bod.pk, stap="bijlagen")


@login_required
@require_http_methods(["GET", "POST"])
def bod_stap(request, pk, stap):
    bod = _bod_or_404(request, pk)
    stappen = services.stappen_voor(bod.traject, bod.perceel, bod.ronde)
    huidige = next((s for s in stappen if s.slug == stap), None)
    if huidige is None:
        raise Http404
    index = stappen.index(huidige)
    volgende = stappen[index + 1] if index + 1 < len(stappen) else None
    vorige = stappen[index - 1] if index > 0 else None
    nu = ontvangen_op(request)
    deadline, is_open = bodpagina.is_open(bod, nu)
    htmx = bool(request.headers.get("HX-Request"))
    inzage = kluis.inzage(request.user, bod, bieder=True)
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
            fout_form = _bijlage_toevoegen(request, bod)
            if fout_form is None:
                return redirect("beoordeling:bod_stap", pk=bod.pk, stap=stap)
            form = fout_form
        context.update(
            form=form, bijlagen=list(kluis.bijlagen_van(request.user, bod, inzage=inzage))
        )
        return render(request, "beoordeling/bieden/stap_bijlagen.html", context)

    concept = kluis.inhoud_van(request.user, bod, inzage=inzage) or {}
    partners = bieden_selectors.partners_van(bod)
    form = _stap_forms(
        stap,
        request.POST if request.method == "POST" else None,
        concept,
        partners,
        plafond=prijs_selectors.plafond_van(bod.traject, bod.perceel),
        stap_object=huidige,
    )
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
    if stap == "sroi":
        # Issue 14, point 8: the condition as the call states it.
        context["sroi_voorwaarde"] = sroi.voorwaarde(bod.traject)
    return render(request, "beoordeling/bieden/stap.html", context)


# --- files ----------------------------------------------------------------------------------


@login_required
@require_GET
def bijlage(request, pk):
    bijlage = of_404(kluis.bijlage_voor, request.user, pk)
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
    inzage = kluis.inzage(request.user, bod, bieder=True)
    versie = of_404(kluis.versies_voor(request.user, bod, inzage=inzage).get, nummer=nummer)
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
        deadline, is_open = bodpagina.is_open(b, nu)
        biedingen.append({"bod": b, "deadline": deadline, "is_open": is_open})
    return render(
        request, "beoordeling/bieden/mijn_biedingen.html", {"biedingen": biedingen, "nu": nu}
    )


urlpatterns = [
    path("biedingen/", mijn_biedingen, name="mijn_biedingen"),
    path("trajecten/<int:traject_pk>/bod/nieuw/", bod_nieuw, name="bod_nieuw"),
    path("biedingen/<int:pk>/", bod, name="bod"),
    path("biedingen/<int:pk>/indienen/", bod_indienen, name="bod_indienen"),
    path("biedingen/<int:pk>/intrekken/", bod_intrekken, name="bod_intrekken"),
    path("biedingen/<int:pk>/uitwerking/starten/", uitwerking_starten, name="uitwerking_starten"),
    path(
        "biedingen/<int:pk>/bijlagen/<int:bijlage_pk>/verwijderen/",
        bijlage_verwijderen,
        name="bijlage_verwijderen",
    ),
    path("biedingen/<int:pk>/stap/<slug:stap>/", bod_stap, name="bod_stap"),
    path(
        "biedingen/<int:pk>/versies/<int:nummer>/ontvangstbewijs/",
        ontvangstbewijs,
        name="ontvangstbewijs",
    ),
    path("bijlagen/<int:pk>/", bijlage, name="bijlage"),
]
