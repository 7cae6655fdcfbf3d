from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanbesteden import dashboards
from aanbesteden.audit import events_for
from aanbesteden.selectors import documenten_bij, gemeente_ids_van
from trajecten import documents, selectors
from trajecten.models import Traject

PORTAL_SIZE = 10


def portal_panel(request):
    trajecten = selectors.gepubliceerde_trajecten().order_by("inschrijving_sluit", "-id")
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
    page = Paginator(selectors.gepubliceerde_trajecten().order_by("-gepubliceerd_op", "-id"), 20)
    return render(request, "trajecten/lijst.html", {"page": page.get_page(request.GET.get("page"))})


def _traject_or_404(request, pk):
    try:
        return selectors.traject_voor(request.user, pk)
    except Traject.DoesNotExist as exc:
        raise Http404 from exc


def detail(request, pk):
    traject = _traject_or_404(request, pk)
    beheerder = selectors.mag_beheren(request.user, traject)
    context = {"traject": traject, "gemeente": traject.gemeente, "mag_beheren": beheerder}
    if beheerder:
        context["documenten"] = documenten_bij(request.user, traject)[:10]
        context["tijdlijn"] = events_for(traject)
    return render(request, "trajecten/detail.html", context)


@login_required
@require_POST
def overzicht_pdf(request, pk):
    traject = _traject_or_404(request, pk)
    if not selectors.mag_beheren(request.user, traject):
        raise Http404
    document = documents.overzicht_aanvragen(actor=request.user, traject=traject)
    messages.success(request, _("The PDF is being made. This page shows when it is ready."))
    return redirect("document_detail", uuid=document.uuid)


urlpatterns = [
    path("", lijst, name="lijst"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/overzicht-pdf/", overzicht_pdf, name="overzicht_pdf"),
]
