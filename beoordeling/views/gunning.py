"""Pages: the award. Officers of the gemeente decide per lot, send the letters to every
bidder at one moment, record objections and the signing; officers and the committee's
chair write the explanation to the neighbourhood; a bidder downloads its own letter.
Anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aanbesteden.invoer import id_uit
from aanbesteden.middleware import ontvangen_op
from aanbesteden.pagina import of_404, uitvoeren
from beoordeling import permissions, standstill
from beoordeling.constants import BezwaarSoort
from beoordeling.documents.gunning import bieder_naam
from beoordeling.forms.gunning import (
    AfhandelenForm,
    BesluitForm,
    BezwaarForm,
    KortGedingForm,
    ToelichtingForm,
    UitspraakForm,
)
from beoordeling.selectors import gunning as selectors
from beoordeling.services import gunning as services
from trajecten import permissions as trajecten_permissions
from trajecten.routes import GUNNINGSBRIEVEN, route_van

# The form a transition view binds to its POST: (which, its target's pk).
BESLUIT, BEZWAAR, KORT_GEDING, AFHANDELEN, UITSPRAAK = (
    "besluit",
    "bezwaar",
    "kort_geding",
    "afhandelen",
    "uitspraak",
)


def _keuze_label(kandidaat):
    naam = bieder_naam(kandidaat.bod)
    if kandidaat.rang is None:
        return naam
    if kandidaat.totaal is not None:
        return _("%(naam)s: rank %(rang)s, total %(totaal)s") % {
            "naam": naam,
            "rang": kandidaat.rang,
            "totaal": kandidaat.totaal,
        }
    return _("%(naam)s: rank %(rang)s") % {"naam": naam, "rang": kandidaat.rang}


def _forms(request, regels, gebonden):
    """Attach to each lot its forms; the one a transition view handles (`gebonden`:
    (which, pk) or None) is bound to the POST."""

    def data(welk, pk):
        return request.POST if gebonden == (welk, pk) else None

    for regel in regels:
        gunning = regel.gunning
        initial = {}
        if gunning is not None:
            initial = {
                "winnend_bod": gunning.winnend_bod_id,
                "motivatie": gunning.motivatie,
                "kenmerken": gunning.kenmerken,
            }
        regel.besluit_form = BesluitForm(
            data(BESLUIT, regel.perceel.pk),
            prefix=f"besluit-{regel.perceel.pk}",
            initial=initial,
            keuzes=[(k.bod.pk, _keuze_label(k)) for k in regel.kandidaten if k.kan_winnen],
        )
        regel.bezwaar_form = regel.kort_geding_form = None
        if regel.verstuurd:
            keuzes = [(b.bod_id, bieder_naam(b.bod)) for b in gunning.brieven.all()]
            regel.bezwaar_form = BezwaarForm(
                data(BEZWAAR, gunning.pk), prefix=f"bezwaar-{gunning.pk}", keuzes=keuzes
            )
            regel.kort_geding_form = KortGedingForm(
                data(KORT_GEDING, gunning.pk), prefix=f"kort-geding-{gunning.pk}", keuzes=keuzes
            )
            for bezwaar in gunning.bezwaren.all():
                if bezwaar.is_kort_geding:
                    bezwaar.form = UitspraakForm(
                        data(UITSPRAAK, bezwaar.pk), prefix=f"uitspraak-{bezwaar.pk}"
                    )
                else:
                    bezwaar.form = AfhandelenForm(
                        data(AFHANDELEN, bezwaar.pk), prefix=f"afhandelen-{bezwaar.pk}"
                    )
    return regels


def _pagina(request, traject, gebonden=None):
    """The award page's context (`selectors.gunningsblad` with its forms), for the page and
    for a transition view that shows it again with its form's errors."""
    regels = selectors.gunningsblad(request.user, traject, ontvangen_op(request))
    return {
        "traject": traject,
        "gemeente": traject.gemeente,
        "regels": _forms(request, regels, gebonden),
        "heeft_standstill": selectors.heeft_standstill(traject),
        "met_brieven": standstill.met_brieven(traject),
        # Issue 14: on a route without award letters the page says so (and the services
        # refuse every step); the subsidy route decides per application instead.
        "op_route": trajecten_permissions.op_route(traject, GUNNINGSBRIEVEN),
        "route": route_van(traject),
    }


