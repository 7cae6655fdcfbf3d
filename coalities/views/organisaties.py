"""Pages of organisations: the directory, registering, the profile, members and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanbesteden import dashboards
from aanbesteden.pagina import of_404, uitvoeren
from aanbesteden.selectors import gemeente_ids_van
from coalities.forms.organisaties import (
    OrganisatieFilter,
    OrganisatieForm,
    RolForm,
    UitnodigenForm,
)
from coalities.permissions import (
    mag_lid_verwijderen,
    mag_organisatie_beheren,
    mag_uitnodiging_aannemen,
)
from coalities.selectors import organisaties as selectors
from coalities.services import organisaties as services

LIJST_SIZE = 20


def organisatie_panel(request):
    lidmaatschappen = list(
        selectors.lidmaatschappen_van(request.user).order_by("organisatie__naam")
    )
    if lidmaatschappen:
        return dashboards.Panel(
            title=_("Your organisations"),
            template="coalities/panels/organisaties.html",
            context={"lidmaatschappen": lidmaatschappen},
            role="organisatielid",
        )
    if request.user.is_platformbeheerder or gemeente_ids_van(request.user):
        return None  # officers and platform administrators do not bid
    return dashboards.Panel(
        title=_("Organisations"),
        template="coalities/panels/organisatie_aanmelden.html",
        context={},
        role="organisatie",
    )


def lijst(request):
    filterset = OrganisatieFilter(request.GET, queryset=selectors.organisaties_lijst())
    page = Paginator(filterset.qs, LIJST_SIZE).get_page(request.GET.get("page"))
    return render(request, "coalities/organisaties/lijst.html", {"filter": filterset, "page": page})


@login_required
def nieuw(request):
    form = OrganisatieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        uitkomst = uitvoeren(
            request,
            services.organisatie_registreren,
            form=form,
            gelukt=_("Your organisation is registered. You are its administrator."),
            actor=request.user,
            **form.cleaned_data,
        )
        if uitkomst:
            return redirect(uitkomst.waarde.get_absolute_url())
    return render(request, "coalities/organisaties/nieuw.html", {"form": form})


def organisatie(request, pk):
    mijn_lidmaatschap = selectors.lidmaatschap_van(request.user, pk)
    if mijn_lidmaatschap is not None:
        organisatie = mijn_lidmaatschap.organisatie
        leden = list(selectors.leden_van(organisatie))
    else:
        organisatie = of_404(selectors.organisatie_profiel, pk)
        leden = None
    return render(
        request,
        "coalities/organisatie.html",
        {
            "organisatie": organisatie,
            "mijn_lidmaatschap": mijn_lidmaatschap,
            "is_beheerder": mag_organisatie_beheren(
                request.user, organisatie, mijn_lidmaatschap=mijn_lidmaatschap
            ),
            "leden": leden,
        },
    )


@login_required
def bewerken(request, pk):
    organisatie = of_404(selectors.beheerder_van, request.user, pk).organisatie
    # A copy for the form: a ModelForm writes the posted values into its instance.
    form = OrganisatieForm(
        request.POST or None, instance=selectors.organisatie_profiel(organisatie.pk)
    )
    if request.method == "POST" and form.is_valid():
        if uitvoeren(
            request,
            services.organisatie_wijzigen,
            form=form,
            gelukt=_("The profile is saved."),
            actor=request.user,
            organisatie=organisatie,
            **form.cleaned_data,
        ):
            return redirect(organisatie.get_absolute_url())
    return render(
        request,
        "coalities/organisaties/bewerken.html",
        {"organisatie": organisatie, "form": form},
    )


@login_required
def leden(request, pk):
    mijn_lidmaatschap = of_404(selectors.lid_van, request.user, pk)
    organisatie = mijn_lidmaatschap.organisatie
    is_beheerder = mag_organisatie_beheren(
        request.user, organisatie, mijn_lidmaatschap=mijn_lidmaatschap
    )
    form = None
    if is_beheerder:
        form = UitnodigenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            uitkomst = uitvoeren(
                request,
                services.collega_uitnodigen,
                form=form,
                actor=request.user,
                organisatie=organisatie,
                email=form.cleaned_data["email"],
                rol=form.cleaned_data["rol"],
            )
            if uitkomst:
                messages.success(
                    request,
                    _("We have sent an invitation to %(email)s.")
                    % {"email": uitkomst.waarde.email},
                )
                return redirect("coalities:leden", pk=organisatie.pk)
    elif request.method == "POST":
        raise Http404
    leden = list(selectors.leden_van(organisatie))
    for lid in leden:
        lid.mag_verwijderen = mag_lid_verwijderen(
            request.user, lid, mijn_lidmaatschap=mijn_lidmaatschap
        )
        if is_beheerder:
            lid.rol_form = RolForm(initial={"rol": lid.rol}, prefix=f"lid-{lid.pk}")
    return render(
        request,
        "coalities/organisaties/leden.html",
        {
            "organisatie": organisatie,
            "mijn_lidmaatschap": mijn_lidmaatschap,
            "is_beheerder": is_beheerder,
            "leden": leden,
            "uitnodigingen": list(selectors.open_uitnodigingen_van(organisatie))
            if is_beheerder
            else [],
            "form": form,
        },
    )


@login_required
@require_POST
def uitnodiging_intrekken(request, pk, uitnodiging_pk):
    organisatie = of_404(selectors.beheerder_van, request.user, pk).organisatie
    uitnodiging = of_404(selectors.uitnodiging_van, organisatie, uitnodiging_pk)
    uitvoeren(
        request,
        services.uitnodiging_intrekken,
        gelukt=_("The invitation is withdrawn. Its link no longer works."),
        actor=request.user,
        uitnodiging=uitnodiging,
    )
    return redirect("coalities:leden", pk=organisatie.pk)


@login_required
@require_POST
def lid_rol(request, pk, lid_pk):
    organisatie = of_404(selectors.beheerder_van, request.user, pk).organisatie
    lid = of_404(selectors.lid_in, organisatie, lid_pk)
    form = RolForm(request.POST, prefix=f"lid-{lid.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("coalities:leden", pk=organisatie.pk)
    uitvoeren(
        request,
        services.lid_rol_wijzigen,
        gelukt=_("The role of %(naam)s is changed.") % {"naam": lid.user.get_full_name()},
        actor=request.user,
        lidmaatschap=lid,
        rol=form.cleaned_data["rol"],
    )
    return redirect("coalities:leden", pk=organisatie.pk)


@login_required
@require_POST
def lid_verwijderen(request, pk, lid_pk):
    """An administrator removes a member; a member may also remove themselves (leave)."""
    mijn_lidmaatschap = of_404(selectors.lid_van, request.user, pk)
    organisatie = mijn_lidmaatschap.organisatie
    zelf = mijn_lidmaatschap.pk == lid_pk
    lid = of_404(selectors.lid_in, organisatie, lid_pk)
    if not mag_lid_verwijderen(request.user, lid, mijn_lidmaatschap=mijn_lidmaatschap):
        raise Http404
    if not uitvoeren(request, services.lid_verwijderen, actor=request.user, lidmaatschap=lid):
        return redirect("coalities:leden", pk=organisatie.pk)
    if zelf:
        messages.success(
            request,
            _("You are no longer a member of %(organisatie)s.") % {"organisatie": organisatie.naam},
        )
        return redirect("coalities:mijn")
    messages.success(
        request,
        _("%(naam)s is no longer a member.") % {"naam": lid.user.get_full_name()},
    )
    return redirect("coalities:leden", pk=organisatie.pk)


def uitnodiging(request, token):
    uitnodiging = of_404(selectors.uitnodiging_met_token, token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if not uitvoeren(
            request, services.uitnodiging_aannemen, actor=request.user, token=uitnodiging.token
        ):
            return redirect(request.path)
        messages.success(
            request,
            _("Welcome! You are now a member of %(organisatie)s.")
            % {"organisatie": uitnodiging.organisatie.naam},
        )
        return redirect(uitnodiging.organisatie.get_absolute_url())
    al_lid = (
        request.user.is_authenticated
        and selectors.lidmaatschap_van(request.user, uitnodiging.organisatie_id) is not None
    )
    ander_adres = (
        request.user.is_authenticated
        and not al_lid
        and uitnodiging.is_open
        and not mag_uitnodiging_aannemen(request.user, uitnodiging)
    )
    return render(
        request,
        "coalities/organisaties/uitnodiging.html",
        {
            "uitnodiging": uitnodiging,
            "organisatie": uitnodiging.organisatie,
            "al_lid": al_lid,
            "verlopen": uitnodiging.is_open and uitnodiging.is_verlopen,
            "ander_adres": ander_adres,
            "gemaskeerd_adres": selectors.gemaskeerd_adres(uitnodiging.email),
        },
    )


@login_required
def mijn(request):
    return render(
        request,
        "coalities/organisaties/mijn.html",
        {
            "lidmaatschappen": list(
                selectors.lidmaatschappen_van(request.user).order_by("organisatie__naam", "id")
            ),
            "uitnodigingen": list(selectors.uitnodigingen_voor(request.user)),
        },
    )


urlpatterns = [
    path("", lijst, name="lijst"),
    path("nieuw/", nieuw, name="nieuw"),
    path("mijn/", mijn, name="mijn"),
    path("uitnodiging/<uuid:token>/", uitnodiging, name="uitnodiging"),
    path("<int:pk>/", organisatie, name="organisatie"),
    path("<int:pk>/bewerken/", bewerken, name="bewerken"),
    path("<int:pk>/leden/", leden, name="leden"),
    path("<int:pk>/leden/<int:lid_pk>/rol/", lid_rol, name="lid_rol"),
    path("<int:pk>/leden/<int:lid_pk>/verwijderen/", lid_verwijderen, name="lid_verwijderen"),
    path(
        "<int:pk>/uitnodigingen/<int:uitnodiging_pk>/intrekken/",
        uitnodiging_intrekken,
        name="uitnodiging_intrekken",
    ),
]
