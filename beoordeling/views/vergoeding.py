"""Pages: the development fees of a trajectory (issue 14, point 9). Officers of the
trajectory's gemeente see every invited bid's fee and record its payment; everyone else
gets a 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aanbesteden.middleware import ontvangen_op
from aanbesteden.pagina import of_404, uitvoeren
from beoordeling import permissions
from beoordeling.forms.vergoeding import BetalingForm
from beoordeling.selectors import vergoeding as selectors
from beoordeling.services import vergoeding as services


def _traject(request, traject_pk):
    traject = of_404(selectors.traject_voor_vergoedingen, request.user, traject_pk)
    if not permissions.mag_vergoedingen_zien(request.user, traject):
        raise Http404
    return traject


def _pagina(request, traject, gebonden=None, gebonden_pk=None):
    """The page; `gebonden`: the bound payment form of the fee `gebonden_pk` that did not
    validate or was refused, shown again with its errors."""
    blad = selectors.vergoedingsblad(request.user, traject)
    for regel in blad.regels:
        regel.form = (  # type: ignore[attr-defined]
            gebonden
            if gebonden is not None and regel.vergoeding.pk == gebonden_pk
            else BetalingForm(prefix=f"v{regel.vergoeding.pk}")
        )
    return render(
        request,
        "beoordeling/vergoeding/vergoedingen.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "blad": blad,
            "fout_form": gebonden,
        },
    )


@login_required
@require_GET
def vergoedingen(request: HttpRequest, traject_pk: int) -> HttpResponse:
    return _pagina(request, _traject(request, traject_pk))


@login_required
@require_POST
def betaling_vastleggen(request: HttpRequest, traject_pk: int, pk: int) -> HttpResponse:
    traject = _traject(request, traject_pk)
    vergoeding = of_404(selectors.vergoeding_van, traject, pk)
    form = BetalingForm(request.POST, prefix=f"v{vergoeding.pk}")
    if form.is_valid() and uitvoeren(
        request,
        services.betaling_vastleggen,
        form=form,
        gelukt=_("The payment to %(organisatie)s is recorded.")
        % {"organisatie": vergoeding.organisatie.naam},
        actor=request.user,
        vergoeding=vergoeding,
        betaald_op=form.cleaned_data["betaald_op"],
        ontvangen_op=ontvangen_op(request),
    ):
        return redirect("beoordeling:vergoedingen", traject_pk=traject.pk)
    return _pagina(request, traject, gebonden=form, gebonden_pk=vergoeding.pk)


urlpatterns = [
    path(
        "trajecten/<int:traject_pk>/ontwikkelvergoedingen/",
        vergoedingen,
        name="vergoedingen",
    ),
    path(
        "trajecten/<int:traject_pk>/ontwikkelvergoedingen/<int:pk>/betaald/",
        betaling_vastleggen,
        name="betaling_vastleggen",
    ),
]
