"""What `/` shows: each app contributes panels for the roles it knows about.

The core cannot import the phases (imports point one way), so each app
registers a provider in its AppConfig.ready():

    dashboards.register("coalities.organisaties", organisatie_panel, order=30)

A provider takes the request and returns a `Panel` or None (the user has no
such role). Anonymous visitors get the providers registered with
`anonymous=True`: the public portal.
"""

from dataclasses import dataclass, field

_providers = []


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    role: str = ""


def register(name, provider, *, order=50, anonymous=False):
    _providers[:] = [p for p in _providers if p[1] != name]
    _providers.append((order, name, provider, anonymous))
    _providers.sort(key=lambda p: (p[0], p[1]))


def panels_for(request):
    anonymous = not request.user.is_authenticated
    panels = []
    for _order, _name, provider, for_anonymous in _providers:
        if for_anonymous != anonymous:
            continue
        panel = provider(request)
        if panel is not None:
            panels.append(panel)
    return panels
