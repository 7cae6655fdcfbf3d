"""Pages: the partner board of a trajectory, interest, contact between organisations,
invitations of unusual suspects and key parties.

No page shows an e-mail address of anyone, except the conversation page after the
contacted organisation answered (then both sides see the addresses of who wrote)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanbesteden.pagina import of_404, uitvoeren
from coalities.filters import InteresseFilter
from coalities.forms.partnerbord import (
    AntwoordForm,
    ContactForm,
    InteresseForm,
    SleutelpartijForm,
    SleutelpartijZoekForm,
    TrajectUitnodigingForm,
)
from coalities.selectors import coalitie as coalitie_selectors
from coalities.selectors import partnerbord as selectors
from coalities.services import partnerbord as services
from trajecten import permissions as trajecten_permissions
from trajecten import selectors as traject_selectors
from trajecten.constants import GEMEENTE_ROL_UITLEG

BORD_SIZE = 20
GESPREKKEN_SIZE = 25


def _traject_or_404(request, pk):
    return of_404(traject_selectors.traject_voor, request.user, pk)


def _gepubliceerd_traject_or_404(request, pk):
    traject = _traject_or_404(request, pk)
    if not traject.is_gepubliceerd:
        raise Http404
    return traject


def _beheerbaar_traject_or_404(request, pk):
    traject = _traject_or_404(request, pk)
    if not trajecten_permissions.mag_beheren(request.user, traject):
        raise Http404
    return traject


def _eerst_een_organisatie(request):
    """A user with no organisation registers one first, and comes back here."""
    messages.info(request, _("First register your organisation. Then you come back here."))
    return redirect(f"{reverse('coalities:nieuw')}?{urlencode({'next': request.get_full_path()})}")


# The board


def partnerbord(request, traject_pk):
    """Public for a published trajectory; a draft only for its officers (and empty)."""
    traject = _traject_or_404(request, traject_pk)
    percelen = selectors.percelen_van(traject)
    interesses = selectors.interesses_op_bord(traject)
    sleutelpartijen = (
        list(selectors.sleutelpartijen_van(traject)) if traject.is_gepubliceerd else []
    )
    filterset = InteresseFilter(request.GET, queryset=interesses, percelen=percelen)
    page = Paginator(filterset.qs, BORD_SIZE).get_page(request.GET.get("page"))
    # Issue 14, point 7: per organisation, per lot, the coalitions it already takes part in.
    page.object_list = list(page.object_list)
    bezetting = coalitie_selectors.bezetting_van(
        traject, [interesse.organisatie_id for interesse in page.object_list]
    )
    for interesse in page.object_list:
        interesse.bezetting = bezetting.get(interesse.organisatie_id, [])
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "mag_beheren": bool(trajecten_permissions.mag_beheren(request.user, traject)),
        "gemeente_rol_uitleg": GEMEENTE_ROL_UITLEG.get(traject.gemeente_rol, ""),
        "percelen": percelen,
        "filter": filterset,
        "page": page,
        "sleutelpartijen": sleutelpartijen,
        "mijn_organisatie_ids": selectors.organisatie_ids_van(request.user),
    }
    return render(request, "coalities/partnerbord/bord.html", context)


# Interest


@login_required
def interesse(request, traject_pk):
    """Show or change the interest of one of your organisations; withdraw it."""
    traject = _gepubliceerd_traject_or_404(request, traject_pk)
    mijn = list(selectors.organisaties_van(request.user))
    if not mijn:
        return _eerst_een_organisatie(request)
    percelen = selectors.percelen_van(traject)
    eigen = list(selectors.interesses_van_organisaties(traject, mijn))
    if request.method == "POST":
        form = InteresseForm(request.POST, organisaties=mijn, percelen=percelen)
        if form.is_valid() and uitvoeren(
            request,
            services.interesse_tonen,
            form=form,
            gelukt=_("Your interest is on the partner board."),
            actor=request.user,
            traject=traject,
            organisatie=form.cleaned_data["organisatie"],
            bieden=form.cleaned_data["bieden"],
            zoeken=form.cleaned_data["zoeken"],
            percelen=form.cleaned_data.get("percelen", ()),
        ):
            return redirect("coalities:partnerbord", traject_pk=traject.pk)
    else:
        gekozen = _gekozen_organisatie(request.GET.get("organisatie"), mijn)
        initial = {"organisatie": gekozen.pk}
        bestaand = next((i for i in eigen if i.organisatie_id == gekozen.pk), None)
        if bestaand is not None:
            initial.update(
                bieden=bestaand.bieden,
                zoeken=bestaand.zoeken,
                percelen=[p.pk for p in bestaand.percelen.all()],
            )
        form = InteresseForm(initial=initial, organisaties=mijn, percelen=percelen)
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "form": form,
        "eigen_interesses": eigen,
    }
    return render(request, "coalities/partnerbord/interesse.html", context)


def _gekozen_organisatie(waarde, mijn):
    for organisatie in mijn:
        if str(organisatie.pk) == str(waarde):
            return organisatie
    return mijn[0]


@require_POST
@login_required
def interesse_intrekken(request, traject_pk):
    """Withdraw the interest of one of your organisations (the `organisatie` field)."""
    traject = _gepubliceerd_traject_or_404(request, traject_pk)
    mijn = list(selectors.organisaties_van(request.user))
    if not mijn:
        return _eerst_een_organisatie(request)
    organisatie = next((o for o in mijn if str(o.pk) == request.POST.get("organisatie")), None)
    bestaand = selectors.interesse_van(traject, organisatie) if organisatie else None
    if bestaand is None:
        raise Http404
    uitvoeren(
        request,
        services.interesse_intrekken,
        gelukt=_("The interest is withdrawn."),
        actor=request.user,
        interesse=bestaand,
    )
    return redirect("coalities:interesse", traject_pk=traject.pk)


# Contact


@login_required
def contact(request, traject_pk, organisatie_pk):
    """Write to an organisation's administrators about a published trajectory."""
    traject = _gepubliceerd_traject_or_404(request, traject_pk)
    aan = of_404(selectors.organisatie, organisatie_pk)
    mijn = list(selectors.organisaties_van(request.user).exclude(pk=aan.pk))
    if not mijn:
        if selectors.is_lid(request.user, aan):
            messages.info(request, _("This is your own organisation."))
            return redirect("coalities:partnerbord", traject_pk=traject.pk)
        return _eerst_een_organisatie(request)
    form = ContactForm(request.POST or None, organisaties=mijn)
    if request.method == "POST" and form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.bericht_sturen,
            form=form,
            gelukt=_("Your message is sent."),
            actor=request.user,
            traject=traject,
            van=form.cleaned_data["van"],
            aan=aan,
            tekst=form.cleaned_data["tekst"],
        )
        if uitkomst:
            return redirect("coalities:gesprek", pk=uitkomst.waarde.pk)
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "aan": aan,
        "form": form,
        "bestaande_gesprekken": selectors.gesprekken_met(traject, aan, mijn),
    }
    return render(request, "coalities/partnerbord/contact.html", context)


