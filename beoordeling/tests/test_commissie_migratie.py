"""Issue 13, rule 5: the data migration turns declarations per bid into declarations per
lot; a conflict on any bid of a lot becomes a conflict for the lot."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

VOOR = [("beoordeling", "0006_i13_commissie_percelen")]
NA = [("beoordeling", "0008_i13_commissie_verklaring_opruimen")]


def _met_andere_apps(executor, doelen):
    """`doelen` plus the latest migration of every other app: the other apps' tables stay
    as they are, so their historical models must have every column (a NOT NULL column
    added later would otherwise be missing from an INSERT)."""
    return doelen + [n for n in executor.loader.graph.leaf_nodes() if n[0] != "beoordeling"]


@pytest.mark.django_db(transaction=True)
def test_declarations_per_bid_become_one_declaration_per_lot_with_its_conflict():
    executor = MigrationExecutor(connection)
    voor = _met_andere_apps(executor, VOOR)
    executor.migrate(voor)
    apps = executor.loader.project_state(voor).apps
    User = apps.get_model("aanbesteden", "User")
    Gemeente = apps.get_model("aanbesteden", "Gemeente")
    Traject = apps.get_model("trajecten", "Traject")
    Perceel = apps.get_model("trajecten", "Perceel")
    Organisatie = apps.get_model("coalities", "Organisatie")
    Bod = apps.get_model("beoordeling", "Bod")
    Commissielid = apps.get_model("beoordeling", "Commissielid")
    Belangenverklaring = apps.get_model("beoordeling", "Belangenverklaring")

    gemeente = Gemeente.objects.create(naam="Eindhoven", slug="eindhoven-m")
    user = User.objects.create(email="lid@example.org", naam="Lid")
    traject = Traject.objects.create(gemeente=gemeente, titel="T", aangemaakt_door=user)
    perceel = Perceel.objects.create(traject=traject, nummer=1, naam="Strijp")
    ander = Perceel.objects.create(traject=traject, nummer=2, naam="Tongelre")
    lid = Commissielid.objects.create(traject=traject, user=user)

    def bod(p, naam):
        organisatie = Organisatie.objects.create(naam=naam, type="stichting")
        return Bod.objects.create(
            traject=traject,
            perceel=p,
            ronde="hoofdlijnen",
            organisatie=organisatie,
            aangemaakt_door=user,
        )

    a, b, c = bod(perceel, "Alfa"), bod(perceel, "Beta"), bod(ander, "Gamma")
    Belangenverklaring.objects.create(commissielid=lid, bod=a, conflict=False)
    Belangenverklaring.objects.create(commissielid=lid, bod=b, conflict=True, toelichting="Buur")
    Belangenverklaring.objects.create(commissielid=lid, bod=c, conflict=False)

    executor = MigrationExecutor(connection)
    na = _met_andere_apps(executor, NA)
    executor.migrate(na)
    apps = executor.loader.project_state(na).apps
    Belangenverklaring = apps.get_model("beoordeling", "Belangenverklaring")
    rijen = {v.perceel_id: v for v in Belangenverklaring.objects.all()}
    assert set(rijen) == {perceel.pk, ander.pk}
    assert rijen[perceel.pk].conflict and rijen[perceel.pk].toelichting == "Buur"
    assert rijen[perceel.pk].user_id == user.pk
    assert {o["naam"] for o in rijen[perceel.pk].organisaties} == {"Alfa", "Beta"}
    assert not rijen[ander.pk].conflict
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
