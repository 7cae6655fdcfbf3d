"""Pages: the sealed vault. The officer sees how many bids arrived; after the deadline two
officers open the vault; then the officers see the opened bids."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanbesteden.middleware import ontvangen_op
from aanbesteden.pagina import of_404, uitvoeren
from beoordeling import permissions
from beoordeling.constants import Ronde
from beoordeling.selectors import bodinhoud
from beoordeling.selectors import kluis as selectors
from beoordeling.selectors import prijs as prijs_selectors
from beoordeling.services import kluis as services
from beoordeling.services.bieden import STAPPEN
from trajecten import permissions as trajecten_permissions
from trajecten import selectors as traject_selectors


def _beheerd_traject_or_404(request, pk):
    traject = of_404(traject_selectors.traject_voor, request.user, pk)
    if not trajecten_permissions.mag_beheren(request.user, traject):
        raise Http404
    return traject


def _ronde_or_404(ronde):
    if ronde not in Ronde.values:
        raise Http404
    return Ronde(ronde)


@login_required
def kluis(request, traject_pk):
    traject = _beheerd_traject_or_404(request, traject_pk)
    return render(
        request,
        "beoordeling/kluis/kluis.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "fasen": selectors.kluisfasen(request.user, traject, ontvangen_op(request)),
            "minuten": services.KLUIS_BEVESTIGEN_BINNEN_MINUTEN,
        },
    )


@login_required
@require_POST
def kluis_starten(request, traject_pk, ronde):
    traject = _beheerd_traject_or_404(request, traject_pk)
    ronde = _ronde_or_404(ronde)
    uitkomst = uitvoeren(
        request,
        services.kluis_opening_starten,
        actor=request.user,
        traject=traject,
        ronde=ronde,
        op=ontvangen_op(request),
    )
    if uitkomst:
        if uitkomst.waarde.gestart_door_id == request.user.pk:
            messages.success(
                request,
                _(
                    "You started the opening. Another officer must confirm it within "
                    "%(minuten)s minutes."
                )
                % {"minuten": services.KLUIS_BEVESTIGEN_BINNEN_MINUTEN},
            )
        else:
            messages.info(
                request, _("A colleague already started the opening. You can confirm it.")
            )
    return redirect("beoordeling:kluis", traject_pk=traject.pk)


@login_required
@require_POST
def kluis_bevestigen(request, traject_pk, opening_pk):
    traject = _beheerd_traject_or_404(request, traject_pk)
    opening = of_404(selectors.opening_voor, traject, opening_pk)
    uitkomst = uitvoeren(
        request,
        services.kluis_openen,
        gelukt=_("The vault is open. The record of the opening (proces-verbaal) is being made."),
        actor=request.user,
        opening=opening,
        op=ontvangen_op(request),
    )
    if not uitkomst:
        return redirect("beoordeling:kluis", traject_pk=traject.pk)
    return redirect("beoordeling:geopende_biedingen", traject_pk=traject.pk)


def _veld_labels():
    """{content key: the title of its step in the bid form}, in the form's order."""
    return {veld: stap.titel for stap in STAPPEN for veld in stap.velden}


def _label(sleutel):
    return str(sleutel).replace("_", " ").capitalize()


def _tekst(waarde):
    if isinstance(waarde, dict):
        return "; ".join(f"{_label(k)}: {_tekst(v)}" for k, v in waarde.items())
    if isinstance(waarde, list | tuple):
        return [_tekst(v) for v in waarde]
    if waarde in (None, ""):
        return ""
    return str(waarde)


def inhoud_weergave(inhoud):
    """The content of a version as rows {label, tekst, regels} for reading, in the order of
    the bid form: a list value becomes lines (`regels`), anything else one text. The
    frozen attachment list is shown apart, with the files."""
    inhoud = {k: v for k, v in (inhoud or {}).items() if k != "bijlagen"}
    labels = _veld_labels()
    volgorde = [k for k in labels if k in inhoud] + sorted(k for k in inhoud if k not in labels)
    rijen = []
    for sleutel in volgorde:
        waarde = inhoud[sleutel]
        if sleutel == "prijs" and waarde not in (None, ""):  # issue 13, rule 8
            waarde = prijs_selectors.als_geld(waarde)
        if sleutel in bodinhoud.ALS_PAREN:  # issue 14, point 4: question and answer
            waarde = [f"{a}: {b}" for a, b in bodinhoud.paren_van(sleutel, waarde)]
        tekst = _tekst(waarde)
        label = labels.get(sleutel) or _label(sleutel)
        if isinstance(tekst, list):
            rijen.append({"label": label, "tekst": "", "regels": tekst})
        else:
            rijen.append({"label": label, "tekst": tekst, "regels": []})
    return rijen


@login_required
def geopende_biedingen(request, traject_pk):
    traject = _beheerd_traject_or_404(request, traject_pk)
    openingen = selectors.openingen_van(traject)
    fasen = []
    for ronde in Ronde:
        opening = openingen.get(ronde.value)
        if opening is None or opening.geopend_op is None:
            continue
        biedingen = selectors.met_samenstelling(
            selectors.met_toezeggingen(
                selectors.inzichtelijke_biedingen_met_bijlagen(request.user, traject, ronde)
            ),
            traject.gemeente.penvoerder_max_aandeel,
        )
        for bod in biedingen:
            versie = selectors.laatste_versie(bod)
            bod.weergave = inhoud_weergave(versie.inhoud if versie else None)
            bod.versie = versie
        fasen.append({"ronde": ronde, "opening": opening, "biedingen": biedingen})
    # Issue 13, rule 5: nobody reads before signing; say so, with the way to the declarations.
    recht = permissions.toegang(request.user, traject) if fasen else None
    return render(
        request,
        "beoordeling/kluis/geopende_biedingen.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "fasen": fasen,
            "nog_verklaren": recht is not None
            and (not recht.geheimhouding or not (recht.verklaard or recht.conflicten)),
        },
    )


urlpatterns = [
    path("trajecten/<int:traject_pk>/kluis/", kluis, name="kluis"),
    path(
        "trajecten/<int:traject_pk>/kluis/<slug:ronde>/starten/",
        kluis_starten,
        name="kluis_starten",
    ),
    path(
        "trajecten/<int:traject_pk>/kluis/openingen/<int:opening_pk>/bevestigen/",
        kluis_bevestigen,
        name="kluis_bevestigen",
    ),
    path("trajecten/<int:traject_pk>/biedingen/", geopende_biedingen, name="geopende_biedingen"),
]
