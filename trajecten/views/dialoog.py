"""Pages: dialoog. Sessions, registration and report; questions and the nota van inlichtingen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden.exceptions import DomainError
from trajecten import selectors
from trajecten.forms.dialoog import (
    AanmeldenForm,
    AntwoordForm,
    BijeenkomstForm,
    VerslagForm,
    VraagForm,
)
from trajecten.models import Aanmelding, Bijeenkomst, Nota, Traject, Vraag
from trajecten.selectors import dialoog as dialoog_selectors
from trajecten.services import dialoog as services


def _traject_or_404(request, pk):
    try:
        return selectors.traject_voor(request.user, pk)
    except Traject.DoesNotExist as exc:
        raise Http404 from exc


def _beheerbaar_traject_or_404(request, pk):
    traject = _traject_or_404(request, pk)
    if not selectors.mag_beheren(request.user, traject):
        raise Http404
    return traject


def _bijeenkomst_or_404(request, pk, bpk):
    try:
        return dialoog_selectors.bijeenkomst_voor(request.user, pk, bpk)
    except Bijeenkomst.DoesNotExist as exc:
        raise Http404 from exc


# Sessions


def bijeenkomst(request, pk, bpk):
    """A session: what, when, where, free places, the registration form, the report."""
    bijeenkomst = _bijeenkomst_or_404(request, pk, bpk)
    traject = bijeenkomst.traject
    form = None
    if request.method == "POST":
        if request.POST.get("actie") == "afmelden":
            return _afmelden(request, bijeenkomst)
        form = _aanmelden_form(request, request.POST)
        if form.is_valid():
            ingelogd = request.user.is_authenticated
            try:
                services.aanmelden(
                    bijeenkomst=bijeenkomst,
                    naam=form.cleaned_data["naam"],
                    email=form.cleaned_data.get("email", ""),
                    organisatie=form.cleaned_data.get("organisatie", ""),
                    organisatie_sleutel=form.cleaned_data.get("organisatie_sleutel", ""),
                    user=request.user if ingelogd else None,
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
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
    beheerder = selectors.mag_beheren(request.user, traject)
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
        "toon_link": beheerder or aanmelding is not None,
        "vrije_plaatsen": dialoog_selectors.vrije_plaatsen(bijeenkomst),
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
    try:
        aanmelding = dialoog_selectors.aanmelding_met_token(token)
    except Aanmelding.DoesNotExist as exc:
        raise Http404 from exc
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


def _afmelden(request, bijeenkomst):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={bijeenkomst.get_absolute_url()}")
    aanmelding = dialoog_selectors.aanmelding_van(request.user, bijeenkomst)
    if aanmelding is not None:
        try:
            services.afmelden(actor=request.user, aanmelding=aanmelding)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your registration is cancelled."))
    return redirect(bijeenkomst.get_absolute_url())


@login_required
def bijeenkomst_nieuw(request, pk):
    traject = _beheerbaar_traject_or_404(request, pk)
    form = BijeenkomstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.bijeenkomst_plannen(
                actor=request.user, traject=traject, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The session is planned."))
            return redirect(nieuw.get_absolute_url())
    return render(
        request,
        "trajecten/dialoog/bijeenkomst_form.html",
        {"traject": traject, "gemeente": traject.gemeente, "form": form, "bijeenkomst": None},
    )


@login_required
def bijeenkomst_bewerken(request, pk, bpk):
    bijeenkomst = _bijeenkomst_or_404(request, pk, bpk)
    traject = bijeenkomst.traject
    if not selectors.mag_beheren(request.user, traject):
        raise Http404
    form = BijeenkomstForm(request.POST or None, initial=BijeenkomstForm.initial_van(bijeenkomst))
    if request.method == "POST" and form.is_valid():
        try:
            services.bijeenkomst_wijzigen(
                actor=request.user, bijeenkomst=bijeenkomst, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The session is saved."))
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
    bijeenkomst = _bijeenkomst_or_404(request, pk, bpk)
    traject = bijeenkomst.traject
    if not selectors.mag_beheren(request.user, traject):
        raise Http404
    form = VerslagForm(request.POST or None, initial={"verslag": bijeenkomst.verslag})
    if request.method == "POST" and form.is_valid():
        try:
            services.verslag_publiceren(
                actor=request.user, bijeenkomst=bijeenkomst, verslag=form.cleaned_data["verslag"]
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The report is published."))
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


def vragen(request, pk):
    """Ask a question (visitors), answer and publish a nota (officers), read the notas (all)."""
    traject = _traject_or_404(request, pk)
    beheerder = selectors.mag_beheren(request.user, traject)
    vraag_form = antwoord_fout = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        actie = request.POST.get("actie")
        if actie == "vraag":
            vraag_form = VraagForm(request.POST, traject=traject)
            if vraag_form.is_valid():
                try:
                    services.vraag_stellen(
                        actor=request.user,
                        traject=traject,
                        tekst=vraag_form.cleaned_data["tekst"],
                        perceel=vraag_form.cleaned_data.get("perceel"),
                    )
                except DomainError as exc:
                    vraag_form.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        _("Your question is sent. The answer appears in a nota for everyone."),
                    )
                    return redirect(request.path)
        elif actie in ("antwoord", "nota") and beheerder:
            if actie == "nota":
                return _nota_publiceren(request, traject)
            antwoord_fout = _beantwoorden(request, traject)
            if antwoord_fout is None:
                return redirect(f"{request.path}#vraag-{request.POST.get('vraag')}")
        else:
            raise Http404
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "mag_beheren": beheerder,
        "notas": dialoog_selectors.notas_van(traject),
        "open": dialoog_selectors.vragen_open(traject),
    }
    if beheerder:
        alle = list(dialoog_selectors.vragen_voor_beheer(request.user, traject))
        for vraag in alle:
            if vraag.nota_id is None:
                bound = antwoord_fout is not None and antwoord_fout.prefix == str(vraag.pk)
                vraag.form = (
                    antwoord_fout
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


def _beantwoorden(request, traject):
    """Save one answer; returns None on success, or the bound form with its error."""
    vraag_pk = request.POST.get("vraag", "")
    try:
        vraag = dialoog_selectors.vraag_voor_beheer(request.user, traject, int(vraag_pk))
    except (ValueError, Vraag.DoesNotExist) as exc:
        raise Http404 from exc
    form = AntwoordForm(request.POST, prefix=str(vraag.pk))
    if form.is_valid():
        try:
            services.vraag_beantwoorden(
                actor=request.user, vraag=vraag, antwoord=form.cleaned_data["antwoord"]
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
            return form
        messages.success(request, _("The answer is saved. It is published with the next nota."))
        return None
    return form


def _nota_publiceren(request, traject):
    try:
        nota = services.nota_publiceren(actor=request.user, traject=traject)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(request.path)
    if nota.te_laat:
        messages.warning(
            request,
            _("The nota is published, later than the legal minimum before the bid deadline."),
        )
    else:
        messages.success(request, _("The nota is published. Everyone involved is informed."))
    return redirect("trajecten:nota", pk=traject.pk, nummer=nota.nummer)


def nota(request, pk, nummer):
    try:
        nota = dialoog_selectors.nota_voor(request.user, pk, nummer)
    except Nota.DoesNotExist as exc:
        raise Http404 from exc
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
    path(
        "aanmelding/<uuid:token>/bevestigen/",
        aanmelding_bevestigen,
        name="aanmelding_bevestigen",
    ),
    path("<int:pk>/vragen/", vragen, name="vragen"),
    path("<int:pk>/nota/<int:nummer>/", nota, name="nota"),
]
