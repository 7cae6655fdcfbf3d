"""The selection pages for each of the seven roles, the officer's flow (save, send, nothing
changes after), the consensus rank, what the bidder sees before and after sending, and the
exact query count for 5 and 50 bids."""

from collections import namedtuple
from datetime import timedelta

import pytest
from django.urls import reverse

from aanbesteden.models import Notificatie
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.constants import Ronde
from beoordeling.models import Bod
from beoordeling.services import selectie as s
from beoordeling.tests.factories import BodFactory, CommissielidFactory, KluisOpeningFactory
from beoordeling.tests.factories_selectie import NA_SLUIT, maak_selectiewereld
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.helpers import LOGIN, response_status
from trajecten.models import Traject
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db

ROLLEN = [
    "anoniem",
    "burger",
    "bieder",
    "commissielid",
    "medewerker",
    "medewerker_andere_gemeente",
    "beheerder",
]
Rang = namedtuple("Rang", "bod rang totaal")


@pytest.fixture
def w(gemeente, andere_gemeente, burger, beheerder, time_machine):
    time_machine.move_to(NA_SLUIT, tick=False)
    wereld = maak_selectiewereld(gemeente, time_machine)
    wereld.rollen = {
        "anoniem": None,
        "burger": burger,
        "bieder": wereld.a_beheerder,
        "commissielid": CommissielidFactory(traject=wereld.traject).user,
        "medewerker": wereld.medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
    }
    return wereld


