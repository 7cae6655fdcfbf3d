"""Issue 13, rules 4 and 5 (schema): a member's lots, the confidentiality declaration,
and the fields of a declaration per lot (filled by the next migration)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('beoordeling', '0005_tekst_max_lengte'),
        ("trajecten", "0006_aanmelding_bevestigen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="commissielid",
            name="percelen",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="trajecten.perceel", verbose_name="lots"
            ),
        ),
        migrations.CreateModel(
            name="Geheimhoudingsverklaring",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("getekend_op", models.DateTimeField(auto_now_add=True, verbose_name="signed at")),
                (
                    "traject",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="trajecten.traject",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "confidentiality declaration",
                "verbose_name_plural": "confidentiality declarations",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("traject", "user"), name="geheimhouding_eenmaal"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="belangenverklaring",
            name="traject",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="trajecten.traject",
            ),
        ),
        migrations.AddField(
            model_name="belangenverklaring",
            name="perceel",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="trajecten.perceel",
            ),
        ),
        migrations.AddField(
            model_name="belangenverklaring",
            name="user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="belangenverklaringen",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="belangenverklaring",
            name="organisaties",
            field=models.JSONField(blank=True, default=list, verbose_name="organisations shown"),
        ),
    ]
