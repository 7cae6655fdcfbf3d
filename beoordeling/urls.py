app_name = "beoordeling"
urlpatterns = []
