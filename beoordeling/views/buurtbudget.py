"""Pages of the residents' budget (issue 14, burgeraanbesteding): the public ledger per
trajectory, and the page of one lot for its representatives (and the officers of the
gemeente, who approve a choice above the maximum). One URL per transition."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aanbesteden import dashboards, weergave
from aanbesteden.pagina import of_404, uitvoeren
from aanbesteden.selectors import gemeente_ids_van
from beoordeling import permissions
from beoordeling.constants import OpdrachtStatus
from beoordeling.forms import buurtbudget as f
from beoordeling.selectors import buurtbudget as selectors
from beoordeling.services import buurtbudget as services
from coalities.selectors.organisaties import organisaties_lijst

OPDRACHT, BETROKKENHEID = "opdracht", "betrokkenheid"


def vertegenwoordiger_panel(request: HttpRequest) -> dashboards.Panel | None:
    """The dashboard of a representative: the lots whose budget they hold, each linked to
    its page (issue 14, burgeraanbesteding). Nothing for anyone else."""
    if request.user.is_platformbeheerder or gemeente_ids_van(request.user):
        return None  # an officer or administrator is never a representative
    percelen = selectors.percelen_om_te_besteden(request.user)
    if not percelen:
        return None
    return dashboards.Panel(
        title=_("Your residents' budget"),
        template="beoordeling/panels/buurtbudget.html",
        context={"percelen": percelen},
        role="vertegenwoordiger",
    )


def _organisaties():
    return list(organisaties_lijst().only("pk", "naam"))


@require_GET
def openbaar(request: HttpRequest, traject_pk: int) -> HttpResponse:
    """The public page: per district the budget, the assignments, how many quotes were
    asked, which was chosen and why, and what is left. Anyone may read it."""
    traject = of_404(selectors.traject_met_buurtbudget, traject_pk)
    regels = selectors.grootboek(traject, request.user)
    return render(
        request,
        "beoordeling/buurtbudget/openbaar.html",
        {"traject": traject, "gemeente": traject.gemeente, "regels": regels},
    )


def _pagina(
    request: HttpRequest,
    pagina: selectors.Vertegenwoordigerspagina,
    *,
    gebonden: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The lot's page; `gebonden` holds the submitted form that failed, by its key."""
    gebonden = gebonden or {}
    regel = pagina.regel
    besteden = permissions.mag_besteden(
        request.user, regel.perceel, vertegenwoordiger=regel.is_vertegenwoordiger
    )
    organisaties = _organisaties() if besteden else None
    opdrachten = []
    for opdracht in regel.opdrachten:
        offertes = pagina.offertes.get(opdracht.pk, [])
        sleutel = f"o{opdracht.pk}"
        item: dict[str, Any] = {"opdracht": opdracht, "offertes": offertes, "forms": {}}
        if besteden and opdracht.status == OpdrachtStatus.OPEN:
            item["forms"]["vragen"] = gebonden.get(f"{sleutel}-vragen") or f.OfferteVragenForm(
                prefix=f"{sleutel}-vragen",
                organisaties=organisaties,
                initial={"gevraagd_op": timezone.localdate()},
            )
            item["ontvangen"] = [
                (
                    offerte,
                    gebonden.get(f"q{offerte.pk}")
                    or f.OntvangenForm(
                        prefix=f"q{offerte.pk}", initial={"ontvangen_op": timezone.localdate()}
                    ),
                )
                for offerte in offertes
                if offerte.bedrag is None
            ]
            keuzes = [
                (o.pk, f"{o.leverancier} – {weergave.geld(o.bedrag)}")
                for o in offertes
                if o.bedrag is not None
            ]
            if keuzes:
                item["forms"]["kiezen"] = gebonden.get(f"{sleutel}-kiezen") or f.KiezenForm(
                    prefix=f"{sleutel}-kiezen", offertes=keuzes
                )
        if pagina.is_medewerker and opdracht.status == OpdrachtStatus.WACHT_OP_GOEDKEURING:
            item["beoordelen"] = permissions.mag_keuze_beoordelen(request.user, opdracht)
            item["forms"]["afwijzen"] = gebonden.get(f"{sleutel}-afwijzen") or f.AfwijzenForm(
                prefix=f"{sleutel}-afwijzen"
            )
        opdrachten.append(item)
    context = {
        "traject": pagina.traject,
        "gemeente": pagina.traject.gemeente,
        "pagina": pagina,
        "regel": regel,
        "opdrachten": opdrachten,
        "besteden": besteden,
        "fout": bool(gebonden),
        "opdracht_form": (
            gebonden.get(OPDRACHT) or f.OpdrachtForm(prefix=OPDRACHT) if besteden else None
        ),
        "betrokkenheid_form": (
            gebonden.get(BETROKKENHEID)
            or f.BetrokkenheidForm(prefix=BETROKKENHEID, organisaties=organisaties)
            if besteden
            else None
        ),
    }
    return render(request, "beoordeling/buurtbudget/perceel.html", context, status=status)


