"""Pages: setting up a trajectory (the officer's pages), section by section."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from aanbesteden.exceptions import DomainError
from aanbesteden.invoer import id_uit
from aanbesteden.pagina import of_404, uitvoeren
from aanbesteden.selectors import gemeenten_van
from trajecten import proportionaliteit
from trajecten.forms import opstellen as f
from trajecten.models import Traject
from trajecten.models.traject import MAX_SCHETSVRAGEN
from trajecten.routes import sectie_past
from trajecten.selectors import opstellen as selectors
from trajecten.services import opstellen as services


def _traject(request, pk):
    return of_404(selectors.traject_voor_beheer, request.user, pk)


def _url(naam, *args):
    """A link to another part's page; None while that page does not exist."""
    try:
        return reverse(naam, args=args)
    except NoReverseMatch:
        return None


@login_required
def nieuw(request):
    gemeenten = gemeenten_van(request.user).order_by("naam")
    if not gemeenten.exists():
        raise PermissionDenied
    form = f.NieuwTrajectForm(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.traject_aanmaken,
            form=form,
            gelukt=_("The trajectory is saved as a draft."),
            actor=request.user,
            gemeente=form.cleaned_data["gemeente"],
            titel=form.cleaned_data["titel"],
        )
        if uitkomst:
            return redirect("trajecten:beheer", pk=uitkomst.waarde.pk)
    return render(request, "trajecten/opstellen/nieuw.html", {"form": form})


@login_required
def beheer(request, pk):
    traject = _traject(request, pk)
    bevindingen = proportionaliteit.bevindingen(traject)
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "secties": selectors.secties_status(traject),
        "ontbrekend": selectors.ontbrekende_onderdelen(traject),
        "bevindingen": _met_formulier(traject, bevindingen),
        "raming": proportionaliteit.raming(traject),
        "fase_form": f.FaseForm(initial={"fase": traject.actieve_fase}),
        "uitvraagversies": list(traject.uitvraagversies.all()),
        "links": {
            "uitvraag_maken": _url("trajecten:uitvraag_maken", traject.pk),
            "publiceren": _url("trajecten:publiceren", traject.pk),
            "uitvraag": _url("trajecten:uitvraag", traject.pk),
            "bijeenkomst_nieuw": _url("trajecten:bijeenkomst_nieuw", traject.pk),
            "vragen": _url("trajecten:vragen", traject.pk),
            "detail": _url("trajecten:detail", traject.pk),
            "consultatie": _url("trajecten:consultatie_beheer", traject.pk),
        },
    }
    return render(request, "trajecten/opstellen/beheer.html", context)


def _met_formulier(traject, bevindingen):
    """Each finding with, while the trajectory is a draft, a form to explain it."""
    return [
        {
            "bevinding": b,
            "form": (
                f.ToelichtingForm(
                    initial={"code": b.code, "tekst": b.toelichting or ""},
                    prefix=f"t{index}",
                )
                if b.vraagt_toelichting and not traject.is_gepubliceerd
                else None
            ),
        }
        for index, b in enumerate(bevindingen)
    ]


# --- sections -------------------------------------------------------------------------------


def _opgave_forms(traject, data):
    velden = ("titel", "opgave", "wensbeeld", "domein")
    initial = f.initial_van(traject, velden)
    initial["wijken"] = [w.pk for w in traject.wijken.all()]
    form = f.OpgaveForm(data, initial=initial, wijken=selectors.wijken_van(traject.gemeente))
    return {"form": form}


def _opgave_wijzigingen(forms):
    return dict(forms["form"].cleaned_data)


def _simpel(form_class, velden):
    def forms(traject, data):
        return {"form": form_class(data, initial=f.initial_van(traject, velden))}

    def wijzigingen(forms):
        return dict(forms["form"].cleaned_data)

    return forms, wijzigingen


_kaders_forms, _kaders_wijzigingen = _simpel(f.KadersForm, tuple(f.KadersForm.base_fields))
_vorm_wijzigingen = _simpel(f.VormForm, ())[1]
_subsidie_forms, _subsidie_wijzigingen = _simpel(f.SubsidieForm, tuple(f.SubsidieForm.base_fields))
_bewoners_forms, _bewoners_wijzigingen = _simpel(f.BewonersForm, tuple(f.BewonersForm.base_fields))


