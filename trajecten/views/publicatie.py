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
from trajecten import selectors
from trajecten.constants import TrajectStatus
from trajecten.forms.publicatie import VolgenForm
from trajecten.models import Rectificatie, Traject
from trajecten.selectors import publicatie as lezen
from trajecten.services import publicatie as services


def _traject_or_404(request, pk):
    try:
        return selectors.traject_voor(request.user, pk)
    except Traject.DoesNotExist as exc:
        raise Http404 from exc


def _beheerd_traject_or_404(request, pk):
    traject = _traject_or_404(request, pk)
    if not selectors.mag_beheren(request.user, traject):
        raise Http404
    return traject


@login_required
@require_POST
def uitvraag_maken(request, pk):
    traject = _beheerd_traject_or_404(request, pk)
    try:
        versie = services.uitvraag_concept_maken(actor=request.user, traject=traject)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Version %(versie)s of the call is being made. This page shows when it is ready.")
            % {"versie": versie.versie},
        )
    return redirect("trajecten:uitvraag", pk=traject.pk)


@login_required
@require_POST
def publiceren(request, pk):
    traject = _beheerd_traject_or_404(request, pk)
    try:
        services.traject_publiceren(actor=request.user, traject=traject)
    except services.NietPubliceerbaar as exc:
        for reden in exc.redenen:
            messages.error(request, reden)
        return redirect("trajecten:beheer", pk=traject.pk)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("trajecten:beheer", pk=traject.pk)
    messages.success(
        request, _("The trajectory has been published. Everyone can now read the call.")
    )
    return redirect("trajecten:detail", pk=traject.pk)


def uitvraag(request, pk):
    traject = _traject_or_404(request, pk)
    beheerder = selectors.mag_beheren(request.user, traject)
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
    traject = _traject_or_404(request, pk)
    try:
        gevonden = lezen.rectificatie_van(traject, nummer)
    except Rectificatie.DoesNotExist as exc:
        raise Http404 from exc
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


@require_POST
def volgen(request, pk):
    """Follow or stop following; anonymous visitors log in first and come back here."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("trajecten:detail", args=[pk]))
    traject = _traject_or_404(request, pk)
    form = VolgenForm(request.POST)
    actie = form.cleaned_data["actie"] if form.is_valid() else ""
    if not actie:
        actie = VolgenForm.ONTVOLGEN if lezen.volgt(request.user, traject) else VolgenForm.VOLGEN
    htmx = bool(request.headers.get("HX-Request"))
    try:
        if actie == VolgenForm.VOLGEN:
            services.traject_volgen(actor=request.user, traject=traject)
            melding = _("You now follow this trajectory. We tell you when something changes.")
        else:
            services.traject_ontvolgen(actor=request.user, traject=traject)
            melding = _("You no longer follow this trajectory.")
    except DomainError as exc:
        if htmx:
            return render(
                request,
                "trajecten/publicatie/_volgen.html",
                {"traject": traject, "volgt": False, "fout": str(exc)},
            )
        messages.error(request, str(exc))
        return redirect(traject.get_absolute_url())
    if htmx:
        return render(
            request,
            "trajecten/publicatie/_volgen.html",
            {"traject": traject, "volgt": actie == VolgenForm.VOLGEN, "melding": melding},
        )
    messages.success(request, melding)
    return redirect(traject.get_absolute_url())


urlpatterns = [
    path("<int:pk>/uitvraag/", uitvraag, name="uitvraag"),
    path("<int:pk>/uitvraag/maken/", uitvraag_maken, name="uitvraag_maken"),
    path("<int:pk>/publiceren/", publiceren, name="publiceren"),
    path("<int:pk>/volgen/", volgen, name="volgen"),
    path("<int:pk>/rectificaties/<int:nummer>/", rectificatie, name="rectificatie"),
]
