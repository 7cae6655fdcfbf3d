"""The proportionality check: every rule with its thresholds."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from aanbesteden.tests.factories import UserFactory
from trajecten import constants as c
from trajecten.models import Drempelwaarde, Toelichting
from trajecten.proportionaliteit import FOUT, INFO, WAARSCHUWING, bevindingen, open_bevindingen
from trajecten.selectors.opstellen import traject_voor_beheer
from trajecten.tests.factories import EisFactory, PerceelFactory, TrajectFactory

NU = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))


@pytest.fixture(autouse=True)
def _vaste_tijd():
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def traject(gemeente):
    # No procedure, no value: only what a test adds is found.
    return TrajectFactory(gemeente=gemeente, budget=Decimal("100000"))


def per_code(traject):
    return {b.code: b for b in bevindingen(traject)}


@pytest.mark.parametrize(
    ("bedrag", "niveau"),
    [("299000", WAARSCHUWING), ("300000", WAARSCHUWING), ("301000", FOUT)],
)
def test_omzeteis_on_the_traject(traject, bedrag, niveau):
    eis = EisFactory(traject=traject, soort=c.EisSoort.OMZET, bedrag=Decimal(bedrag))
    bevinding = per_code(traject)[f"omzet:{eis.pk}"]
    assert bevinding.niveau == niveau
    procent = int(bedrag) // 1000
    assert f"{procent}%" in bevinding.reden
    assert "100.000,00" in bevinding.reden


@pytest.mark.parametrize(("bedrag", "niveau"), [("29900", WAARSCHUWING), ("30100", FOUT)])
def test_omzeteis_on_a_perceel(traject, bedrag, niveau):
    perceel = PerceelFactory(traject=traject, nummer=1, budget=Decimal("10000"))
    eis = EisFactory(
        traject=traject, perceel=perceel, soort=c.EisSoort.OMZET, bedrag=Decimal(bedrag)
    )
    assert per_code(traject)[f"omzet:{eis.pk}"].niveau == niveau


def test_omzeteis_without_amount_is_a_warning(traject):
    eis = EisFactory(traject=traject, soort=c.EisSoort.OMZET)
    assert per_code(traject)[f"omzet:{eis.pk}"].niveau == WAARSCHUWING


def test_anbi_and_ervaring(traject):
    anbi = EisFactory(traject=traject, soort=c.EisSoort.ANBI)
    ervaring = EisFactory(traject=traject, soort=c.EisSoort.ERVARING_MA)
    gevonden = per_code(traject)
    assert gevonden[f"anbi:{anbi.pk}"].niveau == WAARSCHUWING
    assert "62%" in gevonden[f"anbi:{anbi.pk}"].reden
    assert gevonden[f"ervaring_ma:{ervaring.pk}"].niveau == WAARSCHUWING
    assert "60%" in gevonden[f"ervaring_ma:{ervaring.pk}"].reden


def test_referenties_of_three_or_four_years(traject):
    drie = EisFactory(traject=traject, soort=c.EisSoort.REFERENTIE, jaren=3)
    vier = EisFactory(traject=traject, soort=c.EisSoort.REFERENTIE, jaren=4)
    gevonden = per_code(traject)
    assert f"referentie:{drie.pk}" not in gevonden
    assert gevonden[f"referentie:{vier.pk}"].niveau == FOUT
    assert "4" in gevonden[f"referentie:{vier.pk}"].reden


def test_certificaat_with_and_without_a_risk(traject):
    zonder = EisFactory(traject=traject, soort=c.EisSoort.CERTIFICAAT, risico="  ")
    met = EisFactory(traject=traject, soort=c.EisSoort.CERTIFICAAT, risico="Privacy van cliënten")
    gevonden = per_code(traject)
    assert gevonden[f"certificaat:{zonder.pk}"].niveau == WAARSCHUWING
    assert f"certificaat:{met.pk}" not in gevonden


@pytest.mark.parametrize(("maanden", "gevonden"), [(23, True), (24, False), (None, False)])
def test_contractduur(traject, maanden, gevonden):
    assert traject.gemeente.minimale_contractduur_maanden == 24
    traject.contractduur_maanden = maanden
    traject.save()
    assert ("contractduur" in per_code(traject)) is gevonden
    if gevonden:
        assert "23" in per_code(traject)["contractduur"].reden


def test_contractduur_follows_the_gemeente(traject):
    traject.contractduur_maanden = 23
    traject.gemeente.minimale_contractduur_maanden = 12
    traject.gemeente.save()
    assert "contractduur" not in per_code(traject)


@pytest.mark.parametrize(
    ("procedure", "dagen", "fout"),
    [
        (c.Procedure.OPENBAAR, 29, True),
        (c.Procedure.OPENBAAR, 30, False),
        (c.Procedure.NATIONAAL, 19, True),
        (c.Procedure.NATIONAAL, 20, False),
        (c.Procedure.ONDERHANDELING_ZONDER, 1, False),
    ],
)
def test_bid_period_of_a_draft(traject, procedure, dagen, fout):
    traject.vorm = c.Vorm.AANBESTEDING
    traject.procedure = procedure
    traject.inschrijving_sluit = NU + timedelta(days=dagen)
    traject.save()
    assert ("termijn" in per_code(traject)) is fout


def test_bid_period_counts_from_publication(gemeente):
    traject = TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        vorm=c.Vorm.AANBESTEDING,
        procedure=c.Procedure.NATIONAAL,
        inschrijving_sluit=NU + timedelta(days=15),
    )
    traject.gepubliceerd_op = NU - timedelta(days=10)
    traject.save()
    assert "termijn" not in per_code(traject)  # 25 days from publication
    traject.gepubliceerd_op = NU - timedelta(days=4)
    traject.save()
    assert per_code(traject)["termijn"].niveau == FOUT
    assert "19" in per_code(traject)["termijn"].reden


@pytest.mark.parametrize(
    ("waarde", "procedure", "verwacht"),
    [
        ("215999", c.Procedure.NATIONAAL, None),
        ("216000", c.Procedure.NATIONAAL, FOUT),
        ("216000", "", FOUT),
        ("216000", c.Procedure.OPENBAAR, INFO),
    ],
)
def test_eu_drempel_for_services_2026(traject, waarde, procedure, verwacht):
    traject.dienst_soort = c.DienstSoort.OVERIG
    traject.vorm = c.Vorm.AANBESTEDING
    traject.procedure = procedure
    traject.geraamde_waarde = Decimal(waarde)
    traject.inschrijving_sluit = NU + timedelta(days=60)
    traject.save()
    bevinding = per_code(traject).get("eu_drempel")
    assert (bevinding.niveau if bevinding else None) == verwacht
    if bevinding:
        assert "216.000,00" in bevinding.reden


def test_eu_drempel_is_a_dated_setting(traject):
    traject.dienst_soort = c.DienstSoort.OVERIG
    traject.vorm = c.Vorm.AANBESTEDING
    traject.procedure = c.Procedure.NATIONAAL
    traject.geraamde_waarde = Decimal("218000")
    traject.save()
    # 2026: EUR 216,000 → above; in 2025 the threshold was EUR 221,000 → below.
    assert per_code(traject)["eu_drempel"].niveau == FOUT
    with time_machine.travel(timezone.make_aware(timezone.datetime(2025, 6, 1, 12)), tick=False):
        assert "eu_drempel" not in per_code(traject)
    # An administrator changes the setting for 2026: the check follows.
    Drempelwaarde.objects.filter(soort="diensten", geldig_vanaf=date(2026, 1, 1)).update(
        bedrag=Decimal("218001")
    )
    assert "eu_drempel" not in per_code(traject)


def test_eu_drempel_social_light_regime(traject):
    traject.dienst_soort = c.DienstSoort.SOCIAAL
    traject.vorm = c.Vorm.AANBESTEDING
    traject.procedure = c.Procedure.NATIONAAL
    traject.budget = Decimal("749999")
    traject.save()
    assert "eu_drempel" not in per_code(traject)
    traject.budget = Decimal("750000")
    assert per_code(traject)["eu_drempel"].niveau == FOUT


def test_subsidie_above_the_threshold_is_information(traject):
    traject.vorm = c.Vorm.SUBSIDIE
    traject.budget = Decimal("800000")
    assert per_code(traject)["eu_drempel"].niveau == INFO


def test_toelichting_and_open_bevindingen(traject):
    anbi = EisFactory(traject=traject, soort=c.EisSoort.ANBI)
    vier = EisFactory(traject=traject, soort=c.EisSoort.REFERENTIE, jaren=4)
    traject.vorm = c.Vorm.SUBSIDIE
    traject.budget = Decimal("800000")
    traject.save()
    assert {b.code for b in open_bevindingen(traject)} == {
        f"anbi:{anbi.pk}",
        f"referentie:{vier.pk}",
    }
    Toelichting.objects.create(
        traject=traject, code=f"anbi:{anbi.pk}", tekst="Fondsen eisen het.", door=UserFactory()
    )
    gevonden = per_code(traject)
    assert gevonden[f"anbi:{anbi.pk}"].toelichting == "Fondsen eisen het."
    assert gevonden[f"referentie:{vier.pk}"].toelichting is None
    assert [b.code for b in open_bevindingen(traject)] == [f"referentie:{vier.pk}"]
    # Errors first, information last.
    assert [b.niveau for b in bevindingen(traject)] == [FOUT, WAARSCHUWING, INFO]


def test_number_of_queries_does_not_grow(
    traject, medewerker, count_queries, django_assert_num_queries
):
    def meet(aantal):
        for index in range(aantal):
            perceel = PerceelFactory(traject=traject, nummer=100 + index + aantal)
            EisFactory(traject=traject, perceel=perceel, soort=c.EisSoort.OMZET, bedrag=1)
        geladen = traject_voor_beheer(medewerker, traject.pk)
        return count_queries(lambda: bevindingen(geladen))

    assert meet(5) == 1  # the EU threshold; everything else is prefetched
    assert meet(45) == 1


def test_without_a_threshold_on_record_the_check_says_so(traject):
    traject.vorm = c.Vorm.AANBESTEDING
    traject.procedure = c.Procedure.NATIONAAL
    traject.budget = Decimal("100000")
    traject.save()
    assert "eu_drempel" not in per_code(traject)
    Drempelwaarde.objects.all().delete()
    bevinding = per_code(traject)["eu_drempel"]
    assert bevinding.niveau == WAARSCHUWING
    assert "drempelwaarde" in bevinding.reden.lower()