def _vorm_forms(traject, data):
    """The form section asks what the route of the form asks: of the form being chosen
    (posted), else of the form saved (issue 14)."""
    vorm = data.get("vorm", "") if data is not None else traject.vorm
    initial = f.initial_van(traject, tuple(f.VormForm.base_fields))
    return {"form": f.VormForm(data, initial=initial, vorm=vorm)}


def _planning_forms(traject, data):
    initial = f.initial_van(traject, (*Traject.MIJLPALEN, "ontwikkelvergoeding"))
    return {"form": f.PlanningForm(data, initial=initial, traject=traject)}


def _planning_wijzigingen(forms):
    return dict(forms["form"].cleaned_data)


PERCEEL_VELDEN = ("nummer", "naam", "beschrijving", "budget", "wijken")


def _percelen_forms(traject, data):
    wijk_keuzes = [(w.pk, w.naam) for w in selectors.wijken_van(traject.gemeente)]
    initial = [
        {
            "id": p.pk,
            "nummer": p.nummer,
            "naam": p.naam,
            "beschrijving": p.beschrijving,
            "budget": p.budget,
            "wijken": [w.pk for w in p.wijken.all()],
        }
        for p in traject.percelen.all()
    ]
    formset = f.PercelenFormSet(
        data, initial=initial, prefix="percelen", form_kwargs={"wijk_keuzes": wijk_keuzes}
    )
    return {"percelen": formset}


def _percelen_wijzigingen(forms):
    rijen = f.rijen(forms["percelen"], PERCEEL_VELDEN)
    volgende = max([r["nummer"] or 0 for r in rijen if not r["verwijderen"]] + [0]) + 1
    for rij in rijen:
        if not rij["nummer"]:
            rij["nummer"] = volgende
            volgende += 1
    return {"percelen": rijen}


CRITERIUM_VELDEN = ("naam", "omschrijving", "weging", "schaal_min", "schaal_max", "is_prijs")
EIS_VELDEN = ("soort", "omschrijving", "perceel", "bedrag", "jaren", "risico")


def _gunning_forms(traject, data):
    criteria = [
        {"id": c.pk, **{veld: getattr(c, veld) for veld in CRITERIUM_VELDEN}}
        for c in traject.criteria.all()
    ]
    eisen = [
        {
            "id": e.pk,
            **{veld: getattr(e, veld) for veld in EIS_VELDEN if veld != "perceel"},
            "perceel": e.perceel_id,
        }
        for e in traject.eisen.all()
    ]
    perceel_keuzes = [(p.pk, str(p)) for p in traject.percelen.all()]
    return {
        "form": f.GunningForm(data, initial=f.initial_van(traject, f.GUNNING_VELDEN)),
        "criteria": f.CriteriaFormSet(data, initial=criteria, prefix="criteria"),
        "eisen": f.EisenFormSet(
            data,
            initial=eisen,
            prefix="eisen",
            form_kwargs={"perceel_keuzes": perceel_keuzes},
        ),
    }


def _gunning_wijzigingen(forms):
    if not f.gunning_valideren(forms["form"], forms["criteria"]):
        return None
    return {
        **{veld: forms["form"].cleaned_data[veld] for veld in f.GUNNING_VELDEN},
        "criteria": f.rijen(forms["criteria"], CRITERIUM_VELDEN),
        "eisen": f.rijen(forms["eisen"], EIS_VELDEN),
    }


SCHETSVRAAG_VELDEN = ("vraag", "toelichting")


def _schetsvragen_forms(traject, data):
    initial = [
        {"id": v.pk, "vraag": v.vraag, "toelichting": v.toelichting}
        for v in traject.schetsvragen.all()
    ]
    return {"schetsvragen": f.SchetsvragenFormSet(data, initial=initial, prefix="schetsvragen")}


def _schetsvragen_wijzigingen(forms):
    return {"schetsvragen": f.rijen(forms["schetsvragen"], SCHETSVRAAG_VELDEN)}


VERTEGENWOORDIGER_VELDEN = ("perceel", "email", "hoe_gekozen")


def _buurtbudget_forms(traject, data):
    """Issue 14, burgeraanbesteding: the spending rules and the representatives per lot."""
    regels = selectors.bestedingsregels_van(traject)
    initial = {veld: getattr(regels, veld) for veld in f.BuurtbudgetForm.base_fields}
    rijen = [
        {"id": v.pk, "perceel": v.perceel_id, "email": v.user.email, "hoe_gekozen": v.hoe_gekozen}
        for v in selectors.vertegenwoordigers_van(traject)
    ]
    perceel_keuzes = [(p.pk, str(p)) for p in traject.percelen.all()]
    return {
        "form": f.BuurtbudgetForm(data, initial=initial),
        "vertegenwoordigers": f.VertegenwoordigersFormSet(
            data,
            initial=rijen,
            prefix="vertegenwoordigers",
            form_kwargs={"perceel_keuzes": perceel_keuzes},
        ),
    }


