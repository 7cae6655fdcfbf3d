"""Pages: coalitie. Forming a coalition, inviting partners, answering, shares, leaving;
the coalition page with its split of budget and say; the officer's overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanbesteden.invoer import id_uit
from aanbesteden.pagina import of_404, uitvoeren
from coalities.constants import PartnerStatus
from coalities.forms.coalitie import (
    CoalitieVormenForm,
    CoalitieWijzigenForm,
    OnafhankelijkheidForm,
    OrganisatieZoekenForm,
    PartnerUitnodigenForm,
    PartnerWijzigenForm,
    ToezeggingForm,
)
from coalities.permissions import mag_coalitie_leiden, partner_kan_vertrekken
from coalities.selectors import coalitie as selectors
from coalities.selectors import organisaties_van
from coalities.services import coalitie as services
from trajecten import permissions as trajecten_permissions
from trajecten import selectors as traject_selectors


def _leiding_or_404(request, pk):
    """A coalition the user may change: an administrator of its lead organisation."""
    coalitie = of_404(selectors.coalitie_voor, request.user, pk)
    if not mag_coalitie_leiden(request.user, coalitie):
        raise Http404
    return coalitie


def _context(coalitie, **extra):
    return {
        "coalitie": coalitie,
        "traject": coalitie.traject,
        "gemeente": coalitie.traject.gemeente,
        **extra,
    }


@login_required
def coalitie_nieuw(request, traject_pk):
    traject = of_404(traject_selectors.traject_voor, request.user, traject_pk)
    organisaties = organisaties_van(request.user, beheerder=True)
    form = CoalitieVormenForm(request.POST or None, traject=traject, organisaties=organisaties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uitkomst = uitvoeren(
            request,
            services.coalitie_vormen,
            form=form,
            gelukt=_("The coalition is formed. Now invite your partners."),
            actor=request.user,
            traject=traject,
            organisatie=data["organisatie"],
            naam=data["naam"],
            percelen=list(data.get("percelen") or ()),
            rol=data["rol"],
            plan=data["plan"],
            bijdrage=data["bijdrage"],
            aandeel_budget=data["aandeel_budget"],
            aandeel_zeggenschap=data["aandeel_zeggenschap"],
        )
        if uitkomst:
            return redirect(uitkomst.waarde.get_absolute_url())
    return render(
        request,
        "coalities/coalitie/nieuw.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "form": form,
            "heeft_organisatie": organisaties.exists(),
        },
    )


@login_required  # the link in an invitation's e-mail: log in first, then see the coalition
def coalitie(request, pk):
    coalitie = of_404(selectors.coalitie_voor, request.user, pk)
    overzicht = selectors.coalitie_overzicht(request.user, coalitie)
    return render(
        request,
        "coalities/coalitie/coalitie.html",
        _context(coalitie, overzicht=overzicht, percelen=list(coalitie.percelen.all())),
    )


@login_required
def coalitie_bewerken(request, pk):
    coalitie = _leiding_or_404(request, pk)
    form = CoalitieWijzigenForm(
        request.POST or None,
        coalitie=coalitie,
        initial=CoalitieWijzigenForm.initial_van(coalitie),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        velden = {"naam": data["naam"], "plan": data["plan"]}
        if "percelen" in data:
            velden["percelen"] = list(data["percelen"])
        if uitvoeren(
            request,
            services.coalitie_wijzigen,
            form=form,
            gelukt=_("The coalition is changed."),
            actor=request.user,
            coalitie=coalitie,
            **velden,
        ):
            return redirect(coalitie.get_absolute_url())
    return render(request, "coalities/coalitie/bewerken.html", _context(coalitie, form=form))


@login_required
def coalitie_partner_uitnodigen(request, pk):
    coalitie = _leiding_or_404(request, pk)
    zoekform = OrganisatieZoekenForm(request.GET or None)
    zoekterm = zoekform.cleaned_data["zoek"] if zoekform.is_valid() else ""
    # Issue 14, point 7: only organisations that can still be invited on the coalition's
    # lots are offered; the others are listed with the reason (the invite service's rule).
    geinteresseerd_alle = list(selectors.geinteresseerde_organisaties(coalitie))
    gevonden_alle = list(selectors.organisaties_zoeken(coalitie, zoekterm))
    kandidaten = {
        k.organisatie.pk: k
        for k in selectors.kandidaten(
            coalitie,
            {**{o.pk: o for o in geinteresseerd_alle}, **{o.pk: o for o in gevonden_alle}}.values(),
        )
    }
    geinteresseerd = [o for o in geinteresseerd_alle if kandidaten[o.pk].kan]
    gevonden = [o for o in gevonden_alle if kandidaten[o.pk].kan]
    form = PartnerUitnodigenForm(
        request.POST or None,
        geinteresseerd=geinteresseerd,
        gevonden=gevonden,
        alleen_als={pk: k.alleen_als for pk, k in kandidaten.items() if k.kan and k.alleen_als},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if uitvoeren(
            request,
            services.partner_uitnodigen,
            form=form,
            gelukt=_("%(organisatie)s is invited. It counts in the coalition once it accepts.")
            % {"organisatie": data["organisatie"].naam},
            actor=request.user,
            coalitie=coalitie,
            organisatie=data["organisatie"],
            rol=data["rol"],
            bijdrage=data["bijdrage"],
            aandeel_budget=data["aandeel_budget"],
            aandeel_zeggenschap=data["aandeel_zeggenschap"],
        ):
            return redirect(coalitie.get_absolute_url())
    return render(
        request,
        "coalities/coalitie/uitnodigen.html",
        _context(
            coalitie,
            form=form,
            zoekform=zoekform,
            zoekterm=zoekterm,
            geinteresseerd=geinteresseerd,
            gevonden=gevonden,
            niet_uit_te_nodigen=[k for k in kandidaten.values() if not k.kan],
        ),
    )


@login_required
def coalitie_partner(request, pk, partner_pk):
    coalitie = _leiding_or_404(request, pk)
    partner = of_404(selectors.partner_van, coalitie, partner_pk)
    form = PartnerWijzigenForm(request.POST or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        if uitvoeren(
            request,
            services.partner_wijzigen,
            form=form,
            gelukt=_("The agreements with this organisation are changed."),
            actor=request.user,
            partner=partner,
            **form.cleaned_data,
        ):
            return redirect(coalitie.get_absolute_url())
    return render(
        request, "coalities/coalitie/partner.html", _context(coalitie, form=form, partner=partner)
    )


def _eigen_partner_or_404(request, coalitie, status):
    partners = selectors.partners_beheerd_door(request.user, coalitie, status=status)
    return of_404(partners.get, pk=id_uit(request.POST.get("partner")))


@require_POST
@login_required
def coalitie_accepteren(request, pk):
    """An administrator of an invited organisation (the `partner` field) accepts."""
    coalitie = of_404(selectors.coalitie_voor, request.user, pk)
    partner = _eigen_partner_or_404(request, coalitie, PartnerStatus.UITGENODIGD)
    uitkomst = uitvoeren(
        request,
        services.uitnodiging_beantwoorden,
        actor=request.user,
        partner=partner,
        accepteren=True,
    )
    if uitkomst and uitkomst.waarde.is_toegezegd:
        messages.success(
            request,
            _(
                "Your acceptance is recorded. The bid was already submitted without your "
                "organisation: it takes part from the next version of the bid."
            ),
        )
    elif uitkomst:
        messages.success(request, _("You have joined the coalition."))
    return redirect(coalitie.get_absolute_url())


@require_POST
@login_required
def coalitie_afwijzen(request, pk):
    """An administrator of an invited organisation (the `partner` field) declines."""
    coalitie = of_404(selectors.coalitie_voor, request.user, pk)
    partner = _eigen_partner_or_404(request, coalitie, PartnerStatus.UITGENODIGD)
    if not uitvoeren(
        request,
        services.uitnodiging_beantwoorden,
        gelukt=_("You have declined the invitation."),
        actor=request.user,
        partner=partner,
        accepteren=False,
    ):
        return redirect(coalitie.get_absolute_url())
    return redirect(coalitie.traject.get_absolute_url())


@login_required
def coalitie_verlaten(request, pk):
    coalitie = of_404(selectors.coalitie_voor, request.user, pk)
    te_verlaten = [
        p
        for p in selectors.partners_beheerd_door(
            request.user, coalitie, status=PartnerStatus.GEACCEPTEERD
        )
        if partner_kan_vertrekken(p)
    ]
    if request.method == "POST":
        partner = _eigen_partner_or_404(request, coalitie, PartnerStatus.GEACCEPTEERD)
        if not uitvoeren(request, services.coalitie_verlaten, actor=request.user, partner=partner):
            return redirect(coalitie.get_absolute_url())
        messages.success(
            request,
            _("%(organisatie)s has left the coalition.")
            % {"organisatie": partner.organisatie.naam},
        )
        return redirect(coalitie.traject.get_absolute_url())
    if not te_verlaten:
        raise Http404
    return render(
        request, "coalities/coalitie/verlaten.html", _context(coalitie, te_verlaten=te_verlaten)
    )


@login_required
def coalities_traject(request, traject_pk):
    traject = of_404(traject_selectors.traject_voor, request.user, traject_pk)
    if not trajecten_permissions.mag_beheren(request.user, traject):
        raise Http404
    return render(
        request,
        "coalities/coalitie/traject.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "rijen": selectors.coalities_van_traject(traject),
            "max_aandeel": traject.gemeente.penvoerder_max_aandeel,
        },
    )


@login_required
def coalitie_toezegging(request, pk, partner_pk):
    """Issue 13, rule 1: a key party's administrator writes what it offers the coalition."""
    coalitie = of_404(selectors.coalitie_voor, request.user, pk)
    partner = of_404(selectors.toezegging_partner, request.user, coalitie, partner_pk)
    form = ToezeggingForm(request.POST or None, initial={"tekst": partner.toezegging})
    if request.method == "POST" and form.is_valid():
        if uitvoeren(
            request,
            services.toezegging_opslaan,
            form=form,
            gelukt=_("Your commitment is saved. The coalition can read it now."),
            actor=request.user,
            partner=partner,
            tekst=form.cleaned_data["tekst"],
        ):
            return redirect(coalitie.get_absolute_url())
    return render(
        request,
        "coalities/coalitie/toezegging.html",
        _context(coalitie, form=form, partner=partner),
    )


