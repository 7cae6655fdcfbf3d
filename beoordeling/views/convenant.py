"""Pages: the covenant route (issue 14, point 3). The plan that the gemeente and one
existing initiative write together, with its versions, their comparison and the agreement.

convenant            /beoordeling/trajecten/<pk>/convenant/              the plan page
  .../initiatief/    POST: an officer names the initiative
  .../opslaan/       POST: save a version (optimistic: `basis`)
  .../akkoord/       POST: agree to the newest version for one's side
  .../versies/<n>/   one earlier version
  .../vergelijken/   ?van=<n>&naar=<m>: what changed between two versions

Readers: officers of the trajectory's gemeente and members of the initiative; everyone
else, and every other route, gets a 404 (`selectors.convenant.plan_voor`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from aanbesteden.pagina import of_404, uitvoeren
from beoordeling import permissions
from beoordeling.forms.convenant import AkkoordForm, InitiatiefForm, PlanForm
from beoordeling.selectors import convenant as selectors
from beoordeling.services import convenant as services


def _plan(request, traject_pk):
    return of_404(selectors.plan_voor, request.user, traject_pk)


def _pagina(request, plan, *, plan_form=None, initiatief_form=None, status=200):
    convenant, laatste = plan.convenant, plan.laatste
    mag_schrijven = convenant is not None and bool(
        permissions.mag_plan_schrijven(convenant, plan.rollen)
    )
    mag_akkoord = (
        convenant is not None
        and laatste is not None
        and bool(permissions.mag_akkoord_geven(convenant, plan.rollen))
    )
    mag_benoemen = bool(
        permissions.mag_initiatief_benoemen(
            request.user, plan.traject, convenant=convenant, heeft_versies=bool(plan.versies)
        )
    )
    if plan_form is None and mag_schrijven:
        plan_form = PlanForm(
            initial={
                "basis": laatste.nummer if laatste else 0,
                **(laatste.inhoud if laatste else {}),
            }
        )
    if initiatief_form is None and mag_benoemen:
        initiatief_form = InitiatiefForm(
            initial={"organisatie": convenant.initiatief_id if convenant else None}
        )
    eigen_akkoord = plan.akkoorden.get(plan.rollen.partij) if plan.rollen.partij else None
    context = {
        "traject": plan.traject,
        "gemeente": plan.traject.gemeente,
        "convenant": convenant,
        "rollen": plan.rollen,
        "versies": plan.versies,
        "laatste": laatste,
        "secties": selectors.secties_van(laatste),
        "akkoorden": plan.akkoorden,
        "akkoord_initiatief": plan.akkoorden.get("initiatief"),
        "akkoord_gemeente": plan.akkoorden.get("gemeente"),
        "eigen_akkoord": eigen_akkoord,
        "plan_form": plan_form if mag_schrijven else None,
        "initiatief_form": initiatief_form if mag_benoemen else None,
        "akkoord_form": AkkoordForm(initial={"versie": laatste.nummer})
        if mag_akkoord and eigen_akkoord is None
        else None,
        "medewerker_niet_in_team": plan.rollen.medewerker and not plan.rollen.teamlid,
    }
    return render(request, "beoordeling/convenant/plan.html", context, status=status)


@login_required
@require_safe
def convenant(request, traject_pk):
    return _pagina(request, _plan(request, traject_pk))


@login_required
@require_POST
def initiatief_benoemen(request, traject_pk):
    plan = _plan(request, traject_pk)
    form = InitiatiefForm(request.POST)
    if not form.is_valid():
        return _pagina(request, plan, initiatief_form=form, status=400)
    uitkomst = uitvoeren(
        request,
        services.initiatief_benoemen,
        form=form,
        gelukt=_("The initiative is named. Its administrators have been told."),
        actor=request.user,
        traject=plan.traject,
        organisatie=form.cleaned_data["organisatie"],
    )
    if not uitkomst:
        return _pagina(request, _plan(request, traject_pk), initiatief_form=form, status=400)
    return redirect("beoordeling:convenant", traject_pk=plan.traject.pk)


@login_required
@require_POST
def plan_opslaan(request, traject_pk):
    plan = _plan(request, traject_pk)
    if plan.convenant is None:
        raise Http404
    form = PlanForm(request.POST)
    if not form.is_valid():
        return _pagina(request, plan, plan_form=form, status=400)
    uitkomst = uitvoeren(
        request,
        services.plan_opslaan,
        form=form,
        actor=request.user,
        convenant=plan.convenant,
        basis=form.cleaned_data["basis"],
        secties=form.secties(),
    )
    if not uitkomst:
        # The page shows the newer version; the author's text stays in the form, now based
        # on the newest version, so that saving again is their informed choice.
        plan = _plan(request, traject_pk)
        data = request.POST.copy()
        if plan.laatste is not None:
            data["basis"] = str(plan.laatste.nummer)
        opnieuw = PlanForm(data)
        opnieuw.is_valid()
        for fout in form.non_field_errors():
            opnieuw.add_error(None, fout)
        return _pagina(request, plan, plan_form=opnieuw, status=409)
    versie = uitkomst.waarde
    if plan.laatste is not None and versie.nummer == plan.laatste.nummer:
        messages.info(request, _("Nothing changed: no new version was made."))
    else:
        messages.success(request, _("Saved as version %(nummer)s.") % {"nummer": versie.nummer})
    return redirect("beoordeling:convenant", traject_pk=plan.traject.pk)


@login_required
@require_POST
def akkoord_geven(request, traject_pk):
    plan = _plan(request, traject_pk)
    form = AkkoordForm(request.POST)
    if plan.convenant is None or not form.is_valid():
        raise Http404
    uitvoeren(
        request,
        services.akkoord_geven,
        gelukt=_("Your agreement is recorded."),
        actor=request.user,
        convenant=plan.convenant,
        versie_nummer=form.cleaned_data["versie"],
    )
    return redirect("beoordeling:convenant", traject_pk=plan.traject.pk)


@login_required
@require_safe
def versie(request, traject_pk, nummer):
    plan = _plan(request, traject_pk)
    gekozen = of_404(selectors.versie_van, plan, nummer)
    return render(
        request,
        "beoordeling/convenant/versie.html",
        {
            "traject": plan.traject,
            "gemeente": plan.traject.gemeente,
            "convenant": plan.convenant,
            "versie": gekozen,
            "secties": selectors.secties_van(gekozen),
            "akkoorden": list(gekozen.akkoorden.all()),
        },
    )


@login_required
@require_safe
def vergelijken(request, traject_pk):
    plan = _plan(request, traject_pk)
    try:
        van, naar = int(request.GET.get("van", "")), int(request.GET.get("naar", ""))
    except ValueError as exc:
        raise Http404 from exc
    oud = of_404(selectors.versie_van, plan, min(van, naar))
    nieuw = of_404(selectors.versie_van, plan, max(van, naar))
    return render(
        request,
        "beoordeling/convenant/vergelijken.html",
        {
            "traject": plan.traject,
            "gemeente": plan.traject.gemeente,
            "convenant": plan.convenant,
            "oud": oud,
            "nieuw": nieuw,
            "secties": selectors.vergelijk(oud, nieuw),
            "versies": plan.versies,
        },
    )


urlpatterns = [
    path("trajecten/<int:traject_pk>/convenant/", convenant, name="convenant"),
    path(
        "trajecten/<int:traject_pk>/convenant/initiatief/",
        initiatief_benoemen,
        name="convenant_initiatief",
    ),
    path("trajecten/<int:traject_pk>/convenant/opslaan/", plan_opslaan, name="convenant_opslaan"),
    path("trajecten/<int:traject_pk>/convenant/akkoord/", akkoord_geven, name="convenant_akkoord"),
    path(
        "trajecten/<int:traject_pk>/convenant/versies/<int:nummer>/",
        versie,
        name="convenant_versie",
    ),
    path(
        "trajecten/<int:traject_pk>/convenant/vergelijken/",
        vergelijken,
        name="convenant_vergelijken",
    ),
]
