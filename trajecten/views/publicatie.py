"""Pages: the call (uitvraag) and its versions, publication, corrections, following."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanbesteden.exceptions import DomainError
from aanbesteden.pagina import fout_tonen, of_404, uitvoeren
from trajecten import permissions, selectors
from trajecten.constants import TrajectStatus
from trajecten.selectors import publicatie as lezen
from trajecten.services import publicatie as services


def _beheerd_traject_or_404(request, pk):
    traject = of_404(selectors.traject_voor, request.user, pk)
    if not permissions.mag_beheren(request.user, traject):
        raise Http404
    return traject


@login_required
@require_POST
def uitvraag_maken(request, pk):
    traject = _beheerd_traject_or_404(request, pk)
    uitkomst = uitvoeren(
        request, services.uitvraag_concept_maken, actor=request.user, traject=traject
    )
    if uitkomst:
        messages.success(
            request,
            _("Version %(versie)s of the call is being made. This page shows when it is ready.")
            % {"versie": uitkomst.waarde.versie},
        )
    return redirect("trajecten:uitvraag", pk=traject.pk)


@login_required
@require_POST
def publiceren(request, pk):
    traject = _beheerd_traject_or_404(request, pk)
    try:
        services.traject_publiceren(actor=request.user, traject=traject)
    except services.NietPubliceerbaar as exc:
        # Every reason, each as its own message.
        for reden in exc.redenen:
            messages.error(request, reden)
        return redirect("trajecten:beheer", pk=traject.pk)
    except DomainError as exc:
        fout_tonen(request, exc)
        return redirect("trajecten:beheer", pk=traject.pk)
    messages.success(
        request, _("The trajectory has been published. Everyone can now read the call.")
    )
    return redirect("trajecten:detail", pk=traject.pk)


def uitvraag(request, pk):
    traject = of_404(selectors.traject_voor, request.user, pk)
    beheerder = permissions.mag_beheren(request.user, traject)
    versies = list(lezen.uitvraagversies_voor(request.user, traject, beheerder=beheerder))
    return render(
        request,
        "trajecten/publicatie/uitvraag.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "versies": versies,
            "mag_beheren": beheerder,
            "is_concept": traject.status == TrajectStatus.CONCEPT,
        },
    )


def rectificatie(request, pk, nummer):
    traject = of_404(selectors.traject_voor, request.user, pk)
    gevonden = of_404(lezen.rectificatie_van, traject, nummer)
    return render(
        request,
        "trajecten/publicatie/rectificatie.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "rectificatie": gevonden,
            "versie": gevonden.uitvraag_versie,
        },
    )


def _volgen_of_ontvolgen(request, pk, service, *, volgt, melding):
    """Follow or stop following (`service`); anonymous visitors log in first and come back
    to the trajectory. With htmx the button swaps itself; without, back to the page."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("trajecten:detail", args=[pk]))
    traject = of_404(selectors.traject_voor, request.user, pk)
    htmx = bool(request.headers.get("HX-Request"))
    try:
        service(actor=request.user, traject=traject)
    except DomainError as exc:
        if htmx:
            return render(
                request,
                "trajecten/publicatie/_volgen.html",
                {"traject": traject, "volgt": False, "fout": str(exc)},
            )
        fout_tonen(request, exc)
        return redirect(traject.get_absolute_url())
    if htmx:
        return render(
            request,
            "trajecten/publicatie/_volgen.html",
            {"traject": traject, "volgt": volgt, "melding": melding},
        )
    messages.success(request, melding)
    return redirect(traject.get_absolute_url())


@require_POST
def volgen(request, pk):
    """Follow; a second click changes nothing."""
    return _volgen_of_ontvolgen(
        request,
        pk,
        services.traject_volgen,
        volgt=True,
        melding=_("You now follow this trajectory. We tell you when something changes."),
    )


@require_POST
def ontvolgen(request, pk):
    """Stop following; a second click changes nothing."""
    return _volgen_of_ontvolgen(
        request,
        pk,
        services.traject_ontvolgen,
        volgt=False,
        melding=_("You no longer follow this trajectory."),
    )


urlpatterns = [
    path("<int:pk>/uitvraag/", uitvraag, name="uitvraag"),
    path("<int:pk>/uitvraag/maken/", uitvraag_maken, name="uitvraag_maken"),
    path("<int:pk>/publiceren/", publiceren, name="publiceren"),
    path("<int:pk>/volgen/", volgen, name="volgen"),
    path("<int:pk>/ontvolgen/", ontvolgen, name="ontvolgen"),
    path("<int:pk>/rectificaties/<int:nummer>/", rectificatie, name="rectificatie"),
]
