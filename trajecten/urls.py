from trajecten.views import consultatie, dialoog, opstellen, portaal, publicatie, uitdaging

app_name = "trajecten"
urlpatterns = [
    *portaal.urlpatterns,
    # Before opstellen: its <pk>/beheer/<slug:sectie>/ would take beheer/consultatie/.
    *consultatie.urlpatterns,
    *opstellen.urlpatterns,
    *publicatie.urlpatterns,
    *dialoog.urlpatterns,
    *uitdaging.urlpatterns,
]