def _buurtbudget_wijzigingen(forms):
    return {
        **forms["form"].cleaned_data,
        "vertegenwoordigers": f.rijen(forms["vertegenwoordigers"], VERTEGENWOORDIGER_VELDEN),
    }


SECTIES = {
    "opgave": (_opgave_forms, _opgave_wijzigingen),
    "kaders": (_kaders_forms, _kaders_wijzigingen),
    "vorm": (_vorm_forms, _vorm_wijzigingen),
    "percelen": (_percelen_forms, _percelen_wijzigingen),
    "planning": (_planning_forms, _planning_wijzigingen),
    "gunning": (_gunning_forms, _gunning_wijzigingen),
    "subsidie": (_subsidie_forms, _subsidie_wijzigingen),
    "bewoners": (_bewoners_forms, _bewoners_wijzigingen),
    "schetsvragen": (_schetsvragen_forms, _schetsvragen_wijzigingen),
    "buurtbudget": (_buurtbudget_forms, _buurtbudget_wijzigingen),
}

KOPPEN = {
    "percelen": gettext_lazy("Lot"),
    "criteria": gettext_lazy("Award criterion"),
    "eisen": gettext_lazy("Selection requirement"),
    "schetsvragen": gettext_lazy("Question"),
    "vertegenwoordigers": gettext_lazy("Representative"),
}


def _volgende(sectie, traject):
    slugs = [slug for slug, _titel in selectors.secties_van(traject)]
    if sectie not in slugs:
        return None
    index = slugs.index(sectie)
    return slugs[index + 1] if index + 1 < len(slugs) else None


@login_required
def sectie(request, pk, sectie):
    if sectie not in selectors.SECTIE_SLUGS:
        raise Http404
    traject = _traject(request, pk)
    if not sectie_past(traject, sectie):
        raise Http404  # issue 14: a section of another route
    if sectie == "team":
        return _team(request, traject)
    bouw, wijzigingen_van = SECTIES[sectie]
    data = request.POST if request.method == "POST" else None
    forms = bouw(traject, data)
    reden_form = (
        f.RedenForm(data, prefix="rectificatie")
        if traject.is_gepubliceerd and sectie in services.RECTIFICATIE_SECTIES
        else None
    )
    foutmelding = None
    if data is not None:
        alle = [*forms.values(), *([reden_form] if reden_form else [])]
        if all([form.is_valid() for form in alle]):
            wijzigingen = wijzigingen_van(forms)
            if wijzigingen is not None:
                try:
                    gewijzigd = services.sectie_opslaan(
                        actor=request.user,
                        traject=traject,
                        sectie=sectie,
                        wijzigingen=wijzigingen,
                        reden=reden_form.cleaned_data["reden"] if reden_form else "",
                    )
                except DomainError as exc:
                    foutmelding = _op_het_veld(forms, exc)
                else:
                    if not gewijzigd:
                        messages.info(request, _("Nothing was changed."))
                    elif reden_form:
                        messages.success(
                            request, _("Saved. The change is published as a correction.")
                        )
                    else:
                        messages.success(request, _("Saved."))
                    volgende = _volgende(sectie, traject)
                    if "verder" in request.POST and volgende:
                        return redirect("trajecten:sectie", pk=traject.pk, sectie=volgende)
                    return redirect("trajecten:sectie", pk=traject.pk, sectie=sectie)
        if foutmelding is None:
            foutmelding = _("Not saved yet: check the fields marked below.")
    return _sectie_pagina(
        request,
        traject,
        sectie,
        {
            "onderdelen": [
                (naam, form, KOPPEN.get(naam), hasattr(form, "management_form"))
                for naam, form in forms.items()
            ],
            "reden_form": reden_form,
            "foutmelding": foutmelding,
        },
    )


def _op_het_veld(forms, exc):
    """A refusal that names a field (a milestone) is shown on that field, with the general
    message at the top; any other refusal is the message at the top."""
    veld = getattr(exc, "veld", None)
    form = forms.get("form")
    if veld and form is not None and veld in form.fields:
        form.add_error(veld, str(exc))
        return _("Not saved yet: check the fields marked below.")
    return str(exc)


