"""Pages: the consensus meeting. An officer plans it; officers and committee members see
the members' scores side by side; the chair or an officer records the consensus per bid
(on a weighted award a criterion can be dropped for a whole lot); the chair records who
attended; the chair and the members confirm it, and it closes at a majority; the ranking
follows from the published method.

Everyone but officers of the gemeente and members of the trajectory's committee gets a
404. Bids come only from the opened vault (`beoordeling.selectors.kluis`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanbesteden.exceptions import DomainError
from aanbesteden.middleware import ontvangen_op
from aanbesteden.pagina import of_404, uitvoeren
from beoordeling import permissions
from beoordeling.constants import Ronde
from beoordeling.forms.consensus import (
    AanwezigheidForm,
    ConsensusOordeelForm,
    ConsensusScoreForm,
    PlannenForm,
    VervallenForm,
)
from beoordeling.selectors import consensus as selectors
from beoordeling.selectors.commissie import aantal_biedingen_in_perceel
from beoordeling.services import consensus as services


def _traject_or_404(request, traject_pk):
    return of_404(selectors.traject_voor_consensus, request.user, traject_pk)


def _ronde_or_404(ronde):
    if ronde not in Ronde.values:
        raise Http404
    return Ronde(ronde)


AANWEZIG = "aanwezig"


def _overleg_context(request, traject, lid, ronde, gebonden=None, rondes=None):
    """The meeting page's context with its forms; the one a POST view handles (`gebonden`:
    (AANWEZIG, None) or ("vervallen", perceel_pk)) is bound to the POST. `rondes`: the
    opened stages when the caller has read them."""
    if rondes is None:
        rondes = selectors.geopende_rondes(traject)
    blad = selectors.consensusblad(request.user, traject, ronde, lid=lid)
    percelen = blad.percelen

    def data(welk):
        return request.POST if gebonden == welk else None

    aanwezig_form = None
    if blad.mag_aanwezigheid:
        aanwezig_form = AanwezigheidForm(
            data((AANWEZIG, None)),
            leden=blad.leden,
            initial={"aanwezigen": [str(x.pk) for x in blad.aanwezigen]},
        )
    for blok in percelen:
        blok.vervallen_form = None
        if blok.te_laten_vervallen:
            blok.vervallen_form = VervallenForm(
                data(("vervallen", blok.perceel.pk)),
                criteria=blok.te_laten_vervallen,
                prefix=f"vervallen-{blok.perceel.pk}",
            )
    return {
        "traject": traject,
        "gemeente": traject.gemeente,
        "lid": lid,
        "rondes": rondes,
        "ronde": ronde,
        "geopend": ronde in rondes,
        "blad": blad,
        "percelen": percelen,
        "aanwezig_form": aanwezig_form,
    }


def _overleg_tonen(request, context):
    return render(request, "beoordeling/consensus/overleg.html", context)


@login_required
def consensus(request: HttpRequest, traject_pk: int, ronde: str | None = None) -> HttpResponse:
    traject, lid = _traject_or_404(request, traject_pk)
    rondes = selectors.geopende_rondes(traject)
    if ronde is None:
        ronde = rondes[-1] if rondes else Ronde.HOOFDLIJNEN
    ronde = _ronde_or_404(ronde)
    return _overleg_tonen(request, _overleg_context(request, traject, lid, ronde, rondes=rondes))


def _overleg_or_404(request, traject_pk, ronde):
    traject, lid = _traject_or_404(request, traject_pk)
    ronde = _ronde_or_404(ronde)
    overleg = selectors.overleg_van(traject, ronde)
    if overleg is None:
        raise Http404
    return traject, lid, ronde, overleg


def _terug_naar_overleg(traject, ronde):
    return redirect("beoordeling:consensus_ronde", traject.pk, ronde.value)


@login_required
@require_POST
def aanwezigheid(request: HttpRequest, traject_pk: int, ronde: str) -> HttpResponse:
    traject, lid, ronde, overleg = _overleg_or_404(request, traject_pk, ronde)
    context = _overleg_context(request, traject, lid, ronde, (AANWEZIG, None))
    form = context["aanwezig_form"]
    if form is None:
        messages.error(request, _("Only the chair records who attended the meeting."))
        return _terug_naar_overleg(traject, ronde)
    if form.is_valid():
        gekozen = set(form.cleaned_data["aanwezigen"])
        if uitvoeren(
            request,
            services.aanwezigheid_vastleggen,
            form=form,
            gelukt=_("Who attended is recorded."),
            actor=request.user,
            overleg=overleg,
            aanwezigen=[x for x in context["blad"].leden if x.pk in gekozen],
        ):
            return _terug_naar_overleg(traject, ronde)
    return _overleg_tonen(request, context)


@login_required
@require_POST
def criterium_laten_vervallen(
    request: HttpRequest, traject_pk: int, ronde: str, perceel_pk: int
) -> HttpResponse:
    traject, lid, ronde, _overleg = _overleg_or_404(request, traject_pk, ronde)
    context = _overleg_context(request, traject, lid, ronde, ("vervallen", perceel_pk))
    blok = next((b for b in context["percelen"] if b.perceel.pk == perceel_pk), None)
    if blok is None:
        raise Http404
    form = blok.vervallen_form
    if form is None:
        messages.error(request, _("You cannot drop a criterion for this lot."))
        return _terug_naar_overleg(traject, ronde)
    if form.is_valid():
        criterium = next(
            c for c in blok.te_laten_vervallen if c.pk == form.cleaned_data["criterium"]
        )
        if uitvoeren(
            request,
            services.criterium_laten_vervallen,
            form=form,
            gelukt=_("%(criterium)s no longer counts for any bid of this lot.")
            % {"criterium": criterium.naam},
            actor=request.user,
            perceel=blok.perceel,
            ronde=ronde,
            criterium=criterium,
            reden=form.cleaned_data["reden"],
        ):
            return _terug_naar_overleg(traject, ronde)
    return _overleg_tonen(request, context)


@login_required
@require_POST
def criterium_weer_meetellen(
    request: HttpRequest, traject_pk: int, ronde: str, perceel_pk: int, criterium_pk: int
) -> HttpResponse:
    traject, lid, ronde, _overleg = _overleg_or_404(request, traject_pk, ronde)
    blad = selectors.consensusblad(request.user, traject, ronde, lid=lid)
    blok = next((b for b in blad.percelen if b.perceel.pk == perceel_pk), None)
    regel = (
        next((v for v in blok.vervallen if v.criterium_id == criterium_pk), None) if blok else None
    )
    if regel is None:
        raise Http404
    uitvoeren(
        request,
        services.criterium_weer_laten_meetellen,
        gelukt=_("%(criterium)s counts again for every bid of this lot.")
        % {"criterium": regel.criterium.naam},
        actor=request.user,
        vervallen=regel,
    )
    return _terug_naar_overleg(traject, ronde)


@login_required
@require_POST
def bevestigen(request: HttpRequest, traject_pk: int, ronde: str) -> HttpResponse:
    traject, _lid, ronde, overleg = _overleg_or_404(request, traject_pk, ronde)
    uitkomst = uitvoeren(
        request,
        services.consensus_bevestigen,
        actor=request.user,
        overleg=overleg,
    )
    if uitkomst:
        if uitkomst.waarde.vastgesteld_op is not None:
            messages.success(
                request, _("You confirmed the consensus. It is now closed: the ranking is final.")
            )
        else:
            messages.success(request, _("You confirmed the consensus."))
    return _terug_naar_overleg(traject, ronde)


def _medewerker_traject_or_404(request, traject_pk):
    traject, _lid = _traject_or_404(request, traject_pk)
    if not permissions.mag_consensusoverleg_plannen(request.user, traject, None):
        raise Http404
    return traject


@login_required
def plannen(request: HttpRequest, traject_pk: int, ronde: str) -> HttpResponse:
    traject = _medewerker_traject_or_404(request, traject_pk)
    ronde = _ronde_or_404(ronde)
    if ronde not in selectors.geopende_rondes(traject):
        raise Http404
    overleg = selectors.overleg_van(traject, ronde)
    initial = {}
    if overleg is not None:
        initial = {
            "gepland_op": timezone.localtime(overleg.gepland_op),
            "locatie": overleg.locatie,
        }
    form = PlannenForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and uitvoeren(
            request,
            services.consensusoverleg_plannen,
            form=form,
            gelukt=_("The meeting is planned. The committee members got a message."),
            actor=request.user,
            traject=traject,
            ronde=ronde,
            gepland_op=form.cleaned_data["gepland_op"],
            locatie=form.cleaned_data["locatie"],
            ontvangen_op=ontvangen_op(request),
        )
    ):
        return redirect("beoordeling:consensus_ronde", traject.pk, ronde.value)
    return render(
        request,
        "beoordeling/consensus/plannen.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "ronde": ronde,
            "overleg": overleg,
            "form": form,
        },
    )


def _bod_or_404(request, bod_pk):
    return of_404(selectors.bod_voor_consensus, request.user, bod_pk)


def _forms(data, bodblad, kwaliteit, aantal, gewogen):
    score_forms = [
        ConsensusScoreForm(
            data,
            criterium=rij.criterium,
            initial=ConsensusScoreForm.initial_van(rij.consensus),
            gewogen=gewogen,
        )
        for rij in bodblad.rijen
        if rij.vervallen is None
        and not rij.criterium.is_prijs  # computed by the platform (issue 13, rule 8)
    ]
    oordeel = bodblad.oordeel
    oordeel_form = ConsensusOordeelForm(
        data,
        aantal=aantal,
        kwaliteit=kwaliteit,
        initial={
            "oordeel": oordeel.oordeel if oordeel else "",
            "rang": str(oordeel.rang) if oordeel and oordeel.rang else "",
        },
    )
    return score_forms, oordeel_form


def _vastleggen(request, bod, score_forms, oordeel_form):
    """Record the form; an error goes to its field (a criterion's score, see
    `services.criterium_veld`), else to the judgement's form. True when all went well."""
    try:
        services.consensus_vastleggen(
            actor=request.user,
            bod=bod,
            scores=[f.invoer() for f in score_forms],
            oordeel=oordeel_form.cleaned_data.get("oordeel", ""),
            rang=oordeel_form.cleaned_data.get("rang"),
        )
    except DomainError as exc:
        doel = next((f for f in score_forms if f.add_prefix("waarde") == exc.veld), None)
        if doel is not None:
            doel.add_error("waarde", str(exc))
        else:
            oordeel_form.add_error(None, str(exc))
        return False
    return True


