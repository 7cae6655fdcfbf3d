"""Pages: opstellen."""

urlpatterns = []
