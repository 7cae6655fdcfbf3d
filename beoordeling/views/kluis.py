"""Pages: kluis."""

urlpatterns = []
