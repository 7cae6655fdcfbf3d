"""Pages: right to challenge (issue 4, item 8).

uitdagen      /trajecten/uitdagen/            explanation, the form, "my proposals"
uitdaging     /trajecten/uitdagen/<pk>/       the proposal, its status, the answers
              .../accepteren/, .../meer-informatie-vragen/, .../afwijzen/, .../aanvullen/
                                              one POST view per answer
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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from aanbesteden import dashboards
from aanbesteden.pagina import of_404, uitvoeren
from aanbesteden.selectors import gemeente_ids_van
from trajecten import permissions
from trajecten.constants import TrajectStatus
from trajecten.forms.uitdaging import (
    AanvullenForm,
    AccepterenForm,
    AfwijzenForm,
    MeerInformatieForm,
    StatusFilterForm,
    UitdagingForm,
)
from trajecten.routes import route_van
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
                uitkomst = uitvoeren(
                    request,
                    services.uitdaging_indienen,
                    form=form,
                    gelukt=_("Thank you. We have sent your proposal to the municipality."),
                    actor=request.user,
                    **form.cleaned_data,
                )
                if uitkomst:
                    return redirect(uitkomst.waarde)
            status = 400
    elif request.method == "POST":
        return redirect_to_login(request.get_full_path())
    vandaag = timezone.localdate()
    context = {
        "form": form,
        "mijn_uitdagingen": selectors.mijn_uitdagingen(request.user)[:MIJN_GROOTTE],
        # Issue 14, point 3: each municipality's term and criteria (its participation bylaw),
        # with the last day for a proposal sent today.
        "regels": [
            (gemeente, services.beslistermijn_einde(gemeente, vandaag))
            for gemeente in selectors.gemeenten_voor_uitdaging()
        ],
    }
    return render(request, "trajecten/uitdaging/uitdagen.html", context, status=status)


def _beheer_url(traject):
    return reverse("trajecten:beheer", args=[traject.pk])


def _forms(actie=None, data=None):
    """The answer forms of the page; the one of `actie` bound to `data`."""
    return {
        "aanvullen": AanvullenForm(data if actie == "aanvullen" else None, prefix="aanvullen"),
        "accepteren": AccepterenForm(data if actie == "accepteren" else None, prefix="accepteren"),
        "meer_informatie_vragen": MeerInformatieForm(
            data if actie == "meer_informatie_vragen" else None, prefix="vraag"
        ),
        "afwijzen": AfwijzenForm(data if actie == "afwijzen" else None, prefix="afwijzen"),
    }


def _pagina(request, uitdaging, *, forms=None, status=200):
    """The proposal's page: what it shows and which answers it offers (from the rules in
    trajecten.permissions). The page and each answer's view render it the same way."""
    is_medewerker = permissions.is_uitdaging_medewerker(request.user, uitdaging)
    traject = uitdaging.traject
    context = {
        "uitdaging": uitdaging,
        "gemeente": uitdaging.gemeente,
        "is_medewerker": is_medewerker,
        "is_indiener": uitdaging.indiener_id == request.user.pk,
        "acties": permissions.uitdaging_acties(request.user, uitdaging),
        "forms": forms or _forms(),
        "traject_openbaar": traject is not None and traject.status == TrajectStatus.GEPUBLICEERD,
        "termijn_verstreken": uitdaging.termijn_verstreken(),
        "route": route_van(vorm=uitdaging.gekozen_vorm) if uitdaging.gekozen_vorm else None,
        "beheer_url": _beheer_url(traject) if traject is not None and is_medewerker else "",
    }
    return render(request, "trajecten/uitdaging/uitdaging.html", context, status=status)


@login_required
@require_safe
def uitdaging(request, pk):
    """The proposal with its status; the proposer supplements, the officer answers."""
    return _pagina(request, of_404(selectors.uitdaging_voor, request.user, pk))


def _antwoord(request, pk, actie, service, *, gelukt, veld=None, argument=None):
    """One answer to a proposal (POST): the answer must be on offer to this user now; a form
    that does not validate shows the page again (400) with its errors; a refusal of the
    service is a message on the proposal's page."""
    uitdaging = of_404(selectors.uitdaging_voor, request.user, pk)
    if actie not in permissions.uitdaging_acties(request.user, uitdaging):
        messages.error(request, _("This action is not possible for this proposal now."))
        return redirect(uitdaging)
    kwargs = {"actor": request.user, "uitdaging": uitdaging}
    if veld is not None:
        forms = _forms(actie, request.POST)
        form = forms[actie]
        if not form.is_valid():
            return _pagina(request, uitdaging, forms=forms, status=400)
        kwargs[argument or veld] = form.cleaned_data[veld]
    uitkomst = uitvoeren(request, service, gelukt=gelukt, **kwargs)
    if uitkomst and actie == "accepteren":
        return redirect(_beheer_url(uitkomst.waarde.traject))
    return redirect(uitdaging)


@login_required
@require_POST
def uitdaging_accepteren(request, pk):
    return _antwoord(
        request,
        pk,
        "accepteren",
        services.uitdaging_accepteren,
        gelukt=_(
            "The proposal is accepted and a draft trajectory on the chosen route has been made. "
            "Fill it in here."
        ),
        veld="vorm",
    )


@login_required
@require_POST
def uitdaging_meer_informatie_vragen(request, pk):
    return _antwoord(
        request,
        pk,
        "meer_informatie_vragen",
        services.uitdaging_meer_informatie_vragen,
        gelukt=_("Your question has been sent to the proposer."),
        veld="vraag",
    )


@login_required
@require_POST
def uitdaging_afwijzen(request, pk):
    return _antwoord(
        request,
        pk,
        "afwijzen",
        services.uitdaging_afwijzen,
        gelukt=_("The proposal has been declined. The proposer is told why."),
        veld="reden",
    )


@login_required
@require_POST
def uitdaging_aanvullen(request, pk):
    return _antwoord(
        request,
        pk,
        "aanvullen",
        services.uitdaging_aanvullen,
        gelukt=_("Thank you. Your answer has been sent to the municipality."),
        veld="aanvulling",
    )


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
    path("uitdagen/<int:pk>/accepteren/", uitdaging_accepteren, name="uitdaging_accepteren"),
    path(
        "uitdagen/<int:pk>/meer-informatie-vragen/",
        uitdaging_meer_informatie_vragen,
        name="uitdaging_meer_informatie_vragen",
    ),
    path("uitdagen/<int:pk>/afwijzen/", uitdaging_afwijzen, name="uitdaging_afwijzen"),
    path("uitdagen/<int:pk>/aanvullen/", uitdaging_aanvullen, name="uitdaging_aanvullen"),
]
