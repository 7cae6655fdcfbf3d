"""Pages: the selection for the elaborated plan. Officers of the trajectory's gemeente
choose, per opened outline bid, whether to invite it to elaborate, with feedback; then
they send the selection to every bidder at once. Everyone else gets a 404.

The bids come from `beoordeling.selectors.kluis` through `selectors.selectie`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from aanbesteden.exceptions import DomainError
from aanbesteden.middleware import ontvangen_op
from aanbesteden.pagina import of_404, uitvoeren
from beoordeling.constants import Ronde
from beoordeling.forms.selectie import SelectieForm
from beoordeling.selectors import kluis
from beoordeling.selectors import selectie as selectors
from beoordeling.services import selectie as services


def _traject_or_404(request, pk):
    return of_404(selectors.traject_om_te_selecteren, request.user, pk)


@login_required
@require_http_methods(["GET", "POST"])
def selectie(request, traject_pk):
    traject = _traject_or_404(request, traject_pk)
    percelen = selectors.selectie_van(traject)
    biedingen = [bod for groep in percelen for bod in groep.biedingen]
    verstuurd_op = selectors.verstuurd_op(biedingen)
    if request.method == "POST" and (verstuurd_op is not None or not biedingen):
        messages.error(
            request,
            _("The selection is already sent. Nothing in it can be changed.")
            if verstuurd_op is not None
            else _("There are no opened outline bids to choose from."),
        )
        return redirect("beoordeling:selectie", traject_pk=traject.pk)
    data = request.POST if request.method == "POST" else None
    for bod in biedingen:
        bod.form = SelectieForm(data, bod=bod) if verstuurd_op is None else None
    fout = None
    if data is not None:
        if all(bod.form.is_valid() for bod in biedingen):
            try:
                services.selectie_alles_opslaan(
                    actor=request.user,
                    keuzes=[
                        (
                            bod,
                            bod.form.cleaned_data["uitnodigen"],
                            bod.form.cleaned_data["terugkoppeling"],
                        )
                        for bod in biedingen
                    ],
                )
            except DomainError as exc:
                fout = str(exc)
            else:
                messages.success(
                    request, _("Saved. The bidders see nothing until you send the selection.")
                )
                return redirect("beoordeling:selectie", traject_pk=traject.pk)
        else:
            fout = _("Not saved: check the fields marked with an error.")
    return render(
        request,
        "beoordeling/selectie/selectie.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "geopend": bool(biedingen) or selectors.is_hoofdlijnen_geopend(traject),
            "percelen": percelen,
            "aantal": len(biedingen),
            "aantal_uitgenodigd": sum(1 for b in biedingen if b.uitgenodigd_voor_uitwerking),
            "aantal_zonder_terugkoppeling": sum(
                1 for b in biedingen if not b.terugkoppeling.strip()
            ),
            "verstuurd_op": verstuurd_op,
            "uitwerking_sluit": kluis.deadline_van(traject, Ronde.UITWERKING),
            "heeft_rangorde": any(b.rang is not None for b in biedingen),
            "fout": fout,
        },
    )


@login_required
@require_POST
def selectie_versturen(request, traject_pk):
    traject = _traject_or_404(request, traject_pk)
    uitvoeren(
        request,
        services.selectie_versturen,
        gelukt=_("The selection is sent. Every bidder is told the outcome for their bid."),
        actor=request.user,
        traject=traject,
        ontvangen_op=ontvangen_op(request),
    )
    return redirect("beoordeling:selectie", traject_pk=traject.pk)


urlpatterns = [
    path("trajecten/<int:traject_pk>/selectie/", selectie, name="selectie"),
    path(
        "trajecten/<int:traject_pk>/selectie/versturen/",
        selectie_versturen,
        name="selectie_versturen",
    ),
]
