"""Pages: publicatie."""

urlpatterns = []