def _als(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


def url(w, naam="selectie"):
    return reverse(f"beoordeling:{naam}", args=[w.traject.pk])


def formulier(w, **keuzes):
    """POST data for every opened bid: {bod: (uitnodigen, tekst)}; the rest 'nee', 'x'."""
    data = {}
    for bod in (w.bod_a, w.bod_e, w.bod_f):
        uitnodigen, tekst = keuzes.get(bod.organisatie.naam, (False, f"Reden {bod.pk}."))
        data[f"bod-{bod.pk}-uitnodigen"] = "ja" if uitnodigen else "nee"
        data[f"bod-{bod.pk}-terugkoppeling"] = tekst
    return data


# --- who may ---------------------------------------------------------------------------------


def test_the_page_for_each_role(client, w):
    verwacht = dict.fromkeys(ROLLEN, 404)
    verwacht.update(anoniem=LOGIN, medewerker=200)
    gekregen = {}
    for rol, user in w.rollen.items():
        _als(client, user)
        gekregen[rol] = response_status(client.get(url(w)))
    assert gekregen == verwacht


def test_saving_and_sending_for_each_role(client, w, django_capture_on_commit_callbacks):
    verwacht = dict.fromkeys(ROLLEN, 404)
    verwacht.update(anoniem=LOGIN, medewerker=302)
    for naam in ("selectie", "selectie_versturen"):
        gekregen = {}
        for rol, user in w.rollen.items():
            if rol == "medewerker":
                continue
            _als(client, user)
            with django_capture_on_commit_callbacks(execute=True):
                gekregen[rol] = response_status(client.post(url(w, naam), formulier(w)))
        assert gekregen == {k: v for k, v in verwacht.items() if k != "medewerker"}
    assert not Bod.objects.exclude(terugkoppeling="").exists()
    assert Notificatie.objects.count() == 0
    # The officer may.
    _als(client, w.medewerker)
    assert client.post(url(w), formulier(w))["Location"] == url(w)
    assert client.post(url(w, "selectie_versturen"))["Location"] == url(w)
    assert Bod.objects.filter(selectie_verstuurd_op__isnull=False).count() == 3


def test_an_medewerker_of_a_draft_trajectory_of_another_gemeente_gets_404(
    client, w, andere_gemeente
):
    concept = TrajectFactory(gemeente=w.gemeente)
    client.force_login(MedewerkerFactory(gemeente=andere_gemeente).user)
    assert client.get(reverse("beoordeling:selectie", args=[concept.pk])).status_code == 404
    client.force_login(w.medewerker)
    assert client.get(reverse("beoordeling:selectie", args=[concept.pk])).status_code == 200
    assert client.get(reverse("beoordeling:selectie", args=[999999])).status_code == 404


# --- the officer's page ----------------------------------------------------------------------


def test_before_the_opening_the_page_shows_no_bidders(client, gemeente, time_machine):
    time_machine.move_to(NA_SLUIT, tick=False)
    w = maak_selectiewereld(gemeente, time_machine, geopend=False)
    client.force_login(w.medewerker)
    html = client.get(url(w)).content.decode()
    assert reverse("beoordeling:kluis", args=[w.traject.pk]) in html
    for naam in ("Organisatie A", "Organisatie E", "Organisatie F", "Samen in De Boog"):
        assert naam not in html
    assert "bod-" not in html and "selectie/versturen" not in html


def test_the_medewerker_sees_the_opened_bids_per_lot_and_saves_the_selection(client, w):
    client.force_login(w.medewerker)
    html = client.get(url(w)).content.decode()
    # The opened outline bids per lot with coalition and time of arrival; not the draft.
    assert html.index("Organisatie A") < html.index("Organisatie E") < html.index("Organisatie F")
    assert "Samen in De Boog" in html
    assert "Organisatie C" not in html
    assert f'name="bod-{w.bod_a.pk}-uitnodigen"' in html
    assert f'name="bod-{w.concept_c.pk}-uitnodigen"' not in html
    assert html.count('name="bod-') == 9  # yes, no and feedback for each of the three bids
    assert "1 december 2026, 09:00:00" in html  # received at, Dutch time
    assert "INHOUD" not in html and "Een huiskamer in de wijk" not in html  # no content
    assert 'data-testid="zonder-terugkoppeling"' in html

    data = formulier(
        w, **{"Organisatie A": (True, "Sterk plan, meer buurt."), "Organisatie F": (True, "Goed.")}
    )
    response = client.post(url(w), data)
    assert response.status_code == 302 and response["Location"] == url(w)
    w.bod_a.refresh_from_db()
    w.bod_e.refresh_from_db()
    assert (w.bod_a.uitgenodigd_voor_uitwerking, w.bod_a.terugkoppeling) == (
        True,
        "Sterk plan, meer buurt.",
    )
    assert (w.bod_e.uitgenodigd_voor_uitwerking, w.bod_e.terugkoppeling) == (
        False,
        f"Reden {w.bod_e.pk}.",
    )
    html = client.get(url(w)).content.decode()
    assert "Sterk plan, meer buurt." in html
    assert 'data-testid="aantal-uitgenodigd">2 ' in html
    assert 'data-testid="zonder-terugkoppeling"' not in html
    # Nothing is sent by saving.
    assert Notificatie.objects.count() == 0
    assert not Bod.objects.filter(selectie_verstuurd_op__isnull=False).exists()


def test_an_incomplete_form_saves_nothing_and_shows_the_error(client, w):
    client.force_login(w.medewerker)
    data = formulier(w, **{"Organisatie A": (True, "Goed.")})
    del data[f"bod-{w.bod_e.pk}-uitnodigen"]
    response = client.post(url(w), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "utrecht-form-fieldset--invalid" in html
    assert f'id="id_bod-{w.bod_e.pk}-uitnodigen-fout"' in html
    assert not Bod.objects.exclude(terugkoppeling="").exists()


def test_sending_through_the_page_then_nothing_changes(
    client, w, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(w.medewerker)
    # Without feedback for every bid: refused with the names, nothing sent.
    client.post(url(w), formulier(w, **{"Organisatie E": (False, "")}))
    response = client.post(url(w, "selectie_versturen"), follow=True)
    html = response.content.decode()
    assert "Organisatie E" in html and "utrecht-alert--error" in html
    assert not Bod.objects.filter(selectie_verstuurd_op__isnull=False).exists()

    client.post(url(w), formulier(w, **{"Organisatie A": (True, "Sterk plan.")}))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(w, "selectie_versturen"), follow=True)
    html = response.content.decode()
    assert 'data-testid="verstuurd-op"' in html
    assert "30 december 2026, 12:00:00" in html  # the one moment, to the second
    assert 'name="bod-' not in html and "selectie/versturen" not in html
    assert f'data-bod="{w.bod_a.pk}" data-uitgenodigd="ja"' in html
    assert f'data-bod="{w.bod_e.pk}" data-uitgenodigd="nee"' in html
    assert "Sterk plan." in html
    sent = len(mailoutbox)
    assert sent == 7
    # Saving or sending again changes and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(w), formulier(w, **{"Organisatie E": (True, "Toch wel.")}))
        client.post(url(w, "selectie_versturen"))
    w.bod_e.refresh_from_db()
    assert not w.bod_e.uitgenodigd_voor_uitwerking
    assert len(mailoutbox) == sent


def test_the_rank_from_the_consensus_is_shown_when_it_exists(client, w, monkeypatch):
    client.force_login(w.medewerker)
    html = client.get(url(w)).content.decode()
    assert "data-rang" not in html
    monkeypatch.setattr(
        "beoordeling.selectors.consensus.rangorde",
        lambda traject, ronde: {
            w.perceel.pk: [Rang(w.bod_e, 1, 8.5), Rang(w.bod_a, 2, 7.25)],
            w.perceel2.pk: [Rang(w.bod_f, 1, 6)],
        },
    )
    html = client.get(url(w)).content.decode()
    assert 'data-rang="1"' in html and 'data-rang="2"' in html
    assert "8,5" in html
    # Within a lot, best ranked first.
    assert html.index(f'data-bod="{w.bod_e.pk}"') < html.index(f'data-bod="{w.bod_a.pk}"')


# --- what the bidder sees --------------------------------------------------------------------


def test_the_bidder_sees_nothing_of_the_selection_until_it_is_sent(
    client, w, django_capture_on_commit_callbacks
):
    s.selectie_opslaan(
        actor=w.medewerker, bod=w.bod_a, uitnodigen=True, terugkoppeling="GEHEIM-CONCEPT goed."
    )
    for bod in (w.bod_e, w.bod_f):
        s.selectie_opslaan(
            actor=w.medewerker, bod=bod, uitnodigen=False, terugkoppeling="REDEN-E niet."
        )
    bod_url = reverse("beoordeling:bod", args=[w.bod_a.pk])
    starten = reverse("beoordeling:uitwerking_starten", args=[w.bod_a.pk])
    for user in (w.a_beheerder, w.a_lid, w.b_lid):
        client.force_login(user)
        html = client.get(bod_url).content.decode()
        assert "GEHEIM-CONCEPT" not in html
        assert 'data-testid="uitslag"' not in html and f'action="{starten}"' not in html
    # Starting the elaborated plan by hand is refused too.
    client.force_login(w.a_beheerder)
    client.post(starten)
    assert not Bod.objects.filter(ronde=Ronde.UITWERKING).exists()

    with django_capture_on_commit_callbacks(execute=True):
        s.selectie_versturen(
            actor=w.medewerker, traject=w.traject, ontvangen_op=NA_SLUIT + timedelta(hours=1)
        )
    # The lead's member: the feedback, the deadline and the button.
    client.force_login(w.a_lid)
    html = client.get(bod_url).content.decode()
    assert 'data-uitgenodigd="ja"' in html and "GEHEIM-CONCEPT goed." in html
    assert "26 februari 2027, 12:00:00" in html
    assert f'action="{starten}"' in html
    # A partner's member: the feedback, but the lead starts it.
    client.force_login(w.b_lid)
    html = client.get(bod_url).content.decode()
    assert "GEHEIM-CONCEPT goed." in html and f'action="{starten}"' not in html
    assert "Organisatie A" in html
    # Not invited: the reasons, no button.
    client.force_login(w.e_lid)
    html = client.get(reverse("beoordeling:bod", args=[w.bod_e.pk])).content.decode()
    assert 'data-uitgenodigd="nee"' in html and "REDEN-E niet." in html
    starten_e = reverse("beoordeling:uitwerking_starten", args=[w.bod_e.pk])
    assert f'action="{starten_e}"' not in html and "GEHEIM-CONCEPT" not in html
    # The lead starts it; then the page links to it.
    client.force_login(w.a_lid)
    response = client.post(starten)
    uitwerking = Bod.objects.get(ronde=Ronde.UITWERKING)
    assert response["Location"] == reverse("beoordeling:bod", args=[uitwerking.pk])
    html = client.get(bod_url).content.decode()
    assert reverse("beoordeling:bod", args=[uitwerking.pk]) in html
    assert f'action="{starten}"' not in html


# --- query counts ----------------------------------------------------------------------------


def _meer_biedingen(traject, aantal, start=0):
    for n in range(start, start + aantal):
        perceel = PerceelFactory(traject=traject, nummer=100 + n)
        organisatie = OrganisatieFactory(naam=f"Extra {n:03d}")
        LidmaatschapFactory(organisatie=organisatie)
        bod = BodFactory(perceel=perceel, traject=traject, organisatie=organisatie, ingediend=True)
        Bod.objects.filter(pk=bod.pk).update(terugkoppeling=f"Terugkoppeling {n}.")


@pytest.mark.parametrize("verstuurd", [False, True])
def test_queries_5_and_50_bids(
    client, count_queries, gemeente, medewerker, time_machine, verstuurd
):

    time_machine.move_to(NA_SLUIT, tick=False)
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    KluisOpeningFactory(traject=traject, geopend=True)
    KluisOpeningFactory(traject=traject, ronde=Ronde.UITWERKING, geopend=True)
    pagina = reverse("beoordeling:selectie", args=[traject.pk])

    def vullen(aantal, start):
        _meer_biedingen(traject, aantal, start)
        if verstuurd:
            Bod.objects.filter(traject=traject).update(selectie_verstuurd_op=NA_SLUIT)

    vullen(5, 0)
    client.force_login(medewerker)
    client.get(pagina)
    weinig = count_queries(lambda: client.get(pagina))
    vullen(45, 5)
    response = client.get(pagina)
    assert response.content.decode().count("<h3>Extra ") == 50
    veel = count_queries(lambda: client.get(pagina))
    # session, user, gemeenten (two-factor check), TOTP device, trajectory, the opened
    # outline bids with their latest versions (2), the unread count; and the consensus
    # ranking (`selectors.consensus.rangorde`: the opened bids with their versions,
    # criteria, consensus scores, consensus judgements, criteria dropped per lot)
    assert (weinig, veel) == (14, 14)


def test_the_trajectory_page_offers_the_selection_only_with_a_second_stage(client, w):
    _als(client, w.medewerker)
    detail = w.traject.get_absolute_url()
    assert url(w) in client.get(detail).content.decode()
    Traject.objects.filter(pk=w.traject.pk).update(uitwerking_sluit=None)
    html = client.get(detail).content.decode()
    assert url(w) not in html
    assert reverse("beoordeling:gunning", args=[w.traject.pk]) in html