@login_required
@require_GET
def perceel(request: HttpRequest, perceel_pk: int) -> HttpResponse:
    pagina = of_404(selectors.perceel_voor_pagina, request.user, perceel_pk)
    return _pagina(request, pagina)


def _terug(perceel_pk: int) -> HttpResponse:
    return redirect("beoordeling:buurtbudget_perceel", perceel_pk=perceel_pk)


def _opnieuw(request: HttpRequest, perceel_pk: int, sleutel: str, form: Any) -> HttpResponse:
    pagina = of_404(selectors.perceel_voor_pagina, request.user, perceel_pk)
    return _pagina(request, pagina, gebonden={sleutel: form}, status=400)


@login_required
@require_POST
def opdracht_nieuw(request: HttpRequest, perceel_pk: int) -> HttpResponse:
    pagina = of_404(selectors.perceel_voor_pagina, request.user, perceel_pk)
    form = f.OpdrachtForm(request.POST, prefix=OPDRACHT)
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.opdracht_aanmaken,
            form=form,
            gelukt=_("The assignment is added. Now ask for quotes."),
            actor=request.user,
            perceel=pagina.regel.perceel,
            **form.cleaned_data,
        )
        if uitkomst:
            return _terug(perceel_pk)
    return _pagina(request, pagina, gebonden={OPDRACHT: form}, status=400)


@login_required
@require_POST
def betrokkenheid(request: HttpRequest, perceel_pk: int) -> HttpResponse:
    pagina = of_404(selectors.perceel_voor_pagina, request.user, perceel_pk)
    form = f.BetrokkenheidForm(request.POST, prefix=BETROKKENHEID, organisaties=_organisaties())
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.betrokkenheid_melden,
            form=form,
            gelukt=_("Your involvement is written down."),
            actor=request.user,
            perceel=pagina.regel.perceel,
            **form.cleaned_data,
        )
        if uitkomst:
            return _terug(perceel_pk)
    return _pagina(request, pagina, gebonden={BETROKKENHEID: form}, status=400)


@login_required
@require_POST
def offerte_vragen(request: HttpRequest, opdracht_pk: int) -> HttpResponse:
    opdracht = of_404(selectors.opdracht_voor, request.user, opdracht_pk)
    sleutel = f"o{opdracht.pk}-vragen"
    form = f.OfferteVragenForm(request.POST, prefix=sleutel, organisaties=_organisaties())
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.offerte_vragen,
            form=form,
            gelukt=_("The quote you asked for is written down."),
            actor=request.user,
            opdracht=opdracht,
            **form.cleaned_data,
        )
        if uitkomst:
            return _terug(opdracht.perceel_id)
    return _opnieuw(request, opdracht.perceel_id, sleutel, form)


@login_required
@require_POST
def offerte_ontvangen(request: HttpRequest, offerte_pk: int) -> HttpResponse:
    offerte = of_404(selectors.offerte_voor, request.user, offerte_pk)
    sleutel = f"q{offerte.pk}"
    form = f.OntvangenForm(request.POST, prefix=sleutel)
    perceel_pk = offerte.opdracht.perceel_id
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.offerte_ontvangen,
            form=form,
            gelukt=_("The amount of the quote is written down."),
            actor=request.user,
            offerte=offerte,
            **form.cleaned_data,
        )
        if uitkomst:
            return _terug(perceel_pk)
    return _opnieuw(request, perceel_pk, sleutel, form)


