"""Pages: commissie. The officer composes the committee; a member declares their details,
signs a declaration per bid, scores it and submits; the chair and officers follow progress.

Bid content comes only from `beoordeling.selectors.kluis`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aanbesteden import dashboards
from aanbesteden.exceptions import DomainError
from aanbesteden.pagina import of_404, uitvoeren
from beoordeling import permissions
from beoordeling.forms.commissie import (
    AmbtenaarForm,
    GegevensForm,
    GeheimhoudingForm,
    OordeelForm,
    PercelenForm,
    ScoreForm,
    UitnodigenForm,
    VerklaringForm,
    te_scoren,
)
from beoordeling.selectors import bodinhoud, kluis
from beoordeling.selectors import commissie as selectors
from beoordeling.selectors import prijs as prijs_selectors
from beoordeling.services import commissie as services
from trajecten import permissions as trajecten_permissions
from trajecten.constants import Gunningswijze


def commissie_panel(request):
    lidmaatschappen = list(
        selectors.commissies_met_voortgang(request.user).order_by("traject__titel")
    )
    if not lidmaatschappen:
        return None
    return dashboards.Panel(
        title=_("Your selection committees"),
        template="beoordeling/panels/commissie.html",
        context={"lidmaatschappen": lidmaatschappen},
        role="commissielid",
    )


# --- the officer: composition --------------------------------------------------------


def _beheer_traject_or_404(request, pk):
    return of_404(selectors.traject_om_te_beheren, request.user, pk)


def _beheer_lid_or_404(request, lid_pk):
    return of_404(selectors.lid_om_te_beheren, request.user, lid_pk)


def _commissie_pagina(request, traject, *, uitnodigen=None, ambtenaar=None):
    """The composition page, with the given bound form where a transition failed."""
    samenstelling = selectors.samenstelling(traject)
    percelen = [p.perceel for p in samenstelling.percelen]
    if len(percelen) > 1:
        for lid in samenstelling.leden:
            lid.percelen_form = PercelenForm(  # type: ignore[attr-defined]
                prefix=f"lid{lid.pk}",
                percelen=percelen,
                initial={"percelen": [p.pk for p in lid.percelen.all()]},
            )
    return render(
        request,
        "beoordeling/commissie/commissie.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "samenstelling": samenstelling,
            "uitnodigen_form": uitnodigen or UitnodigenForm(prefix="uitnodigen", percelen=percelen),
            "ambtenaar_form": ambtenaar
            or AmbtenaarForm(
                prefix="ambtenaar",
                ambtenaren=selectors.ambtenaren_voor(traject),
                percelen=percelen,
            ),
        },
    )


def _percelen_lijst(traject):
    return list(selectors.percelen_van(traject))


@login_required
@require_GET
def commissie(request, traject_pk):
    traject = _beheer_traject_or_404(request, traject_pk)
    return _commissie_pagina(request, traject)


@login_required
@require_POST
def commissie_uitnodigen(request, traject_pk):
    traject = _beheer_traject_or_404(request, traject_pk)
    form = UitnodigenForm(request.POST, prefix="uitnodigen", percelen=_percelen_lijst(traject))
    if form.is_valid():
        data = form.cleaned_data
        uitkomst = uitvoeren(
            request,
            services.commissielid_uitnodigen,
            form=form,
            actor=request.user,
            traject=traject,
            naam=data["naam"],
            email=data["email"],
            is_bewoner=data["is_bewoner"],
            percelen=data.get("percelen") or (),
        )
        if uitkomst:
            messages.success(
                request,
                _("%(naam)s is on the committee. We sent an invitation by e-mail.")
                % {"naam": uitkomst.waarde.user.get_full_name()},
            )
            return redirect("beoordeling:commissie", traject.pk)
    return _commissie_pagina(request, traject, uitnodigen=form)


@login_required
@require_POST
def commissie_ambtenaar(request, traject_pk):
    traject = _beheer_traject_or_404(request, traject_pk)
    form = AmbtenaarForm(
        request.POST,
        prefix="ambtenaar",
        ambtenaren=selectors.ambtenaren_voor(traject),
        percelen=_percelen_lijst(traject),
    )
    if form.is_valid():
        user = form.cleaned_data["user"]
        uitkomst = uitvoeren(
            request,
            services.commissielid_toevoegen,
            form=form,
            gelukt=_("%(naam)s is on the committee.") % {"naam": user.get_full_name()},
            actor=request.user,
            traject=traject,
            user=user,
            is_bewoner=False,
            percelen=form.cleaned_data.get("percelen") or (),
        )
        if uitkomst:
            return redirect("beoordeling:commissie", traject.pk)
    return _commissie_pagina(request, traject, ambtenaar=form)


def _voorzitter_instellen(request, lid_pk, *, is_voorzitter):
    lid = _beheer_lid_or_404(request, lid_pk)
    if is_voorzitter:
        melding = _("%(naam)s is now the chair.")
    else:
        melding = _("%(naam)s is no longer the chair.")
    uitvoeren(
        request,
        services.voorzitter_instellen,
        gelukt=melding % {"naam": lid.user.get_full_name()},
        actor=request.user,
        lid=lid,
        is_voorzitter=is_voorzitter,
    )
    return redirect("beoordeling:commissie", lid.traject_id)


@login_required
@require_POST
def commissielid_voorzitter(request, lid_pk):
    return _voorzitter_instellen(request, lid_pk, is_voorzitter=True)


@login_required
@require_POST
def commissielid_geen_voorzitter(request, lid_pk):
    return _voorzitter_instellen(request, lid_pk, is_voorzitter=False)


@login_required
@require_POST
def commissielid_verwijderen(request, lid_pk):
    lid = _beheer_lid_or_404(request, lid_pk)
    uitvoeren(
        request,
        services.commissielid_verwijderen,
        gelukt=_("%(naam)s is no longer on the committee.") % {"naam": lid.user.get_full_name()},
        actor=request.user,
        lid=lid,
    )
    return redirect("beoordeling:commissie", lid.traject_id)


@login_required
@require_POST
def commissielid_percelen(request, lid_pk):
    lid = _beheer_lid_or_404(request, lid_pk)
    form = PercelenForm(request.POST, prefix=f"lid{lid.pk}", percelen=_percelen_lijst(lid.traject))
    if form.is_valid():
        uitvoeren(
            request,
            services.percelen_instellen,
            gelukt=_("The lots of %(naam)s are saved.") % {"naam": lid.user.get_full_name()},
            actor=request.user,
            lid=lid,
            percelen=form.cleaned_data["percelen"],
        )
    else:
        messages.error(request, _("Choose lots of this trajectory."))
    return redirect("beoordeling:commissie", lid.traject_id)


# --- declarations (members and officers) ---------------------------------------------


def _verklaringen_traject_or_404(request, traject_pk):
    return of_404(selectors.traject_voor_verklaringen, request.user, traject_pk)


def _verklaringen_pagina(request, traject, *, geheimhouding=None):
    return render(
        request,
        "beoordeling/commissie/verklaringen.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "blad": selectors.verklaringenblad(request.user, traject),
            "geheimhouding_form": geheimhouding or GeheimhoudingForm(),
        },
    )


@login_required
@require_GET
def verklaringen(request, traject_pk):
    traject = _verklaringen_traject_or_404(request, traject_pk)
    return _verklaringen_pagina(request, traject)


@login_required
@require_POST
def geheimhouding_tekenen(request, traject_pk):
    traject = _verklaringen_traject_or_404(request, traject_pk)
    form = GeheimhoudingForm(request.POST)
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.geheimhouding_tekenen,
            form=form,
            gelukt=_("Thank you. You signed the confidentiality declaration."),
            actor=request.user,
            traject=traject,
        )
        if uitkomst:
            return redirect("beoordeling:verklaringen", traject.pk)
    return _verklaringen_pagina(request, traject, geheimhouding=form)


def _perceel_pagina(request, traject, perceel, *, form=None):
    return render(
        request,
        "beoordeling/commissie/verklaring.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "perceel": perceel,
            "organisaties": selectors.organisaties_met_rol(perceel),
            "verklaring": selectors.verklaring_van(request.user, perceel),
            "mag_verklaren": permissions.mag_verklaren(
                permissions.toegang(request.user, traject), perceel
            ),
            "form": form or VerklaringForm(),
        },
    )


@login_required
@require_GET
def perceel_verklaring(request, traject_pk, perceel_pk):
    traject = _verklaringen_traject_or_404(request, traject_pk)
    perceel = of_404(selectors.perceel_voor_verklaring, request.user, traject, perceel_pk)
    return _perceel_pagina(request, traject, perceel)


@login_required
@require_POST
def perceel_verklaring_tekenen(request, traject_pk, perceel_pk):
    traject = _verklaringen_traject_or_404(request, traject_pk)
    perceel = of_404(selectors.perceel_voor_verklaring, request.user, traject, perceel_pk)
    form = VerklaringForm(request.POST)
    if form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.verklaring_tekenen,
            form=form,
            actor=request.user,
            perceel=perceel,
            conflict=form.cleaned_data["conflict"],
            toelichting=form.cleaned_data["toelichting"],
        )
        if uitkomst:
            if uitkomst.waarde.conflict:
                messages.success(
                    request,
                    _("Thank you for your honesty. You do not assess the bids of this lot."),
                )
            else:
                messages.success(request, _("Thank you. You signed the declaration."))
            return redirect("beoordeling:verklaringen", traject.pk)
    return _perceel_pagina(request, traject, perceel, form=form)


# --- the member -----------------------------------------------------------------------


@login_required
def mijn_gegevens(request, lid_pk):
    lid = of_404(selectors.eigen_lid, request.user, lid_pk)
    form = GegevensForm(
        request.POST or None, initial={"leeftijdsgroep": lid.leeftijdsgroep, "buurt": lid.buurt}
    )
    if request.method == "POST" and form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.gegevens_wijzigen,
            form=form,
            gelukt=_("Thank you. Your details are saved."),
            actor=request.user,
            lid=lid,
            **form.cleaned_data,
        )
        if uitkomst:
            return redirect("beoordeling:commissie_biedingen", lid.traject_id)
    return render(
        request,
        "beoordeling/commissie/gegevens.html",
        {"lid": lid, "traject": lid.traject, "gemeente": lid.traject.gemeente, "form": form},
    )


@login_required
def commissie_biedingen(request, traject_pk):
    lid = of_404(selectors.lid_van, request.user, traject_pk)
    regels = selectors.biedingen_van_lid(lid)
    return render(
        request,
        "beoordeling/commissie/biedingen.html",
        {
            "lid": lid,
            "traject": lid.traject,
            "gemeente": lid.traject.gemeente,
            "regels": regels,
            "mag_voortgang_zien": permissions.mag_voortgang_zien(
                request.user, lid.traject, lid=lid
            ),
            "mag_toelichting_schrijven": permissions.mag_toelichting_schrijven(
                request.user, lid.traject, lid=lid
            ),
            "klaar": sum(1 for r in regels if r.staat == selectors.INGEDIEND),
            "te_doen": sum(1 for r in regels if r.staat != selectors.CONFLICT),
        },
    )


def _bod_voor_lid_or_404(request, bod_pk):
    return of_404(selectors.bod_voor_lid, request.user, bod_pk)


@login_required
@require_GET
def verklaring(request, bod_pk):
    """The declarations are per lot (issue 13): this old address of a bid's declaration
    leads to its lot's declaration."""
    bod = of_404(selectors.bod_voor_verklaring, request.user, bod_pk)
    return redirect("beoordeling:perceel_verklaring", bod.traject_id, bod.perceel_id)


