from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import NotAllowed
from aanbesteden.models import AuditEvent, Gemeente
from aanbesteden.services import gemeente_aanmaken, gemeente_instellingen_wijzigen
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


def test_defaults_follow_the_rules_of_the_game(beheerder):
    gemeente = gemeente_aanmaken(actor=beheerder, naam="Arnhem", slug="arnhem")
    assert gemeente.subsidie_direct_tot == Decimal("5000")
    assert gemeente.subsidie_resultaat_tot == Decimal("125000")
    assert gemeente.sroi_percentage == Decimal("5")
    assert gemeente.sroi_drempel == Decimal("250000")
    assert gemeente.nvi_minimum_dagen_eu == 10
    assert gemeente.nvi_minimum_dagen_nationaal == 6
    assert gemeente.penvoerder_max_aandeel == 60
    assert gemeente.minimale_contractduur_maanden == 24


def test_only_a_platform_administrator_creates_a_gemeente(burger):
    with pytest.raises(NotAllowed):
        gemeente_aanmaken(actor=burger, naam="Emmen", slug="emmen")
    assert not Gemeente.objects.exists()


def test_settings_change_is_checked_and_audited(medewerker, gemeente, andere_gemeente):
    gemeente_instellingen_wijzigen(
        actor=medewerker, gemeente=gemeente, sroi_drempel=Decimal("200000")
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.GEMEENTE_GEWIJZIGD)
    assert event.detail["na"] == {"sroi_drempel": "200000"}
    with pytest.raises(ValidationError):
        gemeente_instellingen_wijzigen(
            actor=medewerker, gemeente=gemeente, subsidie_direct_tot=Decimal("999999")
        )
    with pytest.raises(NotAllowed):
        gemeente_instellingen_wijzigen(
            actor=medewerker, gemeente=andere_gemeente, sroi_percentage=1
        )


@pytest.mark.parametrize(
    "tokens",
    [{"primary": "red"}, {"onbekend": "#000000"}, {"primary": "#fff; background:url(x)"}],
)
def test_design_tokens_accept_only_known_colours(tokens):
    gemeente = Gemeente(naam="Oss", slug="oss", design_tokens=tokens)
    with pytest.raises(ValidationError):
        gemeente.full_clean()


def test_pages_of_a_gemeente_use_its_own_tokens(client, gemeente):
    gemeente.design_tokens = {"primary": "#b3122e", "header_background": "#5c0a18"}
    gemeente.save()
    css = client.get(reverse("gemeente_thema", args=[gemeente.slug])).content.decode()
    assert ".utrecht-theme.ma-gemeente-eindhoven" in css
    assert "--utrecht-button-primary-action-background-color: #b3122e;" in css
    assert "--ma-header-background-color: #5c0a18;" in css
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    page = client.get(traject.get_absolute_url()).content.decode()
    assert reverse("gemeente_thema", args=["eindhoven"]) in page
    assert "ma-gemeente-eindhoven" in page
