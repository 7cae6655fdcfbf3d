"""Pages: gunning (skeleton; built by the gunning part)."""

from django.http import Http404
from django.urls import path


def gunning(request, traject_pk):
    raise Http404


urlpatterns = [path("trajecten/<int:traject_pk>/gunning/", gunning, name="gunning")]
