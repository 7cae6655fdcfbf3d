from coalities.views import coalitie, organisaties, partnerbord

app_name = "coalities"
urlpatterns = [
    *organisaties.urlpatterns,
    *partnerbord.urlpatterns,
    *coalitie.urlpatterns,
]
