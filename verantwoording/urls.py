app_name = "verantwoording"
urlpatterns = []
