"""Pages: conversations with bidders. The list per trajectory (officers and committee
members; officers plan from it), one conversation with the committee's notes, and a
member's own note to change. The bidder sees the planned conversation on its bid page
(`templates/beoordeling/gesprekken/_voor_bieder.html`), never the notes.

Bids come only from `beoordeling.selectors.kluis`, through the selectors here.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aanbesteden.exceptions import DomainError
from aanbesteden.middleware import ontvangen_op
from aanbesteden.pagina import of_404, uitvoeren
from beoordeling import permissions
from beoordeling.forms.gesprekken import NotitieForm, PlannenForm, VerslagForm
from beoordeling.selectors import gesprekken as selectors
from beoordeling.selectors.consensus import is_vastgesteld
from beoordeling.services import gesprekken as services

NOTITIE, PLANNEN, VERSLAG = "notitie", "plannen", "verslag"


def _label(bod):
    return f"{bod.organisatie.naam} – {bod.perceel} – {bod.get_ronde_display()}"


def _plan_initial(gesprek):
    if gesprek is None or gesprek.geannuleerd_op is not None:
        return {}
    return {
        "gepland_op": timezone.localtime(gesprek.gepland_op),
        "locatie": gesprek.locatie,
        "toelichting": gesprek.toelichting,
    }


def _gepland_melding(vorige):
    if vorige == selectors.GEPLAND:
        return _("The conversation is changed. We told the bidder.")
    return _("The conversation is planned. We told the bidder.")


@login_required
def gesprekken(request: HttpRequest, traject_pk: int) -> HttpResponse:
    toegang = of_404(selectors.toegang, request.user, traject_pk)
    traject = toegang.traject
    regels = selectors.gesprekken_van(request.user, toegang)
    form = None
    plannen_mag = permissions.mag_gesprekken_plannen(request.user, traject)
    if plannen_mag:
        te_plannen = [r for r in regels if r.zichtbaar and not r.afgerond]
        form = PlannenForm(
            request.POST if request.method == "POST" else None,
            biedingen=[(r.bod.pk, _label(r.bod)) for r in te_plannen],
            prefix="plannen",
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            regel = next(r for r in te_plannen if r.bod.pk == data["bod"])
            uitkomst = uitvoeren(
                request,
                services.gesprek_plannen,
                form=form,
                gelukt=_gepland_melding(regel.staat),
                actor=request.user,
                bod=regel.bod,
                gepland_op=data["gepland_op"],
                locatie=data["locatie"],
                toelichting=data["toelichting"],
                ontvangen_op=ontvangen_op(request),
            )
            if uitkomst:
                return redirect("beoordeling:gesprek", uitkomst.waarde.pk)
    elif request.method == "POST":
        return redirect("beoordeling:gesprekken", traject.pk)
    return render(
        request,
        "beoordeling/gesprekken/gesprekken.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "toegang": toegang,
            "regels": regels,
            "percelen": selectors.per_perceel(regels),
            "form": form,
            # Issue 13, rule 11: why an officer cannot plan (the call announced none).
            "plannen_reden": "" if plannen_mag or not toegang.is_medewerker else plannen_mag.reden,
        },
    )


def _pagina(request, gesprek, gebonden=None, fout=""):
    """The conversation page's context, for the page and for a transition view that shows
    it again with its form's errors (`gebonden`: NOTITIE or PLANNEN, bound to the POST)."""
    blad = selectors.gesprekblad(request.user, gesprek, nu=ontvangen_op(request))
    traject = gesprek.bod.traject
    plan_form = None
    if blad.is_medewerker and (blad.plannen or gebonden == PLANNEN):
        plan_form = PlannenForm(
            request.POST if gebonden == PLANNEN else None,
            prefix="plannen",
            initial=_plan_initial(gesprek),
        )
    return {
        "blad": blad,
        "gesprek": gesprek,
        "bod": gesprek.bod,
        "traject": traject,
        "gemeente": traject.gemeente,
        "notitie_form": NotitieForm(
            request.POST if gebonden == NOTITIE else None, prefix="notitie"
        ),
        "plan_form": plan_form,
        "verslag_form": VerslagForm(request.POST if gebonden == VERSLAG else None, prefix="verslag")
        if blad.verslag or gebonden == VERSLAG
        else None,
        "fout": fout,
    }


def _tonen(request, context):
    return render(request, "beoordeling/gesprekken/gesprek.html", context)


@login_required
@require_GET
def gesprek(request: HttpRequest, gesprek_pk: int) -> HttpResponse:
    gesprek = of_404(selectors.gesprek_voor, request.user, gesprek_pk)
    return _tonen(request, _pagina(request, gesprek))


