from django.utils.translation import gettext as _

from aanbesteden import dashboards
from beoordeling.selectors import commissie as selectors


def commissie_panel(request):
    lidmaatschappen = list(selectors.commissies_van(request.user).order_by("traject__titel"))
    if not lidmaatschappen:
        return None
    return dashboards.Panel(
        title=_("Your selection committees"),
        template="beoordeling/panels/commissie.html",
        context={"lidmaatschappen": lidmaatschappen},
        role="commissielid",
    )


urlpatterns = []