@login_required
def gesprekken(request):
    page = Paginator(selectors.gesprekken_voor(request.user), GESPREKKEN_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "mijn_organisatie_ids": selectors.organisatie_ids_van(request.user)}
    return render(request, "coalities/partnerbord/gesprekken.html", context)


@login_required
def gesprek(request, pk):
    """One conversation; only members of its two organisations see it."""
    gesprek = of_404(selectors.gesprek_voor, request.user, pk)
    kanten = selectors.kanten_van(request.user, gesprek)
    form = AntwoordForm(request.POST or None, kanten=kanten)
    if request.method == "POST" and form.is_valid():
        if uitvoeren(
            request,
            services.antwoord_sturen,
            form=form,
            gelukt=_("Your message is sent."),
            actor=request.user,
            gesprek=gesprek,
            namens=form.cleaned_data["namens"],
            tekst=form.cleaned_data["tekst"],
        ):
            return redirect("coalities:gesprek", pk=gesprek.pk)
    context = {
        "gesprek": gesprek,
        "traject": gesprek.traject,
        "gemeente": gesprek.traject.gemeente,
        "berichten": selectors.berichten_van(gesprek),
        "toon_adressen": selectors.toon_adressen(gesprek),
        "form": form,
    }
    return render(request, "coalities/partnerbord/gesprek.html", context)


