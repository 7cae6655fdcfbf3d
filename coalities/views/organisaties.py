from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from aanbesteden import dashboards
from coalities.models import Organisatie
from coalities.selectors import organisaties as selectors


def organisatie_panel(request):
    lidmaatschappen = list(
        selectors.lidmaatschappen_van(request.user).order_by("organisatie__naam")
    )
    if not lidmaatschappen:
        return None
    return dashboards.Panel(
        title=_("Your organisations"),
        template="coalities/panels/organisaties.html",
        context={"lidmaatschappen": lidmaatschappen},
        role="organisatielid",
    )


def organisatie(request, pk):
    try:
        organisatie = selectors.organisatie_profiel(pk)
    except Organisatie.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "coalities/organisatie.html", {"organisatie": organisatie})


urlpatterns = [
    path("<int:pk>/", organisatie, name="organisatie"),
]
