"""Pages: consensus (skeleton; built by the consensus part)."""

from django.http import Http404
from django.urls import path


def consensus(request, traject_pk):
    raise Http404


urlpatterns = [path("trajecten/<int:traject_pk>/consensus/", consensus, name="consensus")]
