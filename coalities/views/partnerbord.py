"""Pages: partnerbord."""

urlpatterns = []
