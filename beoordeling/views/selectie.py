"""Pages: selectie (skeleton; built by the selectie part)."""

from django.http import Http404
from django.urls import path


def selectie(request, traject_pk):
    raise Http404


urlpatterns = [path("trajecten/<int:traject_pk>/selectie/", selectie, name="selectie")]
