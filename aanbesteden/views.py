import asyncio
import mimetypes

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from health_check.views import HealthCheckView

from aanbesteden import dashboards, health, notifications, selectors, services
from aanbesteden.forms import NotificatieVoorkeurForm
from aanbesteden.invoer import id_uit
from aanbesteden.middleware import passed_second_factor
from aanbesteden.pagina import of_404


def home(request):
    """Anonymous visitors see the public portal; everyone else their own dashboard."""
    panels = dashboards.panels_for(request)
    if not request.user.is_authenticated:
        return render(request, "aanbesteden/portal.html", {"panels": panels})
    return render(request, "aanbesteden/dashboard.html", {"panels": panels})


def beheer_panel(request):
    if not request.user.is_platformbeheerder:
        return None
    return dashboards.Panel(
        title=_("Platform administration"),
        template="aanbesteden/panels/beheer.html",
        context={"gemeenten": selectors.gemeenten_met_aantal_medewerkers()},
        role="beheerder",
    )


@login_required
def notificaties(request):
    form = NotificatieVoorkeurForm(instance=request.user)
    page = Paginator(selectors.notificaties_van(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "aanbesteden/notificaties.html", {"page": page, "form": form})


@login_required
@require_POST
def notificaties_gelezen(request):
    notificatie_id = request.POST.get("notificatie")
    if not notificatie_id:  # the "mark all as read" button
        notifications.mark_read(user=request.user)
    elif id_uit(notificatie_id) is not None:  # one; no id at all marks nothing
        notifications.mark_read(user=request.user, notificatie_id=id_uit(notificatie_id))
    return redirect("notificaties")


@login_required
@require_POST
def notificatie_voorkeur(request):
    form = NotificatieVoorkeurForm(request.POST, instance=request.user)
    if form.is_valid():
        services.notificatie_voorkeur_wijzigen(
            actor=request.user, voorkeur=form.cleaned_data["notificatie_voorkeur"]
        )
        messages.success(request, _("Your choice has been saved."))
        return redirect("notificaties")
    page = Paginator(selectors.notificaties_van(request.user), 20).get_page(1)
    return render(
        request, "aanbesteden/notificaties.html", {"page": page, "form": form}, status=400
    )


def document_detail(request, uuid):
    document = of_404(selectors.document_voor, request.user, uuid)
    template = (
        "aanbesteden/partials/document_status.html"
        if request.headers.get("HX-Request")
        else "aanbesteden/document.html"
    )
    return render(request, template, {"document": document})


def document_download(request, uuid):
    document = of_404(selectors.document_voor, request.user, uuid)
    if not document.is_klaar:
        raise Http404
    response = FileResponse(
        document.bestand.open("rb"),
        as_attachment=False,
        filename=f"{document.titel}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-SHA256"] = document.sha256
    return response


@require_GET
@cache_control(max_age=300, public=True)
def gemeente_thema(request, slug):
    """The gemeente's own design tokens as CSS, on pages that belong to it."""
    gemeente = of_404(selectors.gemeente_by_slug, slug)
    lines = [f"  {prop}: {colour};" for prop, colour in gemeente.css_variables()]
    css = ".utrecht-theme.ma-gemeente-" + gemeente.slug + " {\n" + "\n".join(lines) + "\n}\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_GET
@cache_control(max_age=300, public=True)
def gemeente_logo(request, slug):
    """The gemeente's logo: the one uploaded file that is public (Point 15).

    Media is never served by a static route; this view serves only this field.
    """
    gemeente = of_404(selectors.gemeente_by_slug, slug)
    content_type, _encoding = mimetypes.guess_type(gemeente.logo.name or "")
    if not gemeente.logo or not (content_type or "").startswith("image/"):
        raise Http404
    try:
        bestand = gemeente.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(bestand, content_type=content_type)


LOOPBACK = {"127.0.0.1", "::1"}


def _health_detail_allowed(request, user):
    """Check names and messages are for administrators and the host itself.

    A request counts as "from the host itself" only from a loopback address
    and without X-Forwarded-For: behind a proxy on the same host REMOTE_ADDR is
    the proxy's, and the proxy adds that header.
    """
    if user.is_authenticated and user.is_platformbeheerder:
        # /health/ is open to sessions without the second step; the detail is not.
        if passed_second_factor(request, user):
            return True
    return (
        request.META.get("REMOTE_ADDR") in LOOPBACK and "HTTP_X_FORWARDED_FOR" not in request.META
    )


class HealthView(HealthCheckView):
    """/health/ answers JSON, fast: the public a yes/no, administrators the detail.

    The public answer is {"status": "ok"} (200) or {"status": "fout"} (503),
    whatever format or Accept header is asked for. The detail (each check and
    its message) is for a platform administrator or a request from the host
    itself (the compose healthcheck). Every check has a budget of about a
    second (aanbesteden/health.py).
    """

    async def get(self, request, *args, **kwargs):
        named = health.checks()
        with health.executor_zonder_wachten() as executor:
            self.results = await asyncio.gather(*(check.get_result(executor) for _, check in named))
        healthy = not any(result.error for result in self.results)
        body = {"status": "ok" if healthy else "fout"}
        if await sync_to_async(_health_detail_allowed)(request, await request.auser()):
            results = {
                name: "ok" if not result.error else str(result.error)
                for (name, _), result in zip(named, self.results, strict=True)
            }
            if not settings.REDIS_URL:
                results["broker"] = "in-process (CELERY_TASK_ALWAYS_EAGER)"
                results["worker"] = "in-process (CELERY_TASK_ALWAYS_EAGER)"
            body["checks"] = results
        return JsonResponse(
            body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False}
        )
