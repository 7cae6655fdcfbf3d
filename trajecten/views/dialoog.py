"""Pages: dialoog. Sessions, registration and report; questions and the nota van inlichtingen."""

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
from trajecten.forms.dialoog import (
    AanmeldenForm,
    AntwoordForm,
    BijeenkomstForm,
    VerslagForm,
    VraagForm,
)
from trajecten.selectors import dialoog as dialoog_selectors
from trajecten.services import dialoog as services


def _beheerbaar_traject_or_404(request, pk):
    traject = of_404(selectors.traject_voor, request.user, pk)
    if not permissions.mag_beheren(request.user, traject):
        raise Http404
    return traject


def _beheerbare_bijeenkomst_or_404(request, pk, bpk):
    bijeenkomst = of_404(dialoog_selectors.bijeenkomst_voor, request.user, pk, bpk)
    if not permissions.mag_beheren(request.user, bijeenkomst.traject):
        raise Http404
    return bijeenkomst


def _naar_inloggen(volgende):
    return redirect(f"{reverse('account_login')}?next={volgende}")


# Sessions


def bijeenkomst(request, pk, bpk):
    """A session: what, when, where, free places, the registration form, the report."""
    bijeenkomst = of_404(dialoog_selectors.bijeenkomst_voor, request.user, pk, bpk)
    traject = bijeenkomst.traject
    form = None
    if request.method == "POST":
        form = _aanmelden_form(request, request.POST)
        if form.is_valid():
            ingelogd = request.user.is_authenticated
            uitkomst = uitvoeren(
                request,
                services.aanmelden,
                form=form,
                bijeenkomst=bijeenkomst,
                naam=form.cleaned_data["naam"],
                email=form.cleaned_data.get("email", ""),
                organisatie=form.cleaned_data.get("organisatie", ""),
                organisatie_sleutel=form.cleaned_data.get("organisatie_sleutel", ""),
                user=request.user if ingelogd else None,
            )
            if uitkomst:
                if ingelogd:
                    messages.success(
                        request,
                        _(
                            "You are registered. We sent you a confirmation with the date "
                            "and place."
                        ),
                    )
                else:
                    # The same words whatever the address: nobody learns who is registered.
                    messages.info(
                        request,
                        _(
                            "Check your e-mail to confirm your registration. Your place is "
                            "held only after you confirm."
                        ),
                    )
                return redirect(bijeenkomst.get_absolute_url())
    beheerder = permissions.mag_beheren(request.user, traject)
    aanmelding = dialoog_selectors.aanmelding_van(request.user, bijeenkomst)
    if form is None and aanmelding is None:
        form = _aanmelden_form(request, None)
    nu = timezone.now()
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "bijeenkomst": bijeenkomst,
        "mag_beheren": beheerder,
        "aanmelding": aanmelding,
        "kan_afmelden": aanmelding is not None
        and bool(
            permissions.mag_afmelden(request.user, aanmelding, bijeenkomst=bijeenkomst, nu=nu)
        ),
        "toon_link": beheerder or aanmelding is not None,
        "vrije_plaatsen": dialoog_selectors.vrije_plaatsen(bijeenkomst),
        # Issue 14, point 1: a draft's sessions are open while it is in consultation.
        "in_consultatie": not traject.is_gepubliceerd
        and inhoud.consultatie_van(traject) is not None,
        "begonnen": nu >= bijeenkomst.begint_op,
        "afgelopen": nu >= bijeenkomst.eindigt_op,
        "form": form,
        "aanmeldingen": dialoog_selectors.aanmeldingen_voor_beheer(request.user, bijeenkomst)
        if beheerder
        else (),
    }
    return render(request, "trajecten/dialoog/bijeenkomst.html", context)


def _aanmelden_form(request, data):
    return AanmeldenForm(
        data,
        user=request.user,
        organisaties=dialoog_selectors.organisaties_van(request.user),
    )


def aanmelding_bevestigen(request, token):
    """The link in the mail to someone who registered without logging in. Opening it shows
    the session and one button (a link checker that opens mails must not confirm); the
    button confirms. Afterwards the page says confirmed, full or expired."""
    aanmelding = of_404(dialoog_selectors.aanmelding_met_token, token)
    bijeenkomst = aanmelding.bijeenkomst
    fout = None
    status = "bevestigd" if aanmelding.is_bevestigd else "open"
    if request.method == "POST":
        try:
            aanmelding = services.aanmelding_bevestigen(token=token)
        except services.BijeenkomstVol as exc:
            status, fout = "vol", str(exc)
        except services.AanmeldingVerlopen as exc:
            status, fout = "verlopen", str(exc)
        except DomainError as exc:
            status, fout = "fout", str(exc)
        else:
            return redirect(request.path)
    elif status == "open" and timezone.now() >= min(aanmelding.verloopt_op, bijeenkomst.begint_op):
        status = "verlopen"
    return render(
        request,
        "trajecten/dialoog/aanmelding_bevestigen.html",
        {
            "aanmelding": aanmelding,
            "bijeenkomst": bijeenkomst,
            "traject": bijeenkomst.traject,
            "gemeente": bijeenkomst.traject.gemeente,
            "status": status,
            "fout": fout,
        },
    )


