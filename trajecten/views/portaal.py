from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanbesteden import dashboards
from aanbesteden.audit import events_for
from aanbesteden.pagina import of_404
from aanbesteden.selectors import documenten_bij, gemeente_ids_van
from trajecten import extensions, inhoud, permissions, selectors, sroi
from trajecten.documents import uitvraag as documents
from trajecten.filters import TrajectFilter
from trajecten.routes import BUURTBUDGET, route_context, route_van
from trajecten.selectors import portaal, publicatie

PORTAL_SIZE = 10
LIJST_SIZE = 20


def portal_panel(request):
    trajecten = (
        selectors.gepubliceerde_trajecten()
        .filter(inschrijving_sluit__gt=timezone.now())
        .order_by("inschrijving_sluit", "-id")
    )
    return dashboards.Panel(
        title=_("Open trajectories"),
        template="trajecten/panels/portal.html",
        context={"trajecten": trajecten[:PORTAL_SIZE]},
        role="publiek",
    )


def ontdekken_panel(request):
    return portal_panel(request)


def medewerker_panel(request):
    if not gemeente_ids_van(request.user):
        return None
    trajecten = selectors.trajecten_van_mijn_gemeenten(request.user).order_by("-created_at")
    return dashboards.Panel(
        title=_("Trajectories of your municipality"),
        template="trajecten/panels/medewerker.html",
        context={"trajecten": trajecten[:25]},
        role="beleidsmedewerker",
    )


def lijst(request):
    filterset = TrajectFilter(request.GET, queryset=portaal.portaal_trajecten(), request=request)
    page = Paginator(filterset.qs, LIJST_SIZE).get_page(request.GET.get("page"))
    return render(request, "trajecten/lijst.html", {"filter": filterset, "page": page})


def detail(request, pk):
    traject = of_404(portaal.traject_detail, request.user, pk)
    beheerder = bool(permissions.mag_beheren(request.user, traject))
    komend, geweest = portaal.bijeenkomsten_verdeeld(traject)
    nu = timezone.now()
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "mag_beheren": beheerder,
        "fasen": portaal.fasen(traject),
        "mijlpalen": portaal.mijlpalen(traject),
        "uitleg": portaal.uitleg(traject),
        **route_context(traject),
        "laatste_versie": traject.openbare_versies[0] if traject.openbare_versies else None,
        "komende_bijeenkomsten": komend,
        "geweest_bijeenkomsten": geweest,
        "later_secties": list(extensions.DETAIL_SECTIES),
        "vragen_open": bool(permissions.vragen_open(traject, nu=nu, user=request.user)),
        # Issue 14, points 2 and 9: the residents' mandate and the development fee.
        "bewoners": inhoud.bewoners(traject),
        "ontwikkelvergoeding": inhoud.ontwikkelvergoeding(traject),
        "sroi_voorwaarde": sroi.voorwaarde(traject, traject.percelen.all()),
    }
    if route_van(traject).heeft(BUURTBUDGET):
        # Issue 14, burgeraanbesteding: the spending rules and representatives (2 queries).
        context["buurtbudget"] = inhoud.buurtbudget(traject)
    if traject.is_gepubliceerd and request.user.is_authenticated:
        context["volgt"] = publicatie.volgt(request.user, traject)
    consultatie = inhoud.consultatie_van(traject)  # selected with the trajectory
    if consultatie is not None:
        # Issue 14, point 1: the report once the call is published; before, officers see
        # the link to the public page of the draft.
        context["consultatie"] = consultatie
        if traject.is_gepubliceerd:
            context["consultatieverslag"] = inhoud.consultatieverslag(consultatie)
    for provider in extensions.DETAIL_CONTEXT:
        context.update(provider(request, traject))
    if beheerder:
        context["documenten"] = documenten_bij(request.user, traject)[:10]
        context["tijdlijn"] = events_for(traject)
    return render(request, "trajecten/detail.html", context)


@login_required
@require_POST
def overzicht_pdf(request, pk):
    traject = of_404(selectors.traject_voor, request.user, pk)
    if not permissions.mag_beheren(request.user, traject):
        raise Http404
    document = documents.overzicht_aanvragen(actor=request.user, traject=traject)
    messages.success(request, _("The PDF is being made. This page shows when it is ready."))
    return redirect("document_detail", uuid=document.uuid)


urlpatterns = [
    path("", lijst, name="lijst"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/overzicht-pdf/", overzicht_pdf, name="overzicht_pdf"),
]
