"""Issue 13, rule 5 (data): a declaration per bid becomes a declaration per lot. A conflict
on any bid of a lot is a conflict for the lot. The organisations are those of the bids the
member had declared for (all that is known of what they were shown)."""

from django.db import migrations


def per_perceel(apps, schema_editor):
    Belangenverklaring = apps.get_model("beoordeling", "Belangenverklaring")
    gezien: dict[tuple[int, int], object] = {}
    for v in Belangenverklaring.objects.select_related(
        "commissielid", "bod__organisatie"
    ).order_by("getekend_op", "pk"):
        sleutel = (v.commissielid.user_id, v.bod.perceel_id)
        naam = {"naam": v.bod.organisatie.naam, "rol": "bieder", "bod": v.bod_id}
        eerste = gezien.get(sleutel)
        if eerste is None:
            v.user_id = v.commissielid.user_id
            v.traject_id = v.commissielid.traject_id
            v.perceel_id = v.bod.perceel_id
            v.organisaties = [naam]
            v.save(update_fields=["user", "traject", "perceel", "organisaties"])
            gezien[sleutel] = v
            continue
        eerste.conflict = eerste.conflict or v.conflict
        if v.conflict and v.toelichting and not eerste.toelichting:
            eerste.toelichting = v.toelichting
        eerste.organisaties = [*eerste.organisaties, naam]
        eerste.save(update_fields=["conflict", "toelichting", "organisaties"])
        v.delete()


class Migration(migrations.Migration):
    dependencies = [('beoordeling', '0006_i13_commissie_percelen')]

    operations = [migrations.RunPython(per_perceel, migrations.RunPython.noop)]