def _tonen(request, context):
    return render(request, "beoordeling/gunning/gunning.html", context)


def _terug(traject):
    return redirect("beoordeling:gunning", traject.pk)


def _regel(regels, *, perceel=None, gunning=None):
    for regel in regels:
        if perceel is not None and regel.perceel.pk == perceel:
            return regel
        if gunning is not None and regel.gunning is not None and regel.gunning.pk == gunning:
            return regel
    raise Http404


@login_required
@require_GET
def gunning(request: HttpRequest, traject_pk: int) -> HttpResponse:
    traject = of_404(selectors.traject_voor_gunning, request.user, traject_pk)
    return _tonen(request, _pagina(request, traject))


@login_required
@require_POST
def besluiten(request: HttpRequest, traject_pk: int, perceel_pk: int) -> HttpResponse:
    traject = of_404(selectors.traject_voor_gunning, request.user, traject_pk)
    context = _pagina(request, traject, (BESLUIT, perceel_pk))
    regel = _regel(context["regels"], perceel=perceel_pk)
    form = regel.besluit_form
    if not form.is_valid():
        return _tonen(request, context)
    bod = next(
        (k.bod for k in regel.kandidaten if k.bod.pk == form.cleaned_data["winnend_bod"]), None
    )
    uitvoeren(
        request,
        services.gunning_besluiten,
        gelukt=_("The decision for lot %(perceel)s is saved.") % {"perceel": regel.perceel},
        actor=request.user,
        perceel=regel.perceel,
        winnend_bod=bod,
        motivatie=form.cleaned_data["motivatie"],
        kenmerken=form.cleaned_data["kenmerken"],
    )
    return _terug(traject)


def _gunning_transitie(request, traject_pk, gunning_pk, service, gelukt):
    """A transition on one lot's award that takes no form (send, sign): run the service
    with the request's moment and go back to the award page."""
    traject = of_404(selectors.traject_voor_gunning, request.user, traject_pk)
    regel = _regel(selectors.gunningsoverzicht(traject), gunning=gunning_pk)
    if callable(gelukt):
        gelukt = gelukt(traject)
    uitvoeren(
        request,
        service,
        gelukt=gelukt % {"perceel": regel.perceel},
        actor=request.user,
        gunning=regel.gunning,
        ontvangen_op=ontvangen_op(request),
    )
    return _terug(traject)


@login_required
@require_POST
def versturen(request: HttpRequest, traject_pk: int, gunning_pk: int) -> HttpResponse:
    return _gunning_transitie(
        request,
        traject_pk,
        gunning_pk,
        services.gunning_versturen,
        lambda traject: (
            _("The letters for lot %(perceel)s have been sent to every bidder.")
            if standstill.met_brieven(traject)
            else _("The decision for lot %(perceel)s is final. No award letters are sent.")
        ),
    )


def _bezwaar_vastleggen(request, traject_pk, gunning_pk, welk, soort, gelukt):
    """Record a complaint (`welk` BEZWAAR) or a court case (KORT_GEDING) from its form;
    a refusal shows on the form (e.g. a court case announced after the standstill)."""
    traject = of_404(selectors.traject_voor_gunning, request.user, traject_pk)
    context = _pagina(request, traject, (welk, gunning_pk))
    regel = _regel(context["regels"], gunning=gunning_pk)
    form = regel.bezwaar_form if welk == BEZWAAR else regel.kort_geding_form
    if form is None:  # not sent yet: say why, as the service would
        messages.error(
            request, permissions.mag_bezwaar_vastleggen(request.user, regel.gunning).reden
        )
        return _terug(traject)
    if not form.is_valid():
        return _tonen(request, context)
    bod_id = form.cleaned_data["bod"]
    bod = next((b.bod for b in regel.gunning.brieven.all() if b.bod_id == bod_id), None)
    if not uitvoeren(
        request,
        services.bezwaar_vastleggen,
        form=form,
        gelukt=gelukt,
        actor=request.user,
        gunning=regel.gunning,
        omschrijving=form.cleaned_data["omschrijving"],
        ontvangen_op=ontvangen_op(request),
        bod=bod,
        soort=soort,
        aangekondigd_op=form.cleaned_data.get("aangekondigd_op"),
    ):
        return _tonen(request, context)
    return _terug(traject)