@login_required
def consensus_bod(request: HttpRequest, bod_pk: int) -> HttpResponse:
    traject, lid, bod = _bod_or_404(request, bod_pk)
    blad = selectors.consensusblad(request.user, traject, bod.ronde, lid=lid, biedingen=[bod])
    (bodblad,) = blad.bladen
    if not bodblad.zichtbaar:
        raise Http404  # a member who is recused or has not submitted: never the scores
    kwaliteit = blad.kwaliteit
    data = None
    if request.method == "POST":
        if not bodblad.mag_vastleggen:
            messages.error(request, bodblad.mag_vastleggen.reden)
            return redirect("beoordeling:consensus_bod", bod.pk)
        data = request.POST
    aantal = aantal_biedingen_in_perceel(bod) if kwaliteit and bodblad.mag_vastleggen else 0
    score_forms, oordeel_form = _forms(data, bodblad, kwaliteit, aantal, blad.gewogen)
    if data is not None:
        geldig = all([f.is_valid() for f in score_forms] + [oordeel_form.is_valid()])
        if geldig:
            with transaction.atomic():
                gelukt = _vastleggen(request, bod, score_forms, oordeel_form)
            if gelukt:
                messages.success(request, _("The consensus of this bid is recorded."))
                return redirect("beoordeling:consensus_bod", bod.pk)
    return render(
        request,
        "beoordeling/consensus/bod.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "lid": lid,
            "bod": bod,
            "blad": blad,
            "b": bodblad,
            "score_forms": score_forms,
            "oordeel_form": oordeel_form,
            "kwaliteit": kwaliteit,
        },
    )


