"""What later phases add to a trajectory, and what trajecten adds to the core.

trajecten may not import the later phases, so it offers these registries; a later app
adds to them in its own `extensions.registreren()` (see aanbesteden/extensions.py). The
readers look them up at the moment they run (`extensions.DETAIL_SECTIES`), so a test can
replace one.
"""

from __future__ import annotations

from aanbesteden import dashboards, deadlines
from aanbesteden.extensions import DEMO, Register
from trajecten import demo
from trajecten.deadlines import SOURCES
from trajecten.views import portaal, uitdaging

# Sections on the trajectory page: template names; a template gets `traject`,
# `mag_beheren` and `user` (coalities: the partner board; beoordeling: the committee and
# the award).
DETAIL_SECTIES = Register("sections that later phases add to the trajectory page")

# Context for those sections: `func(request, traject) -> dict`, merged into the page's
# context; each runs a fixed number of queries (beoordeling: the award and its explanation).
DETAIL_CONTEXT = Register("context providers for the trajectory page's later sections")

# Who else counts as a registered party, told of corrections, notas and deadlines:
# `bron(traject_ids) -> [(traject_id, user_id), ...]` (coalities: the administrators of
# organisations that showed interest or are in a coalition).
BELANGHEBBENDEN_BRONNEN = Register("sources of registered parties")

# The organisations a user belongs to, for a session's limit per organisation:
# `bron(user) -> [(key, name), ...]` (coalities: the user's memberships).
ORGANISATIE_BRONNEN = Register("sources of a user's organisations")


# Who is invited to the second stage of a trajectory (issue 13, rule 18): such a user may
# still ask questions after the question deadline: `bron(traject, user) -> bool`, one query
# (beoordeling: a member of a bidder whose outline bid was invited, with the selection sent).
UITGENODIGDE_BRONNEN = Register("sources of bidders invited to the second stage")


# What follows when a right-to-challenge proposal is accepted on a route (issue 14, point 3):
# `func(*, actor, uitdaging, traject) -> dict | None`, run in the acceptance's transaction;
# a dict is added to the proposer's message (beoordeling: on the covenant route, names the
# proposer's organisation as the initiative and gives the link to the plan).
UITDAGING_AANVAARD = Register("steps after a right-to-challenge proposal is accepted")


def registreren() -> None:
    for source in SOURCES:
        deadlines.register(source())
    dashboards.register("trajecten.portal", portaal.portal_panel, order=10, anonymous=True)
    dashboards.register("trajecten.medewerker", portaal.medewerker_panel, order=10)
    dashboards.register("trajecten.uitdaging", uitdaging.uitdaging_panel, order=15)
    dashboards.register("trajecten.ontdekken", portaal.ontdekken_panel, order=80)
    DEMO.add(demo.demo_bijdrage, order=20)