INHOUD_LABELS = {
    "plan": gettext_lazy("Plan and activities"),
    "wie": gettext_lazy("Who does what"),
    "globale_begroting": gettext_lazy("Rough budget"),
    "vragen": gettext_lazy("Questions of the municipality"),
    "planning": gettext_lazy("Planning"),
    "begroting": gettext_lazy("Budget"),
    "financiering": gettext_lazy("Financing"),
    "verdienmodel": gettext_lazy("Earning model"),
    "resultaten": gettext_lazy("How results are measured"),
    "sroi": gettext_lazy("Social return"),
}


def _inhoud_secties(inhoud):
    """The bid's content as sections for the page: known parts first, in a fixed order,
    then any other part. Lists of rows become tables."""
    if not isinstance(inhoud, dict):
        return []
    sleutels = [k for k in INHOUD_LABELS if k in inhoud] + sorted(
        k for k in inhoud if k not in INHOUD_LABELS
    )
    secties = []
    for sleutel in sleutels:
        waarde = inhoud[sleutel]
        if waarde in (None, "", [], {}):
            continue
        if sleutel == "prijs":  # issue 13, rule 8
            waarde = prijs_selectors.als_geld(waarde)
        label = INHOUD_LABELS.get(sleutel, sleutel.replace("_", " ").capitalize())
        if sleutel in bodinhoud.ALS_PAREN:  # issue 14, point 4: question and answer
            secties.append({"label": label, "paren": bodinhoud.paren_van(sleutel, waarde)})
        elif isinstance(waarde, list) and all(isinstance(r, dict) for r in waarde):
            kolommen = list(dict.fromkeys(k for r in waarde for k in r))
            rijen = [[r.get(k, "") for k in kolommen] for r in waarde]
            secties.append({"label": label, "kolommen": kolommen, "rijen": rijen})
        elif isinstance(waarde, dict):
            secties.append({"label": label, "paren": list(waarde.items())})
        elif isinstance(waarde, list):
            secties.append({"label": label, "lijst": waarde})
        else:
            secties.append({"label": label, "tekst": str(waarde)})
    return secties