@login_required
@require_POST
def bezwaar(request: HttpRequest, traject_pk: int, gunning_pk: int) -> HttpResponse:
    return _bezwaar_vastleggen(
        request,
        traject_pk,
        gunning_pk,
        BEZWAAR,
        BezwaarSoort.KLACHT,
        _("The complaint is recorded. Answer it; by itself it does not stop the signing."),
    )


@login_required
@require_POST
def kort_geding(request: HttpRequest, traject_pk: int, gunning_pk: int) -> HttpResponse:
    return _bezwaar_vastleggen(
        request,
        traject_pk,
        gunning_pk,
        KORT_GEDING,
        BezwaarSoort.KORT_GEDING,
        _("The court case is recorded. Nothing can be signed until its judgment is recorded."),
    )


def _bezwaar_van(context, bezwaar_pk):
    gekozen = next(
        (
            b
            for r in context["regels"]
            if r.gunning is not None
            for b in r.gunning.bezwaren.all()
            if b.pk == bezwaar_pk
        ),
        None,
    )
    if gekozen is None:
        raise Http404
    return gekozen


@login_required
@require_POST
def afhandelen(request: HttpRequest, traject_pk: int, bezwaar_pk: int) -> HttpResponse:
    traject = of_404(selectors.traject_voor_gunning, request.user, traject_pk)
    context = _pagina(request, traject, (AFHANDELEN, bezwaar_pk))
    gekozen = _bezwaar_van(context, bezwaar_pk)
    if gekozen.is_kort_geding:
        messages.error(request, permissions.mag_bezwaar_afhandelen(request.user, gekozen).reden)
        return _terug(traject)
    if not gekozen.form.is_valid():
        return _tonen(request, context)
    if not uitvoeren(
        request,
        services.bezwaar_afhandelen,
        form=gekozen.form,
        gelukt=_("The complaint is answered."),
        actor=request.user,
        bezwaar=gekozen,
        uitkomst=gekozen.form.cleaned_data["uitkomst"],
    ):
        return _tonen(request, context)
    return _terug(traject)


@login_required
@require_POST
def uitspraak(request: HttpRequest, traject_pk: int, bezwaar_pk: int) -> HttpResponse:
    traject = of_404(selectors.traject_voor_gunning, request.user, traject_pk)
    context = _pagina(request, traject, (UITSPRAAK, bezwaar_pk))
    gekozen = _bezwaar_van(context, bezwaar_pk)
    if not gekozen.is_kort_geding:
        messages.error(request, permissions.mag_uitspraak_vastleggen(request.user, gekozen).reden)
        return _terug(traject)
    if not gekozen.form.is_valid():
        return _tonen(request, context)
    if not uitvoeren(
        request,
        services.uitspraak_vastleggen,
        form=gekozen.form,
        gelukt=_("The judgment is recorded. The court case no longer stops the signing."),
        actor=request.user,
        bezwaar=gekozen,
        uitspraak_op=gekozen.form.cleaned_data["uitspraak_op"],
        uitkomst=gekozen.form.cleaned_data["uitkomst"],
    ):
        return _tonen(request, context)
    return _terug(traject)


@login_required
@require_POST
def ondertekenen(request: HttpRequest, traject_pk: int, gunning_pk: int) -> HttpResponse:
    return _gunning_transitie(
        request,
        traject_pk,
        gunning_pk,
        services.ondertekening_vastleggen,
        _("The signing of the agreement for lot %(perceel)s is recorded."),
    )