@require_POST
def afmelden(request, pk, bpk):
    """The registrant cancels their registration; anonymous visitors log in first."""
    bijeenkomst = of_404(dialoog_selectors.bijeenkomst_voor, request.user, pk, bpk)
    if not request.user.is_authenticated:
        return _naar_inloggen(bijeenkomst.get_absolute_url())
    aanmelding = dialoog_selectors.aanmelding_van(request.user, bijeenkomst)
    if aanmelding is not None:
        uitvoeren(
            request,
            services.afmelden,
            gelukt=_("Your registration is cancelled."),
            actor=request.user,
            aanmelding=aanmelding,
        )
    return redirect(bijeenkomst.get_absolute_url())


@login_required
def bijeenkomst_nieuw(request, pk):
    traject = _beheerbaar_traject_or_404(request, pk)
    form = BijeenkomstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.bijeenkomst_plannen,
            form=form,
            gelukt=_("The session is planned."),
            actor=request.user,
            traject=traject,
            **form.cleaned_data,
        )
        if uitkomst:
            return redirect(uitkomst.waarde.get_absolute_url())
    return render(
        request,
        "trajecten/dialoog/bijeenkomst_form.html",
        {"traject": traject, "gemeente": traject.gemeente, "form": form, "bijeenkomst": None},
    )


@login_required
def bijeenkomst_bewerken(request, pk, bpk):
    bijeenkomst = _beheerbare_bijeenkomst_or_404(request, pk, bpk)
    traject = bijeenkomst.traject
    form = BijeenkomstForm(request.POST or None, initial=BijeenkomstForm.initial_van(bijeenkomst))
    if request.method == "POST" and form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.bijeenkomst_wijzigen,
            form=form,
            gelukt=_("The session is saved."),
            actor=request.user,
            bijeenkomst=bijeenkomst,
            **form.cleaned_data,
        )
        if uitkomst:
            return redirect(bijeenkomst.get_absolute_url())
    return render(
        request,
        "trajecten/dialoog/bijeenkomst_form.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "form": form,
            "bijeenkomst": bijeenkomst,
        },
    )


@login_required
def verslag(request, pk, bpk):
    bijeenkomst = _beheerbare_bijeenkomst_or_404(request, pk, bpk)
    traject = bijeenkomst.traject
    form = VerslagForm(request.POST or None, initial={"verslag": bijeenkomst.verslag})
    if request.method == "POST" and form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.verslag_publiceren,
            form=form,
            gelukt=_("The report is published."),
            actor=request.user,
            bijeenkomst=bijeenkomst,
            verslag=form.cleaned_data["verslag"],
        )
        if uitkomst:
            return redirect(bijeenkomst.get_absolute_url())
    return render(
        request,
        "trajecten/dialoog/verslag.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "bijeenkomst": bijeenkomst,
            "form": form,
            "afgelopen": timezone.now() >= bijeenkomst.eindigt_op,
        },
    )


# Questions and notas


def _vragen_pagina(request, traject, *, vraag_form=None, antwoord_form=None):
    """The Q&A page: the notas for everyone; the form and one's own questions for a visitor;
    every question with its answer form and the nota button for the officers. The page
    and its transitions (a refused question, an invalid answer) render it the same way."""
    beheerder = permissions.mag_beheren(request.user, traject)
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "mag_beheren": beheerder,
        "notas": dialoog_selectors.notas_van(traject),
        "open": bool(permissions.vragen_open(traject, user=request.user)),
        "tweede_ronde_sluit": permissions.vragen_tweede_ronde_sluit(traject),
    }
    if beheerder:
        alle = list(dialoog_selectors.vragen_voor_beheer(request.user, traject))
        for vraag in alle:
            if vraag.nota_id is None:
                bound = antwoord_form is not None and antwoord_form.prefix == str(vraag.pk)
                vraag.form = (
                    antwoord_form
                    if bound
                    else AntwoordForm(prefix=str(vraag.pk), initial={"antwoord": vraag.antwoord})
                )
        te_publiceren = [v for v in alle if v.nota_id is None and v.antwoord]
        context.update(
            {
                "alle_vragen": alle,
                "te_publiceren": te_publiceren,
                "wacht_op_antwoord": [v for v in alle if v.nota_id is None and not v.antwoord],
                "nu_te_laat": dialoog_selectors.nota_te_laat(traject),
                "nota_uiterlijk_op": dialoog_selectors.nota_uiterlijk_op(traject),
                "minimum_dagen": dialoog_selectors.nota_minimum_dagen(traject),
            }
        )
    elif request.user.is_authenticated:
        context["eigen_vragen"] = dialoog_selectors.eigen_vragen(request.user, traject)
        if vraag_form is not None:  # a refused question keeps its text and the reason
            context["vraag_form"] = vraag_form
        elif context["open"]:
            context["vraag_form"] = VraagForm(traject=traject)
    return render(request, "trajecten/dialoog/vragen.html", context)


