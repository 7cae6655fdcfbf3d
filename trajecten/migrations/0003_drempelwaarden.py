"""The EU thresholds for municipalities (excl. VAT), as dated settings; kept up to date in /beheer/."""

from datetime import date

from django.db import migrations

DREMPELS = [
    ("diensten", "221000", date(2024, 1, 1), date(2025, 12, 31)),
    ("diensten", "216000", date(2026, 1, 1), date(2027, 12, 31)),
    ("sociaal", "750000", date(2024, 1, 1), date(2025, 12, 31)),
    ("sociaal", "750000", date(2026, 1, 1), date(2027, 12, 31)),
]


def seed(apps, schema_editor):
    Drempelwaarde = apps.get_model("trajecten", "Drempelwaarde")
    for soort, bedrag, vanaf, tot in DREMPELS:
        Drempelwaarde.objects.get_or_create(
            soort=soort, geldig_vanaf=vanaf, defaults={"bedrag": bedrag, "geldig_tot": tot}
        )


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0002_fase_a")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
