from beoordeling.views import (
    bieden,
    buurtbudget,
    commissie,
    consensus,
    convenant,
    gesprekken,
    gunning,
    kluis,
    selectie,
    subsidie,
    vergoeding,
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
    *subsidie.urlpatterns,
    *vergoeding.urlpatterns,
    *convenant.urlpatterns,
    *buurtbudget.urlpatterns,
]