urlpatterns = [
    path("trajecten/<int:traject_pk>/consensus/", consensus, name="consensus"),
    path("trajecten/<int:traject_pk>/consensus/<slug:ronde>/", consensus, name="consensus_ronde"),
    path(
        "trajecten/<int:traject_pk>/consensus/<slug:ronde>/plannen/",
        plannen,
        name="consensus_plannen",
    ),
    path(
        "trajecten/<int:traject_pk>/consensus/<slug:ronde>/aanwezigheid/",
        aanwezigheid,
        name="consensus_aanwezigheid",
    ),
    path(
        "trajecten/<int:traject_pk>/consensus/<slug:ronde>/bevestigen/",
        bevestigen,
        name="consensus_bevestigen",
    ),
    path(
        "trajecten/<int:traject_pk>/consensus/<slug:ronde>/percelen/<int:perceel_pk>/vervallen/",
        criterium_laten_vervallen,
        name="consensus_criterium_vervallen",
    ),
    path(
        "trajecten/<int:traject_pk>/consensus/<slug:ronde>/percelen/<int:perceel_pk>/"
        "vervallen/<int:criterium_pk>/meetellen/",
        criterium_weer_meetellen,
        name="consensus_criterium_meetellen",
    ),
    path("consensus/bod/<int:bod_pk>/", consensus_bod, name="consensus_bod"),
]
