from beoordeling.views import bieden, commissie, kluis

app_name = "beoordeling"
urlpatterns = [
    *bieden.urlpatterns,
    *kluis.urlpatterns,
    *commissie.urlpatterns,
]
