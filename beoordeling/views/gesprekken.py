"""Pages: gesprekken (skeleton; built by the gesprekken part)."""

from django.http import Http404
from django.urls import path


def gesprekken(request, traject_pk):
    raise Http404


urlpatterns = [path("trajecten/<int:traject_pk>/gesprekken/", gesprekken, name="gesprekken")]
