"""Pages: conversations with bidders. The list per trajectory (officers and committee
members; officers plan from it), one conversation with the committee's notes, and a
member's own note to change. The bidder sees the planned conversation on its bid page
(`templates/beoordeling/gesprekken/_voor_bieder.html`), never the notes.

Bids come only from `beoordeling.selectors.kluis`, through the selectors here.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden.exceptions import DomainError
from aanbesteden.middleware import ontvangen_op
from beoordeling.forms.gesprekken import NotitieForm, PlannenForm
from beoordeling.models import Bodgesprek, Gespreksnotitie
from beoordeling.selectors import gesprekken as selectors
from beoordeling.selectors.consensus import is_vastgesteld
from beoordeling.services import gesprekken as services
from trajecten.models import Traject
from trajecten.selectors import mag_beheren


def _label(bod):
    return f"{bod.organisatie.naam} – {bod.perceel} – {bod.get_ronde_display()}"


def _plan_initial(gesprek):
    if gesprek is None or gesprek.geannuleerd_op is not None:
        return {}
    return {
        "gepland_op": timezone.localtime(gesprek.gepland_op),
        "locatie": gesprek.locatie,
        "toelichting": gesprek.toelichting,
    }


def _gepland_melding(vorige):
    if vorige == selectors.GEPLAND:
        return _("The conversation is changed. We told the bidder.")
    return _("The conversation is planned. We told the bidder.")


@login_required
def gesprekken(request, traject_pk):
    try:
        toegang = selectors.toegang(request.user, traject_pk)
    except Traject.DoesNotExist as exc:
        raise Http404 from exc
    traject = toegang.traject
    regels = selectors.gesprekken_van(request.user, toegang)
    form = None
    if toegang.is_officier:
        te_plannen = [r for r in regels if r.zichtbaar and not r.afgerond]
        form = PlannenForm(
            request.POST if request.method == "POST" else None,
            biedingen=[(r.bod.pk, _label(r.bod)) for r in te_plannen],
            prefix="plannen",
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            regel = next(r for r in te_plannen if r.bod.pk == data["bod"])
            try:
                gesprek = services.gesprek_plannen(
                    actor=request.user,
                    bod=regel.bod,
                    gepland_op=data["gepland_op"],
                    locatie=data["locatie"],
                    toelichting=data["toelichting"],
                    ontvangen_op=ontvangen_op(request),
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _gepland_melding(regel.staat))
                return redirect("beoordeling:gesprek", gesprek.pk)
    elif request.method == "POST":
        return redirect("beoordeling:gesprekken", traject.pk)
    return render(
        request,
        "beoordeling/gesprekken/gesprekken.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "toegang": toegang,
            "regels": regels,
            "form": form,
        },
    )


def _gesprek_or_404(request, gesprek_pk):
    try:
        return selectors.gesprek_voor(request.user, gesprek_pk)
    except Bodgesprek.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def gesprek(request, gesprek_pk):
    gesprek = _gesprek_or_404(request, gesprek_pk)
    bod = gesprek.bod
    traject = bod.traject
    is_officier = mag_beheren(request.user, traject)
    afgerond = is_vastgesteld(traject, bod.ronde)
    actie = request.POST.get("actie") if request.method == "POST" else None
    notitie_form = NotitieForm(request.POST if actie == "notitie" else None, prefix="notitie")
    plan_form = None
    if is_officier:
        plan_form = PlannenForm(
            request.POST if actie == "plannen" else None,
            prefix="plannen",
            initial=_plan_initial(gesprek),
        )
    fout = ""
    if actie == "notitie" and notitie_form.is_valid():
        try:
            notitie = services.notitie_toevoegen(
                actor=request.user, gesprek=gesprek, tekst=notitie_form.cleaned_data["tekst"]
            )
        except DomainError as exc:
            notitie_form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your note is saved."))
            return redirect(reverse("beoordeling:gesprek", args=[gesprek.pk]) + f"#n{notitie.pk}")
    elif actie == "plannen" and plan_form is not None and plan_form.is_valid():
        data = plan_form.cleaned_data
        vorige = selectors.staat_van(gesprek)
        try:
            services.gesprek_plannen(
                actor=request.user,
                bod=bod,
                gepland_op=data["gepland_op"],
                locatie=data["locatie"],
                toelichting=data["toelichting"],
                ontvangen_op=ontvangen_op(request),
            )
        except DomainError as exc:
            plan_form.add_error(None, str(exc))
        else:
            messages.success(request, _gepland_melding(vorige))
            return redirect("beoordeling:gesprek", gesprek.pk)
    elif actie == "annuleren" and is_officier:
        try:
            services.gesprek_annuleren(actor=request.user, gesprek=gesprek)
        except DomainError as exc:
            fout = str(exc)
        else:
            messages.success(request, _("The conversation is cancelled. We told the bidder."))
            return redirect("beoordeling:gesprek", gesprek.pk)
    elif actie is not None and actie not in ("notitie", "plannen"):
        return redirect("beoordeling:gesprek", gesprek.pk)
    return render(
        request,
        "beoordeling/gesprekken/gesprek.html",
        {
            "gesprek": gesprek,
            "bod": bod,
            "traject": traject,
            "gemeente": traject.gemeente,
            "notities": selectors.notities_van(gesprek),
            "is_officier": is_officier,
            "afgerond": afgerond,
            "geannuleerd": gesprek.geannuleerd_op is not None,
            "notitie_form": notitie_form,
            "plan_form": plan_form,
            "fout": fout,
        },
    )


@login_required
def notitie_wijzigen(request, notitie_pk):
    try:
        notitie = selectors.eigen_notitie(request.user, notitie_pk)
    except Gespreksnotitie.DoesNotExist as exc:
        raise Http404 from exc
    gesprek = notitie.gesprek
    afgerond = is_vastgesteld(gesprek.bod.traject, gesprek.bod.ronde)
    form = NotitieForm(request.POST or None, initial={"tekst": notitie.tekst}, prefix="notitie")
    if request.method == "POST" and not afgerond and form.is_valid():
        try:
            services.notitie_wijzigen(
                actor=request.user, notitie=notitie, tekst=form.cleaned_data["tekst"]
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your note is saved."))
            return redirect(reverse("beoordeling:gesprek", args=[gesprek.pk]) + f"#n{notitie.pk}")
    return render(
        request,
        "beoordeling/gesprekken/notitie.html",
        {
            "notitie": notitie,
            "gesprek": gesprek,
            "bod": gesprek.bod,
            "traject": gesprek.bod.traject,
            "gemeente": gesprek.bod.traject.gemeente,
            "afgerond": afgerond,
            "form": form,
        },
    )


urlpatterns = [
    path("trajecten/<int:traject_pk>/gesprekken/", gesprekken, name="gesprekken"),
    path("gesprekken/<int:gesprek_pk>/", gesprek, name="gesprek"),
    path("gesprekken/notities/<int:notitie_pk>/", notitie_wijzigen, name="gesprek_notitie"),
]
