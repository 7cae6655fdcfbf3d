from beoordeling.views import (
    bieden,
    buurtbudget,
    commissie,
    consensus,
    gesprekken,
    gunning,
    kluis,
    selectie,
)

app_name = "beoordeling"
urlpatterns = [
    *bieden.urlpatterns,
    *kluis.urlpatterns,
    *commissie.urlpatterns,
    *selectie.urlpatterns,
    *consensus.urlpatterns,
    *gesprekken.urlpatterns,
    *gunning.urlpatterns,
    *buurtbudget.urlpatterns,
]
