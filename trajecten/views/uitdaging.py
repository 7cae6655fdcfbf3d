"""Pages: right to challenge (issue 4, item 8).

uitdagen      /trajecten/uitdagen/            explanation, the form, "my proposals"
uitdaging     /trajecten/uitdagen/<pk>/       the proposal, its status, the answers
uitdagingen   /trajecten/uitdagen/overzicht/  the officer's list

The dashboard panel `uitdaging_panel` is registered in trajecten/apps.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from aanbesteden import dashboards
from aanbesteden.exceptions import DomainError
from aanbesteden.selectors import gemeente_ids_van
from trajecten.constants import TrajectStatus
from trajecten.forms.uitdaging import (
    AanvullenForm,
    AfwijzenForm,
    MeerInformatieForm,
    StatusFilterForm,
    UitdagingForm,
)
from trajecten.models import Uitdaging
from trajecten.selectors import uitdaging as selectors
from trajecten.services import uitdaging as services

LIJST_GROOTTE = 20
MIJN_GROOTTE = 20
PANEL_GROOTTE = 5


def uitdaging_panel(request):
    """Officers: how many proposals wait for an answer. Everyone else: their own proposals."""
    if gemeente_ids_van(request.user):
        return dashboards.Panel(
            title=_("Right-to-challenge proposals"),
            template="trajecten/uitdaging/panel_medewerker.html",
            context={"aantal_wachtend": selectors.aantal_wachtend(request.user)},
            role="beleidsmedewerker",
        )
    return dashboards.Panel(
        title=_("Your proposals to take over a task"),
        template="trajecten/uitdaging/panel_indiener.html",
        context={"uitdagingen": selectors.mijn_uitdagingen(request.user)[:PANEL_GROOTTE]},
        role="indiener",
    )


def uitdagen(request):
    """The explanation and the form. Anyone may read it; submitting needs an account."""
    form = None
    status = 200
    if request.user.is_authenticated:
        form = UitdagingForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                try:
                    uitdaging = services.uitdaging_indienen(actor=request.user, **form.cleaned_data)
                except DomainError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        _("Thank you. We have sent your proposal to the municipality."),
                    )
                    return redirect(uitdaging)
            status = 400
    elif request.method == "POST":
        return redirect_to_login(request.get_full_path())
    context = {
        "form": form,
        "mijn_uitdagingen": selectors.mijn_uitdagingen(request.user)[:MIJN_GROOTTE],
    }
    return render(request, "trajecten/uitdaging/uitdagen.html", context, status=status)


def _uitdaging_or_404(request, pk):
    try:
        return selectors.uitdaging_voor(request.user, pk)
    except Uitdaging.DoesNotExist as exc:
        raise Http404 from exc


def _beheer_url(traject):
    return reverse("trajecten:beheer", args=[traject.pk])


OFFICER_ACTIES = ("omzetten", "meer_informatie_vragen", "afwijzen")


@login_required
def uitdaging(request, pk):
    """The proposal with its status; the proposer supplements, the officer answers."""
    uitdaging = _uitdaging_or_404(request, pk)
    is_medewerker = selectors.mag_beantwoorden(request.user, uitdaging)
    is_indiener = uitdaging.indiener_id == request.user.pk
    acties = {a for a, van in services.TOEGESTAAN.items() if uitdaging.status in van}
    if not is_medewerker:
        acties -= set(OFFICER_ACTIES)
    if not is_indiener:
        acties.discard("aanvullen")

    data = request.POST if request.method == "POST" else None
    actie = request.POST.get("actie") if data else None
    forms = {
        "aanvullen": AanvullenForm(data if actie == "aanvullen" else None, prefix="aanvullen"),
        "meer_informatie_vragen": MeerInformatieForm(
            data if actie == "meer_informatie_vragen" else None, prefix="vraag"
        ),
        "afwijzen": AfwijzenForm(data if actie == "afwijzen" else None, prefix="afwijzen"),
    }
    status = 200
    if request.method == "POST":
        if actie not in acties:
            messages.error(request, _("This action is not possible for this proposal now."))
            return redirect(uitdaging)
        form = forms.get(actie)
        if form is None or form.is_valid():
            try:
                return _antwoord_uitvoeren(request, uitdaging, actie, form)
            except DomainError as exc:
                messages.error(request, str(exc))
                return redirect(uitdaging)
        status = 400

    traject = uitdaging.traject
    context = {
        "uitdaging": uitdaging,
        "gemeente": uitdaging.gemeente,
        "is_medewerker": is_medewerker,
        "is_indiener": is_indiener,
        "acties": acties,
        "forms": forms,
        "traject_openbaar": traject is not None and traject.status == TrajectStatus.GEPUBLICEERD,
        "beheer_url": _beheer_url(traject) if traject is not None and is_medewerker else "",
    }
    return render(request, "trajecten/uitdaging/uitdaging.html", context, status=status)


def _antwoord_uitvoeren(request, uitdaging, actie, form):
    user = request.user
    if actie == "omzetten":
        uitdaging = services.uitdaging_omzetten(actor=user, uitdaging=uitdaging)
        messages.success(
            request, _("A draft trajectory has been made from the proposal. Fill it in here.")
        )
        return redirect(_beheer_url(uitdaging.traject))
    if actie == "meer_informatie_vragen":
        services.uitdaging_meer_informatie_vragen(
            actor=user, uitdaging=uitdaging, vraag=form.cleaned_data["vraag"]
        )
        messages.success(request, _("Your question has been sent to the proposer."))
    elif actie == "afwijzen":
        services.uitdaging_afwijzen(
            actor=user, uitdaging=uitdaging, reden=form.cleaned_data["reden"]
        )
        messages.success(request, _("The proposal has been declined. The proposer is told why."))
    elif actie == "aanvullen":
        services.uitdaging_aanvullen(
            actor=user, uitdaging=uitdaging, aanvulling=form.cleaned_data["aanvulling"]
        )
        messages.success(request, _("Thank you. Your answer has been sent to the municipality."))
    return redirect(uitdaging)


@login_required
def uitdagingen(request):
    """The officer's list of proposals of their gemeenten, filtered by status."""
    if not gemeente_ids_van(request.user):
        raise Http404
    filter_form = StatusFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    paginator = Paginator(
        selectors.uitdagingen_van_mijn_gemeenten(request.user, status=status), LIJST_GROOTTE
    )
    context = {
        "page": paginator.get_page(request.GET.get("page")),
        "filter_form": filter_form if filter_form.is_bound else StatusFilterForm(),
    }
    return render(request, "trajecten/uitdaging/uitdagingen.html", context)


urlpatterns = [
    path("uitdagen/", uitdagen, name="uitdagen"),
    path("uitdagen/overzicht/", uitdagingen, name="uitdagingen"),
    path("uitdagen/<int:pk>/", uitdaging, name="uitdaging"),
]