def _sectie_pagina(request, traject, sectie, extra):
    secties = selectors.secties_status(traject)
    huidige = next(s for s in secties if s.slug == sectie)
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "sectie": huidige,
        "secties": secties,
        "volgende": _volgende(sectie, traject),
        "bevindingen": proportionaliteit.bevindingen(traject),
        "raming": proportionaliteit.raming(traject),
        "max_schetsvragen": MAX_SCHETSVRAGEN,
        **extra,
    }
    return render(request, "trajecten/opstellen/sectie.html", context)


def _team_pagina(request, traject, *, form=None, foutmelding=None):
    """The team section: the team with a remove button each, and the form to add someone."""
    if form is None:
        form = f.TeamLidForm(None, collegas=list(selectors.collegas_van(traject.gemeente)))
    return _sectie_pagina(
        request,
        traject,
        "team",
        {"team_form": form, "team": list(traject.team.all()), "foutmelding": foutmelding},
    )


def _team(request, traject):
    """The team section; a POST adds a colleague (or changes their role)."""
    if request.method != "POST":
        return _team_pagina(request, traject)
    form = f.TeamLidForm(request.POST, collegas=list(selectors.collegas_van(traject.gemeente)))
    foutmelding = None
    if form.is_valid():
        try:
            services.teamlid_toevoegen(
                actor=request.user,
                traject=traject,
                medewerker=form.cleaned_data["medewerker"],
                rol=form.cleaned_data["rol"],
            )
        except (DomainError, ValueError) as exc:
            foutmelding = str(exc)
        else:
            messages.success(request, _("The team is saved."))
            return redirect("trajecten:sectie", pk=traject.pk, sectie="team")
    return _team_pagina(request, traject, form=form, foutmelding=foutmelding)


@login_required
@require_POST
def teamlid_verwijderen(request, pk):
    """Remove a colleague (`verwijder`: the team member's id) from the team."""
    traject = _traject(request, pk)
    teamlid = id_uit(request.POST.get("verwijder"))
    if teamlid is None:
        raise Http404
    try:
        services.teamlid_verwijderen(actor=request.user, traject=traject, teamlid=teamlid)
    except (DomainError, ValueError) as exc:
        return _team_pagina(request, traject, foutmelding=str(exc))
    messages.success(request, _("The colleague is no longer in the team."))
    return redirect("trajecten:sectie", pk=traject.pk, sectie="team")


# --- actions --------------------------------------------------------------------------------


@login_required
@require_POST
def toelichting(request, pk):
    traject = _traject_kaal(request, pk)
    prefix = request.POST.get("prefix") or None
    form = f.ToelichtingForm(request.POST, prefix=prefix)
    if form.is_valid():
        code = form.cleaned_data["code"]
        uitvoeren(
            request,
            services.toelichting_geven,
            gelukt=_("The explanation is saved."),
            actor=request.user,
            traject=traject,
            code=code,
            tekst=form.cleaned_data["tekst"],
        )
    else:
        messages.error(request, _("Write the explanation."))
    return redirect(_terug(request, traject))


@login_required
@require_POST
def fase(request, pk):
    traject = _traject_kaal(request, pk)
    form = f.FaseForm(request.POST)
    if form.is_valid():
        uitvoeren(
            request,
            services.fase_wijzigen,
            gelukt=_("The active phase is changed."),
            actor=request.user,
            traject=traject,
            fase=form.cleaned_data["fase"],
        )
    else:
        messages.error(request, _("Choose one of the five phases."))
    return redirect("trajecten:beheer", pk=traject.pk)


def _traject_kaal(request, pk):
    return of_404(selectors.traject_om_te_beheren, request.user, pk)


def _terug(request, traject):
    """Back to the section page the form came from, or to the trajectory's page."""
    sectie = request.POST.get("sectie")
    if sectie in selectors.SECTIE_SLUGS:
        return reverse("trajecten:sectie", args=[traject.pk, sectie])
    return reverse("trajecten:beheer", args=[traject.pk])


urlpatterns = [
    path("nieuw/", nieuw, name="nieuw"),
    path("<int:pk>/beheer/", beheer, name="beheer"),
    path("<int:pk>/beheer/toelichting/", toelichting, name="toelichting"),
    path("<int:pk>/beheer/fase/", fase, name="fase"),
    path("<int:pk>/beheer/team/verwijderen/", teamlid_verwijderen, name="teamlid_verwijderen"),
    path("<int:pk>/beheer/<slug:sectie>/", sectie, name="sectie"),
]
