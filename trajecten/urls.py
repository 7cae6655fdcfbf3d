from trajecten.views import dialoog, opstellen, portaal, publicatie, uitdaging

app_name = "trajecten"
urlpatterns = [
    *portaal.urlpatterns,
    *opstellen.urlpatterns,
    *publicatie.urlpatterns,
    *dialoog.urlpatterns,
    *uitdaging.urlpatterns,
]