@login_required
@require_POST
def kiezen(request: HttpRequest, opdracht_pk: int) -> HttpResponse:
    opdracht = of_404(selectors.opdracht_voor, request.user, opdracht_pk)
    sleutel = f"o{opdracht.pk}-kiezen"
    offertes = [(o.pk, o.leverancier) for o in opdracht.offertes.all() if o.bedrag is not None]
    form = f.KiezenForm(request.POST, prefix=sleutel, offertes=offertes)
    if form.is_valid():
        gekozen = next(o for o in opdracht.offertes.all() if o.pk == form.cleaned_data["offerte"])
        uitkomst = uitvoeren(
            request,
            services.offerte_kiezen,
            form=form,
            actor=request.user,
            opdracht=opdracht,
            offerte=gekozen,
            reden=form.cleaned_data["reden"],
            reden_minder_offertes=form.cleaned_data["reden_minder_offertes"],
        )
        if uitkomst:
            if uitkomst.waarde.status == OpdrachtStatus.WACHT_OP_GOEDKEURING:
                messages.success(
                    request,
                    _(
                        "Your choice is written down. It is above the maximum of the call: "
                        "the municipality approves it first. We told them."
                    ),
                )
            else:
                messages.success(
                    request, _("Your choice is written down and committed in the budget.")
                )
            return _terug(opdracht.perceel_id)
    return _opnieuw(request, opdracht.perceel_id, sleutel, form)


@login_required
@require_POST
def goedkeuren(request: HttpRequest, opdracht_pk: int) -> HttpResponse:
    opdracht = of_404(selectors.opdracht_voor, request.user, opdracht_pk)
    uitvoeren(
        request,
        services.keuze_goedkeuren,
        gelukt=_(
            "The choice is approved and committed in the budget. We told the representatives."
        ),
        actor=request.user,
        opdracht=opdracht,
    )
    return _terug(opdracht.perceel_id)


@login_required
@require_POST
def afwijzen(request: HttpRequest, opdracht_pk: int) -> HttpResponse:
    opdracht = of_404(selectors.opdracht_voor, request.user, opdracht_pk)
    sleutel = f"o{opdracht.pk}-afwijzen"
    form = f.AfwijzenForm(request.POST, prefix=sleutel)
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.keuze_afwijzen,
            form=form,
            gelukt=_("The choice is not approved. We told the representatives."),
            actor=request.user,
            opdracht=opdracht,
            reden=form.cleaned_data["reden"],
        )
        if uitkomst:
            return _terug(opdracht.perceel_id)
    return _opnieuw(request, opdracht.perceel_id, sleutel, form)


urlpatterns = [
    path("trajecten/<int:traject_pk>/buurtbudget/", openbaar, name="buurtbudget"),
    path("buurtbudget/percelen/<int:perceel_pk>/", perceel, name="buurtbudget_perceel"),
    path(
        "buurtbudget/percelen/<int:perceel_pk>/opdrachten/nieuw/",
        opdracht_nieuw,
        name="buurtbudget_opdracht_nieuw",
    ),
    path(
        "buurtbudget/percelen/<int:perceel_pk>/betrokkenheid/",
        betrokkenheid,
        name="buurtbudget_betrokkenheid",
    ),
    path(
        "buurtbudget/opdrachten/<int:opdracht_pk>/offertes/nieuw/",
        offerte_vragen,
        name="buurtbudget_offerte_vragen",
    ),
    path(
        "buurtbudget/offertes/<int:offerte_pk>/ontvangen/",
        offerte_ontvangen,
        name="buurtbudget_offerte_ontvangen",
    ),
    path("buurtbudget/opdrachten/<int:opdracht_pk>/kiezen/", kiezen, name="buurtbudget_kiezen"),
    path(
        "buurtbudget/opdrachten/<int:opdracht_pk>/goedkeuren/",
        goedkeuren,
        name="buurtbudget_goedkeuren",
    ),
    path(
        "buurtbudget/opdrachten/<int:opdracht_pk>/afwijzen/",
        afwijzen,
        name="buurtbudget_afwijzen",
    ),
]
