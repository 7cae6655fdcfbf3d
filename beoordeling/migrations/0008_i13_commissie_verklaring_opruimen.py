"""Issue 13, rule 5 (schema): the declaration is per lot only."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('beoordeling', '0007_i13_commissie_verklaring_per_perceel'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="belangenverklaring", name="verklaring_eenmaal"),
        migrations.RemoveField(model_name="belangenverklaring", name="bod"),
        migrations.RemoveField(model_name="belangenverklaring", name="commissielid"),
        migrations.AlterField(
            model_name="belangenverklaring",
            name="traject",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="trajecten.traject",
            ),
        ),
        migrations.AlterField(
            model_name="belangenverklaring",
            name="perceel",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="trajecten.perceel",
            ),
        ),
        migrations.AlterField(
            model_name="belangenverklaring",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="belangenverklaringen",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="belangenverklaring",
            name="conflict",
            field=models.BooleanField(verbose_name="I have a conflict of interest with this lot"),
        ),
        migrations.AddConstraint(
            model_name="belangenverklaring",
            constraint=models.UniqueConstraint(
                fields=("user", "perceel"), name="verklaring_eenmaal_perceel"
            ),
        ),
    ]
