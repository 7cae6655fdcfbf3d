"""Encrypt the TOTP secrets and recovery-code seeds stored before they were encrypted."""

from django.db import migrations


def versleutelen(apps, schema_editor):
    from aanbesteden.adapters import MFAAdapter

    adapter = MFAAdapter()
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        data = dict(authenticator.data)
        for key in ("secret", "seed"):
            value = data.get(key)
            if isinstance(value, str) and not value.startswith(MFAAdapter.PREFIX):
                data[key] = adapter.encrypt(value)
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [
                code if code.startswith(MFAAdapter.PREFIX) else adapter.encrypt(code)
                for code in data["migrated_codes"]
            ]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("aanbesteden", "0008_fase_c_afronding"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(versleutelen, migrations.RunPython.noop)]