def _vragen_url(traject):
    return reverse("trajecten:vragen", args=[traject.pk])


@require_safe
def vragen(request, pk):
    """Ask a question (visitors), answer and publish a nota (officers), read the notas (all)."""
    return _vragen_pagina(request, of_404(selectors.traject_voor, request.user, pk))


@require_POST
def vraag_stellen(request, pk):
    """A logged-in visitor asks a question; anonymous visitors log in first."""
    traject = of_404(selectors.traject_voor, request.user, pk)
    if not request.user.is_authenticated:
        return _naar_inloggen(_vragen_url(traject))
    form = VraagForm(request.POST, traject=traject)
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.vraag_stellen,
            form=form,
            gelukt=_("Your question is sent. The answer appears in a nota for everyone."),
            actor=request.user,
            traject=traject,
            tekst=form.cleaned_data["tekst"],
            perceel=form.cleaned_data.get("perceel"),
        )
        if uitkomst:
            return redirect(_vragen_url(traject))
    return _vragen_pagina(request, traject, vraag_form=form)


@login_required
@require_POST
def vraag_beantwoorden(request, pk, vraag_pk):
    """An officer saves one answer; an invalid or refused answer shows on its own form."""
    traject = _beheerbaar_traject_or_404(request, pk)
    vraag = of_404(dialoog_selectors.vraag_voor_beheer, request.user, traject, vraag_pk)
    form = AntwoordForm(request.POST, prefix=str(vraag.pk))
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.vraag_beantwoorden,
            form=form,
            gelukt=_("The answer is saved. It is published with the next nota."),
            actor=request.user,
            vraag=vraag,
            antwoord=form.cleaned_data["antwoord"],
        )
        if uitkomst:
            return redirect(f"{_vragen_url(traject)}#vraag-{vraag.pk}")
    return _vragen_pagina(request, traject, antwoord_form=form)


@login_required
@require_POST
def nota_publiceren(request, pk):
    """An officer publishes every answered question in a new nota."""
    traject = _beheerbaar_traject_or_404(request, pk)
    uitkomst = uitvoeren(request, services.nota_publiceren, actor=request.user, traject=traject)
    if not uitkomst:
        return redirect(_vragen_url(traject))
    nota = uitkomst.waarde
    if nota.te_laat:
        messages.warning(
            request,
            _(
                "The nota is published, later than your municipality's rule before the bid "
                "deadline."
            ),
        )
    else:
        messages.success(request, _("The nota is published. Everyone involved is informed."))
    return redirect("trajecten:nota", pk=traject.pk, nummer=nota.nummer)


def nota(request, pk, nummer):
    nota = of_404(dialoog_selectors.nota_voor, request.user, pk, nummer)
    traject = nota.traject
    return render(
        request,
        "trajecten/dialoog/nota.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "nota": nota,
            "vragen": nota.vragen.all(),
        },
    )


urlpatterns = [
    path("<int:pk>/bijeenkomsten/nieuw/", bijeenkomst_nieuw, name="bijeenkomst_nieuw"),
    path("<int:pk>/bijeenkomsten/<int:bpk>/", bijeenkomst, name="bijeenkomst"),
    path(
        "<int:pk>/bijeenkomsten/<int:bpk>/bewerken/",
        bijeenkomst_bewerken,
        name="bijeenkomst_bewerken",
    ),
    path("<int:pk>/bijeenkomsten/<int:bpk>/verslag/", verslag, name="verslag"),
    path("<int:pk>/bijeenkomsten/<int:bpk>/afmelden/", afmelden, name="bijeenkomst_afmelden"),
    path(
        "aanmelding/<uuid:token>/bevestigen/",
        aanmelding_bevestigen,
        name="aanmelding_bevestigen",
    ),
    path("<int:pk>/vragen/", vragen, name="vragen"),
    path("<int:pk>/vragen/stellen/", vraag_stellen, name="vraag_stellen"),
    path(
        "<int:pk>/vragen/<int:vraag_pk>/antwoord/",
        vraag_beantwoorden,
        name="vraag_beantwoorden",
    ),
    path("<int:pk>/nota/publiceren/", nota_publiceren, name="nota_publiceren"),
    path("<int:pk>/nota/<int:nummer>/", nota, name="nota"),
]