# Officers: unusual suspects and key parties


@login_required
def uitnodigen(request, traject_pk):
    traject = _beheerbaar_traject_or_404(request, traject_pk)
    form = TrajectUitnodigingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if uitvoeren(
            request,
            services.traject_uitnodiging_versturen,
            form=form,
            gelukt=_("The invitation is sent, unless this address was invited before."),
            actor=request.user,
            traject=traject,
            **form.cleaned_data,
        ):
            return redirect("coalities:uitnodigen", traject_pk=traject.pk)
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "form": form,
        "uitnodigingen": selectors.uitnodigingen_van(traject),
    }
    return render(request, "coalities/partnerbord/uitnodigen.html", context)


@login_required
def sleutelpartijen(request, traject_pk):
    traject = _beheerbaar_traject_or_404(request, traject_pk)
    zoek_form = SleutelpartijZoekForm(request.GET or None)
    zoek = zoek_form.cleaned_data["zoek"] if zoek_form.is_valid() else ""
    kandidaten = selectors.kandidaat_sleutelpartijen(traject, zoek=zoek)
    if request.method == "POST":
        form = SleutelpartijForm(request.POST, kandidaten=kandidaten)
        if form.is_valid() and uitvoeren(
            request,
            services.sleutelpartij_aanwijzen,
            form=form,
            gelukt=_("The organisation is a key party now."),
            actor=request.user,
            traject=traject,
            **form.cleaned_data,
        ):
            return redirect("coalities:sleutelpartijen", traject_pk=traject.pk)
    else:
        form = SleutelpartijForm(kandidaten=kandidaten)
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "zoek_form": zoek_form,
        "zoek": zoek,
        "form": form,
        "kandidaten": kandidaten,
        "sleutelpartijen": selectors.sleutelpartijen_van(traject),
    }
    return render(request, "coalities/partnerbord/sleutelpartijen.html", context)


@require_POST
@login_required
def sleutelpartij_intrekken(request, traject_pk):
    """Unmark a key party of the trajectory (the `sleutelpartij` field)."""
    traject = _beheerbaar_traject_or_404(request, traject_pk)
    sleutelpartij = of_404(selectors.sleutelpartij_van, traject, request.POST.get("sleutelpartij"))
    uitvoeren(
        request,
        services.sleutelpartij_intrekken,
        gelukt=_("The organisation is no longer a key party."),
        actor=request.user,
        sleutelpartij=sleutelpartij,
    )
    return redirect("coalities:sleutelpartijen", traject_pk=traject.pk)


urlpatterns = [
    path("trajecten/<int:traject_pk>/partnerbord/", partnerbord, name="partnerbord"),
    path("trajecten/<int:traject_pk>/interesse/", interesse, name="interesse"),
    path(
        "trajecten/<int:traject_pk>/interesse/intrekken/",
        interesse_intrekken,
        name="interesse_intrekken",
    ),
    path(
        "trajecten/<int:traject_pk>/contact/<int:organisatie_pk>/",
        contact,
        name="contact",
    ),
    path("gesprekken/", gesprekken, name="gesprekken"),
    path("gesprekken/<int:pk>/", gesprek, name="gesprek"),
    path("trajecten/<int:traject_pk>/uitnodigen/", uitnodigen, name="uitnodigen"),
    path("trajecten/<int:traject_pk>/sleutelpartijen/", sleutelpartijen, name="sleutelpartijen"),
    path(
        "trajecten/<int:traject_pk>/sleutelpartijen/intrekken/",
        sleutelpartij_intrekken,
        name="sleutelpartij_intrekken",
    ),
]
