"""Pages: uitdaging."""

urlpatterns = []
