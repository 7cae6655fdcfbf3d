"""Pages: dialoog."""

urlpatterns = []