@login_required
def toelichting(request: HttpRequest, traject_pk: int) -> HttpResponse:
    traject = of_404(selectors.traject_voor_toelichting, request.user, traject_pk)
    gunningen = list(selectors.gunningen_van(traject))
    doel = id_uit(request.POST.get("doel")) if request.method == "POST" else None
    for g in gunningen:
        g.form = ToelichtingForm(
            request.POST if doel == g.pk else None,
            prefix=f"toelichting-{g.pk}",
            initial={"tekst": g.toelichting_buurt},
        )
    if request.method == "POST":
        gekozen = next((g for g in gunningen if g.pk == doel), None)
        if gekozen is None:
            raise Http404
        if gekozen.form.is_valid():
            if gekozen.verstuurd_op:
                melding = _("The explanation is on the public page of the trajectory.")
            else:
                melding = _(
                    "The explanation is saved. It appears on the public page once the "
                    "letters are sent."
                )
            if uitvoeren(
                request,
                services.toelichting_publiceren,
                form=gekozen.form,
                gelukt=melding,
                actor=request.user,
                gunning=gekozen,
                tekst=gekozen.form.cleaned_data["tekst"],
            ):
                return redirect("beoordeling:gunning_toelichting", traject.pk)
    return render(
        request,
        "beoordeling/gunning/toelichting.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "gunningen": gunningen,
            "kan_gunning_beheren": permissions.mag_gunning_beheren(request.user, traject),
        },
    )


@login_required
@require_GET
def gunningsbrief(request: HttpRequest, pk: int) -> HttpResponse:
    """A letter as PDF: to the bidder it was sent about, and to the gemeente's officers."""
    brief = of_404(selectors.brief_voor, request.user, pk)
    document = brief.document
    if document is None or not document.is_klaar:
        messages.info(request, _("The letter is being made. Try again in a moment."))
        if permissions.mag_gunning_beheren(request.user, brief.gunning.traject):
            return redirect("beoordeling:gunning", brief.gunning.traject_id)
        return redirect("beoordeling:bod", brief.bod_id)
    response = FileResponse(
        document.bestand.open("rb"),
        as_attachment=False,
        filename=f"gunningsbesluit-perceel-{brief.gunning.perceel_id}-bod-{brief.bod_id}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-SHA256"] = document.sha256
    return response


urlpatterns = [
    path("trajecten/<int:traject_pk>/gunning/", gunning, name="gunning"),
    path(
        "trajecten/<int:traject_pk>/gunning/perceel/<int:perceel_pk>/besluiten/",
        besluiten,
        name="gunning_besluiten",
    ),
    path(
        "trajecten/<int:traject_pk>/gunning/<int:gunning_pk>/versturen/",
        versturen,
        name="gunning_versturen",
    ),
    path(
        "trajecten/<int:traject_pk>/gunning/<int:gunning_pk>/bezwaar/",
        bezwaar,
        name="gunning_bezwaar",
    ),
    path(
        "trajecten/<int:traject_pk>/gunning/<int:gunning_pk>/kort-geding/",
        kort_geding,
        name="gunning_kort_geding",
    ),
    path(
        "trajecten/<int:traject_pk>/gunning/bezwaren/<int:bezwaar_pk>/uitspraak/",
        uitspraak,
        name="gunning_uitspraak",
    ),
    path(
        "trajecten/<int:traject_pk>/gunning/bezwaren/<int:bezwaar_pk>/afhandelen/",
        afhandelen,
        name="gunning_bezwaar_afhandelen",
    ),
    path(
        "trajecten/<int:traject_pk>/gunning/<int:gunning_pk>/ondertekenen/",
        ondertekenen,
        name="gunning_ondertekenen",
    ),
    path(
        "trajecten/<int:traject_pk>/gunning/toelichting/",
        toelichting,
        name="gunning_toelichting",
    ),
    path("gunningsbrieven/<int:pk>/", gunningsbrief, name="gunningsbrief"),
]