def _onafhankelijkheid_pagina(request, traject, form=None):
    return render(
        request,
        "coalities/coalitie/onafhankelijkheid.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "blokken": selectors.onafhankelijkheid_overzicht(request.user, traject),
            "form": form or OnafhankelijkheidForm(),
            "tekst": services.ONAFHANKELIJKHEID_TEKST,
        },
    )


@login_required
def onafhankelijkheid(request, traject_pk):
    """Issue 13, rule 1: the declarations of independence of the user's organisations."""
    traject = of_404(traject_selectors.traject_voor, request.user, traject_pk)
    return _onafhankelijkheid_pagina(request, traject)


@login_required
@require_POST
def onafhankelijkheid_tekenen(request, traject_pk, organisatie_pk, perceel_pk):
    traject = of_404(traject_selectors.traject_voor, request.user, traject_pk)
    blok = next(
        (
            b
            for b in selectors.onafhankelijkheid_overzicht(request.user, traject)
            if b.organisatie.pk == organisatie_pk
        ),
        None,
    )
    if blok is None:
        raise Http404
    regel = next((r for r in blok.regels if (r.perceel.pk if r.perceel else 0) == perceel_pk), None)
    if regel is None:
        raise Http404
    form = OnafhankelijkheidForm(request.POST)
    if form.is_valid() and uitvoeren(
        request,
        services.onafhankelijkheid_verklaren,
        form=form,
        gelukt=_("The declaration of independence is signed."),
        actor=request.user,
        organisatie=blok.organisatie,
        traject=traject,
        perceel=regel.perceel,
    ):
        return redirect("coalities:onafhankelijkheid", traject_pk=traject.pk)
    return _onafhankelijkheid_pagina(request, traject, form=form)


