"""Pages: consultation of a draft call (issue 14, point 1).

The officers' page opens, closes and answers; the public page of the draft (for everyone,
also without an account) shows the draft as it is now, marked as a draft for consultation,
with the reaction form while it is open. One URL per transition.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from aanbesteden.exceptions import DomainError
from aanbesteden.pagina import of_404, uitvoeren
from trajecten import inhoud, permissions, selectors
from trajecten.forms.consultatie import ConsultatieForm, ReactieAntwoordForm, ReactieForm
from trajecten.models import Traject
from trajecten.selectors import consultatie as consultatie_selectors
from trajecten.services import consultatie as services


def _beheerbaar_traject_or_404(request, pk):
    traject = of_404(selectors.traject_voor, request.user, pk)
    if not permissions.mag_beheren(request.user, traject):
        raise Http404
    return traject


def _beheer_url(traject):
    return reverse("trajecten:consultatie_beheer", args=[traject.pk])


# The officers' page


def _beheer_pagina(request, traject, *, open_form=None, antwoord_form=None):
    """The consultation for the officers: open it, or its state, the link to the public
    page, closing early, and every confirmed reaction with its answer form. The page and its
    transitions (a refused opening, an invalid answer) render it the same way."""
    consultatie = inhoud.consultatie_van(traject)
    nu = timezone.now()
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "consultatie": consultatie,
        "is_open": consultatie is not None and consultatie.is_open(nu),
    }
    if consultatie is None:
        if not traject.is_gepubliceerd:
            context["open_form"] = open_form or ConsultatieForm()
    else:
        reacties = list(consultatie_selectors.reacties_voor_beheer(request.user, traject))
        for reactie in reacties:
            bound = antwoord_form is not None and antwoord_form.prefix == str(reactie.pk)
            reactie.form = (
                antwoord_form
                if bound
                else ReactieAntwoordForm(
                    prefix=str(reactie.pk),
                    initial={
                        "antwoord": reactie.antwoord,
                        "overgenomen": reactie.overgenomen,
                        "waarom": reactie.waarom,
                    },
                )
            )
        context.update(
            {
                "reacties": reacties,
                "onbeantwoord": sum(1 for r in reacties if not r.is_beantwoord),
                "mag_antwoorden": not traject.is_gepubliceerd,
            }
        )
    return render(request, "trajecten/consultatie/beheer.html", context)


@login_required
@require_safe
def consultatie_beheer(request, pk):
    return _beheer_pagina(request, _beheerbaar_traject_or_404(request, pk))


@login_required
@require_POST
def consultatie_openen(request, pk):
    traject = _beheerbaar_traject_or_404(request, pk)
    form = ConsultatieForm(request.POST)
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.consultatie_openen,
            form=form,
            gelukt=_("The draft is open for consultation. Its public page is online."),
            actor=request.user,
            traject=traject,
            **form.cleaned_data,
        )
        if uitkomst:
            return redirect(_beheer_url(traject))
    return _beheer_pagina(request, traject, open_form=form)


@login_required
@require_POST
def consultatie_sluiten(request, pk):
    traject = _beheerbaar_traject_or_404(request, pk)
    uitvoeren(
        request,
        services.consultatie_sluiten,
        gelukt=_("The consultation is closed. Nobody can react any more."),
        actor=request.user,
        traject=traject,
    )
    return redirect(_beheer_url(traject))


@login_required
@require_POST
def reactie_beantwoorden(request, pk, reactie_pk):
    traject = _beheerbaar_traject_or_404(request, pk)
    reactie = of_404(consultatie_selectors.reactie_voor_beheer, request.user, traject, reactie_pk)
    form = ReactieAntwoordForm(request.POST, prefix=str(reactie.pk))
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.reactie_beantwoorden,
            form=form,
            gelukt=_("The answer is saved. It is published in the report with the call."),
            actor=request.user,
            reactie=reactie,
            **form.cleaned_data,
        )
        if uitkomst:
            return redirect(f"{_beheer_url(traject)}#reactie-{reactie.pk}")
    return _beheer_pagina(request, traject, antwoord_form=form)


# The public page of the draft


def _publieke_pagina(request, traject, *, form=None):
    consultatie = traject.consultatie
    nu = timezone.now()
    open_ = bool(permissions.reageren_open(traject, consultatie, nu=nu))
    if form is None and open_:
        form = ReactieForm(user=request.user)
    concept = consultatie_selectors.concept_inhoud(traject)
    komend, geweest = [], []
    for sessie in consultatie_selectors.sessies(traject):
        (komend if sessie.eindigt_op > nu else geweest).append(sessie)
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "consultatie": consultatie,
        "inhoud": concept,
        "planning": [
            (Traject._meta.get_field(veld).verbose_name, moment)
            for veld, moment in concept["planning"].items()
        ],
        "open": open_,
        "form": form if open_ else None,
        "komende_sessies": komend,
        "geweest_sessies": geweest,
        "eigen_reacties": consultatie_selectors.eigen_reacties(request.user, consultatie),
        "mag_beheren": permissions.mag_beheren(request.user, traject),
    }
    return render(request, "trajecten/consultatie/concept.html", context)


@require_safe
def consultatie(request, pk):
    """The public page of a draft in consultation; after publication, the trajectory's page
    (with the report)."""
    traject = of_404(consultatie_selectors.traject_in_consultatie, pk)
    if traject.is_gepubliceerd:
        return redirect(f"{traject.get_absolute_url()}#consultatie-kop")
    return _publieke_pagina(request, traject)


@require_POST
def reageren(request, pk):
    traject = of_404(consultatie_selectors.traject_in_consultatie, pk)
    if traject.is_gepubliceerd:
        return redirect(traject.get_absolute_url())
    form = ReactieForm(request.POST, user=request.user)
    if form.is_valid():
        ingelogd = request.user.is_authenticated
        uitkomst = uitvoeren(
            request,
            services.reageren,
            form=form,
            traject=traject,
            sectie=form.cleaned_data["sectie"],
            tekst=form.cleaned_data["tekst"],
            naam=form.cleaned_data.get("naam", ""),
            email=form.cleaned_data.get("email", ""),
            user=request.user if ingelogd else None,
        )
        if uitkomst:
            if ingelogd:
                messages.success(
                    request,
                    _(
                        "Thank you. Your reaction is sent. The answer comes in the report "
                        "with the call."
                    ),
                )
            else:
                messages.info(
                    request,
                    _(
                        "Check your e-mail to confirm your reaction. It counts only after "
                        "you confirm."
                    ),
                )
            return redirect("trajecten:consultatie", pk=traject.pk)
    return _publieke_pagina(request, traject, form=form)


def reactie_bevestigen(request, token):
    """The link in the mail to someone who reacted without logging in. Opening it shows the
    reaction and one button (a link checker that opens mails must not confirm)."""
    reactie = of_404(consultatie_selectors.reactie_met_token, token)
    traject = reactie.consultatie.traject
    fout = None
    status = "bevestigd" if reactie.is_bevestigd else "open"
    if request.method == "POST":
        try:
            services.reactie_bevestigen(token=token)
        except DomainError as exc:
            status, fout = "verlopen", str(exc)
        else:
            return redirect(request.path)
    elif status == "open" and (traject.is_gepubliceerd or timezone.now() >= reactie.verloopt_op):
        status = "verlopen"
    return render(
        request,
        "trajecten/consultatie/bevestigen.html",
        {
            "reactie": reactie,
            "traject": traject,
            "gemeente": traject.gemeente,
            "status": status,
            "fout": fout,
        },
    )


urlpatterns = [
    path("<int:pk>/consultatie/", consultatie, name="consultatie"),
    path("<int:pk>/consultatie/reageren/", reageren, name="consultatie_reageren"),
    path("reactie/<uuid:token>/bevestigen/", reactie_bevestigen, name="reactie_bevestigen"),
    path("<int:pk>/beheer/consultatie/", consultatie_beheer, name="consultatie_beheer"),
    path("<int:pk>/beheer/consultatie/openen/", consultatie_openen, name="consultatie_openen"),
    path("<int:pk>/beheer/consultatie/sluiten/", consultatie_sluiten, name="consultatie_sluiten"),
    path(
        "<int:pk>/beheer/consultatie/reacties/<int:reactie_pk>/antwoord/",
        reactie_beantwoorden,
        name="reactie_beantwoorden",
    ),
]