def _score_forms(data, blad, disabled):
    return [
        ScoreForm(
            data,
            criterium=criterium,
            initial=ScoreForm.initial_van(blad.eigen_scores.get(criterium.pk)),
            disabled=disabled,
        )
        for criterium in te_scoren(blad.criteria)
    ]


def _opslaan(request, bod, score_forms, oordeel_form):
    """Save every criterion (and the judgement); errors go to their field. True when all
    went well."""
    goed = True
    for form in score_forms:
        try:
            services.score_opslaan(
                actor=request.user, bod=bod, criterium=form.criterium, **form.service_kwargs()
            )
        except DomainError as exc:
            form.add_error("waarde", str(exc))
            goed = False
    if oordeel_form is not None:
        try:
            services.oordeel_opslaan(
                actor=request.user,
                bod=bod,
                oordeel=oordeel_form.cleaned_data.get("oordeel", ""),
                rang=oordeel_form.cleaned_data.get("rang"),
            )
        except DomainError as exc:
            oordeel_form.add_error(None, str(exc))
            goed = False
    return goed


def _scoren(request, bod_pk, *, indienen=False):
    """The scoring page; a POST saves every criterion (and the judgement), and with
    `indienen` then submits the assessment."""
    lid, bod = _bod_voor_lid_or_404(request, bod_pk)
    if not permissions.mag_scoren(lid, bod):
        raise Http404  # no declaration, or a conflict: never the content
    traject = lid.traject
    blad = selectors.scoreblad(lid, bod)
    if request.method == "POST" and blad.ingediend:
        messages.error(request, _("You have submitted your assessment: your scores are fixed."))
        return redirect("beoordeling:scoren", bod.pk)
    kwaliteit = traject.gunningswijze == Gunningswijze.KWALITEIT
    data = request.POST if request.method == "POST" and not blad.ingediend else None
    score_forms = _score_forms(data, blad, blad.ingediend)
    oordeel_form = None
    if kwaliteit:
        beoordeling = blad.beoordeling
        oordeel_form = OordeelForm(
            data,
            aantal=selectors.aantal_biedingen_in_perceel(bod),
            disabled=blad.ingediend,
            initial={
                "oordeel": beoordeling.oordeel if beoordeling else "",
                "rang": str(beoordeling.rang) if beoordeling and beoordeling.rang else "",
            },
        )
    fout = ""
    if data is not None:
        forms_ok = all(f.is_valid() for f in score_forms)
        forms_ok = (oordeel_form is None or oordeel_form.is_valid()) and forms_ok
        if forms_ok and _opslaan(request, bod, score_forms, oordeel_form):
            if request.headers.get("HX-Request"):
                return render(request, "beoordeling/commissie/_opgeslagen.html", {})
            if indienen:
                try:
                    services.beoordeling_indienen(actor=request.user, bod=bod)
                except DomainError as exc:
                    fout = str(exc)  # shown above the form, with what was saved
                else:
                    messages.success(
                        request,
                        _("Your assessment is submitted. Now you can see the other scores."),
                    )
                    return redirect("beoordeling:scoren", bod.pk)
            else:
                messages.success(request, _("Your scores are saved."))
                return redirect("beoordeling:scoren", bod.pk)
        if request.headers.get("HX-Request"):
            return render(
                request, "beoordeling/commissie/_opgeslagen.html", {"fout": True}, status=200
            )
    inzage = kluis.inzage(request.user, bod)
    return render(
        request,
        "beoordeling/commissie/scoren.html",
        {
            "lid": lid,
            "bod": bod,
            "traject": traject,
            "gemeente": traject.gemeente,
            "secties": _inhoud_secties(kluis.inhoud_van(request.user, bod, inzage=inzage)),
            "bijlagen": list(kluis.bijlagen_van(request.user, bod, inzage=inzage)),
            "toezeggingen": kluis.toezeggingen_voor(request.user, bod, inzage=inzage),
            "samenstelling": kluis.samenstelling_voor(
                request.user, bod, traject.gemeente.penvoerder_max_aandeel, inzage=inzage
            ),
            "blad": blad,
            "score_forms": score_forms,
            "oordeel_form": oordeel_form,
            "fout": fout,
            "kwaliteit": kwaliteit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def scoren(request, bod_pk):
    return _scoren(request, bod_pk)


@login_required
@require_POST
def scoren_indienen(request, bod_pk):
    return _scoren(request, bod_pk, indienen=True)


@login_required
def voortgang(request, traject_pk):
    traject = of_404(selectors.traject_voor_voortgang, request.user, traject_pk)
    return render(
        request,
        "beoordeling/commissie/voortgang.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "regels": selectors.voortgang(traject),
            "mag_beheren": bool(trajecten_permissions.mag_beheren(request.user, traject)),
        },
    )


urlpatterns = [
    path("trajecten/<int:traject_pk>/commissie/", commissie, name="commissie"),
    path(
        "trajecten/<int:traject_pk>/commissie/uitnodigen/",
        commissie_uitnodigen,
        name="commissie_uitnodigen",
    ),
    path(
        "trajecten/<int:traject_pk>/commissie/ambtenaar/",
        commissie_ambtenaar,
        name="commissie_ambtenaar",
    ),
    path(
        "commissie/<int:lid_pk>/voorzitter/",
        commissielid_voorzitter,
        name="commissielid_voorzitter",
    ),
    path(
        "commissie/<int:lid_pk>/geen-voorzitter/",
        commissielid_geen_voorzitter,
        name="commissielid_geen_voorzitter",
    ),
    path(
        "commissie/<int:lid_pk>/verwijderen/",
        commissielid_verwijderen,
        name="commissielid_verwijderen",
    ),
    path("commissie/<int:lid_pk>/gegevens/", mijn_gegevens, name="mijn_gegevens"),
    path(
        "trajecten/<int:traject_pk>/beoordelen/",
        commissie_biedingen,
        name="commissie_biedingen",
    ),
    path("beoordelen/<int:bod_pk>/verklaring/", verklaring, name="verklaring"),
    path(
        "commissie/<int:lid_pk>/percelen/",
        commissielid_percelen,
        name="commissielid_percelen",
    ),
    path("trajecten/<int:traject_pk>/verklaringen/", verklaringen, name="verklaringen"),
    path(
        "trajecten/<int:traject_pk>/verklaringen/geheimhouding/",
        geheimhouding_tekenen,
        name="geheimhouding_tekenen",
    ),
    path(
        "trajecten/<int:traject_pk>/verklaringen/perceel/<int:perceel_pk>/",
        perceel_verklaring,
        name="perceel_verklaring",
    ),
    path(
        "trajecten/<int:traject_pk>/verklaringen/perceel/<int:perceel_pk>/tekenen/",
        perceel_verklaring_tekenen,
        name="perceel_verklaring_tekenen",
    ),
    path("beoordelen/<int:bod_pk>/", scoren, name="scoren"),
    path("beoordelen/<int:bod_pk>/indienen/", scoren_indienen, name="scoren_indienen"),
    path("trajecten/<int:traject_pk>/voortgang/", voortgang, name="voortgang"),
]
