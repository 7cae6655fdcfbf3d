"""Pages: coalitie."""

urlpatterns = []