@login_required
@require_POST
def notitie_toevoegen(request: HttpRequest, gesprek_pk: int) -> HttpResponse:
    gesprek = of_404(selectors.gesprek_voor, request.user, gesprek_pk)
    context = _pagina(request, gesprek, NOTITIE)
    form = context["notitie_form"]
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.notitie_toevoegen,
            form=form,
            gelukt=_("Your note is saved."),
            actor=request.user,
            gesprek=gesprek,
            tekst=form.cleaned_data["tekst"],
        )
        if uitkomst:
            url = reverse("beoordeling:gesprek", args=[gesprek.pk])
            return redirect(f"{url}#n{uitkomst.waarde.pk}")
    return _tonen(request, context)


@login_required
@require_POST
def plannen(request: HttpRequest, gesprek_pk: int) -> HttpResponse:
    gesprek = of_404(selectors.gesprek_voor, request.user, gesprek_pk)
    context = _pagina(request, gesprek, PLANNEN)
    form = context["plan_form"]
    if form is not None and form.is_valid():
        data = form.cleaned_data
        if uitvoeren(
            request,
            services.gesprek_plannen,
            form=form,
            gelukt=_gepland_melding(selectors.staat_van(gesprek)),
            actor=request.user,
            bod=gesprek.bod,
            gepland_op=data["gepland_op"],
            locatie=data["locatie"],
            toelichting=data["toelichting"],
            ontvangen_op=ontvangen_op(request),
        ):
            return redirect("beoordeling:gesprek", gesprek.pk)
    return _tonen(request, context)


@login_required
@require_POST
def verslag(request: HttpRequest, gesprek_pk: int) -> HttpResponse:
    gesprek = of_404(selectors.gesprek_voor, request.user, gesprek_pk)
    context = _pagina(request, gesprek, VERSLAG)
    form = context["verslag_form"]
    if form.is_valid() and uitvoeren(
        request,
        services.verslag_vastleggen,
        form=form,
        gelukt=_("The record is sent to the bidder."),
        actor=request.user,
        gesprek=gesprek,
        verslag=form.cleaned_data["verslag"],
        ontvangen_op=ontvangen_op(request),
    ):
        return redirect("beoordeling:gesprek", gesprek.pk)
    return _tonen(request, context)


@login_required
@require_POST
def annuleren(request: HttpRequest, gesprek_pk: int) -> HttpResponse:
    gesprek = of_404(selectors.gesprek_voor, request.user, gesprek_pk)
    if not permissions.mag_gesprekken_plannen(request.user, gesprek.bod.traject):
        return redirect("beoordeling:gesprek", gesprek.pk)
    try:
        services.gesprek_annuleren(actor=request.user, gesprek=gesprek)
    except DomainError as exc:  # shown in the page, above its forms
        return _tonen(request, _pagina(request, gesprek, fout=str(exc)))
    messages.success(request, _("The conversation is cancelled. We told the bidder."))
    return redirect("beoordeling:gesprek", gesprek.pk)


@login_required
def notitie_wijzigen(request: HttpRequest, notitie_pk: int) -> HttpResponse:
    notitie = of_404(selectors.eigen_notitie, request.user, notitie_pk)
    gesprek = notitie.gesprek
    afgerond = is_vastgesteld(gesprek.bod.traject, gesprek.bod.ronde)
    mag_wijzigen = permissions.mag_notitie_wijzigen(
        request.user, notitie, gesprek.bod, afgerond=afgerond, wie=gesprek.toegang
    )
    form = NotitieForm(request.POST or None, initial={"tekst": notitie.tekst}, prefix="notitie")
    if (
        request.method == "POST"
        and mag_wijzigen
        and form.is_valid()
        and uitvoeren(
            request,
            services.notitie_wijzigen,
            form=form,
            gelukt=_("Your note is saved."),
            actor=request.user,
            notitie=notitie,
            tekst=form.cleaned_data["tekst"],
        )
    ):
        url = reverse("beoordeling:gesprek", args=[gesprek.pk])
        return redirect(f"{url}#n{notitie.pk}")
    return render(
        request,
        "beoordeling/gesprekken/notitie.html",
        {
            "notitie": notitie,
            "gesprek": gesprek,
            "bod": gesprek.bod,
            "traject": gesprek.bod.traject,
            "gemeente": gesprek.bod.traject.gemeente,
            "afgerond": afgerond,
            "mag_wijzigen": mag_wijzigen,
            "form": form,
        },
    )


urlpatterns = [
    path("trajecten/<int:traject_pk>/gesprekken/", gesprekken, name="gesprekken"),
    path("gesprekken/<int:gesprek_pk>/", gesprek, name="gesprek"),
    path(
        "gesprekken/<int:gesprek_pk>/notitie/", notitie_toevoegen, name="gesprek_notitie_toevoegen"
    ),
    path("gesprekken/<int:gesprek_pk>/plannen/", plannen, name="gesprek_plannen"),
    path("gesprekken/<int:gesprek_pk>/annuleren/", annuleren, name="gesprek_annuleren"),
    path("gesprekken/<int:gesprek_pk>/verslag/", verslag, name="gesprek_verslag"),
    path("gesprekken/notities/<int:notitie_pk>/", notitie_wijzigen, name="gesprek_notitie"),
]
