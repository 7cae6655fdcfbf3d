"""Pages: the decisions of a subsidy tender (issue 14). Officers of the gemeente see the
applications in the order of the distribution rule, with the ceiling used and left and the
proposal of the rule; they record a decision per application and send them all at one
moment. Anyone else gets a 404; on another route the page says the step is not part of it.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aanbesteden.middleware import ontvangen_op
from aanbesteden.pagina import of_404, uitvoeren
from beoordeling.forms.subsidie import SubsidiebesluitForm
from beoordeling.selectors import subsidie as selectors
from beoordeling.services import subsidie as services


def _forms(request, blad, gebonden=None):
    for aanvraag in blad.aanvragen:
        besluit = aanvraag.besluit
        if besluit is not None:
            initial = {
                "uitkomst": besluit.uitkomst,
                "bedrag": besluit.bedrag,
                "grond": besluit.grond,
                "reden": besluit.reden,
            }
        else:
            initial = {
                "uitkomst": aanvraag.voorstel_uitkomst,
                "bedrag": aanvraag.voorstel_bedrag,
                "grond": aanvraag.voorstel_grond,
            }
        aanvraag.form = SubsidiebesluitForm(
            request.POST if gebonden == aanvraag.bod.pk else None,
            prefix=f"besluit-{aanvraag.bod.pk}",
            initial=initial,
        )
    return blad


def _tonen(request, traject):
    blad = selectors.subsidieblad(request.user, traject)
    context = {"traject": traject, "gemeente": traject.gemeente, "blad": blad}
    return blad, context


@login_required
@require_GET
def subsidie(request: HttpRequest, traject_pk: int) -> HttpResponse:
    traject = of_404(selectors.traject_voor_subsidie, request.user, traject_pk)
    blad, context = _tonen(request, traject)
    _forms(request, blad)
    return render(request, "beoordeling/subsidie/besluiten.html", context)


@login_required
@require_POST
def besluit(request: HttpRequest, traject_pk: int, bod_pk: int) -> HttpResponse:
    traject = of_404(selectors.traject_voor_subsidie, request.user, traject_pk)
    blad, context = _tonen(request, traject)
    _forms(request, blad, gebonden=bod_pk)
    aanvraag = next((a for a in blad.aanvragen if a.bod.pk == bod_pk), None)
    if aanvraag is None:
        raise Http404
    form = aanvraag.form
    if form.is_valid() and uitvoeren(
        request,
        services.subsidiebesluit_vastleggen,
        form=form,
        gelukt=_("The decision on application %(nummer)s is saved.")
        % {"nummer": aanvraag.volgnummer},
        actor=request.user,
        bod=aanvraag.bod,
        uitkomst=form.cleaned_data["uitkomst"],
        bedrag=form.cleaned_data["bedrag"],
        grond=form.cleaned_data["grond"],
        reden=form.cleaned_data["reden"],
    ):
        return redirect("beoordeling:subsidie", traject.pk)
    context["fout_bij"] = bod_pk
    return render(request, "beoordeling/subsidie/besluiten.html", context)


@login_required
@require_POST
def versturen(request: HttpRequest, traject_pk: int) -> HttpResponse:
    traject = of_404(selectors.traject_voor_subsidie, request.user, traject_pk)
    uitvoeren(
        request,
        services.subsidiebesluiten_versturen,
        gelukt=_("The decisions have been sent. Every applicant hears at the same moment."),
        actor=request.user,
        traject=traject,
        ontvangen_op=ontvangen_op(request),
    )
    return redirect("beoordeling:subsidie", traject.pk)


urlpatterns = [
    path("trajecten/<int:traject_pk>/subsidie/", subsidie, name="subsidie"),
    path(
        "trajecten/<int:traject_pk>/subsidie/<int:bod_pk>/besluit/",
        besluit,
        name="subsidie_besluit",
    ),
    path("trajecten/<int:traject_pk>/subsidie/versturen/", versturen, name="subsidie_versturen"),
]
