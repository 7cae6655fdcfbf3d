"""Pages: bieden."""

urlpatterns = []