urlpatterns = [
    path("trajecten/<int:traject_pk>/coalitie/nieuw/", coalitie_nieuw, name="coalitie_nieuw"),
    path("trajecten/<int:traject_pk>/coalities/", coalities_traject, name="coalities_traject"),
    path("coalities/<int:pk>/", coalitie, name="coalitie"),
    path("coalities/<int:pk>/bewerken/", coalitie_bewerken, name="coalitie_bewerken"),
    path(
        "coalities/<int:pk>/uitnodigen/",
        coalitie_partner_uitnodigen,
        name="coalitie_partner_uitnodigen",
    ),
    path(
        "coalities/<int:pk>/partners/<int:partner_pk>/",
        coalitie_partner,
        name="coalitie_partner",
    ),
    path(
        "coalities/<int:pk>/antwoord/accepteren/",
        coalitie_accepteren,
        name="coalitie_accepteren",
    ),
    path("coalities/<int:pk>/antwoord/afwijzen/", coalitie_afwijzen, name="coalitie_afwijzen"),
    path("coalities/<int:pk>/verlaten/", coalitie_verlaten, name="coalitie_verlaten"),
    path(
        "coalities/<int:pk>/toezegging/<int:partner_pk>/",
        coalitie_toezegging,
        name="coalitie_toezegging",
    ),
    path(
        "trajecten/<int:traject_pk>/onafhankelijkheid/",
        onafhankelijkheid,
        name="onafhankelijkheid",
    ),
    path(
        "trajecten/<int:traject_pk>/onafhankelijkheid/<int:organisatie_pk>/<int:perceel_pk>/tekenen/",
        onafhankelijkheid_tekenen,
        name="onafhankelijkheid_tekenen",
    ),
]
