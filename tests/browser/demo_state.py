"""The demo, built once per test run and put back for every browser test that asks for it.

`aanbesteden.demo.build()` takes seconds; the page tours need the same demo in every test.
A live-server test runs on a transactional database that is emptied after each test, so the
demo cannot simply be kept: the first test that asks builds it and saves every table's rows
(PostgreSQL COPY, in memory) and the uploaded files; each later test gets the same rows and
files back in a fraction of a second. Every test still starts from the whole demo and may
change it: what it writes is gone after the test, as before.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction

from aanbesteden import demo

# Django fills these again after each flush (post_migrate), with new ids: they are not saved,
# and no saved row may point at them (checked when saving).
NOT_SAVED = ("django_content_type", "auth_permission")


@dataclass
class SavedDemo:
    logins: list  # aanbesteden.demo.DemoLogin, as build() returned them
    rows: dict  # table name -> its rows in COPY's binary format
    media: Path  # copies of MEDIA_ROOT ("media") and PRIVATE_MEDIA_ROOT ("private")

    @classmethod
    def build(cls, media_copy):
        logins = demo.build()
        rows = {}
        with connection.cursor() as cursor:
            for table in _tables():
                quoted = connection.ops.quote_name(table)
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quoted})")  # noqa: S608
                if cursor.fetchone()[0]:
                    with cursor.cursor.copy(f"COPY {quoted} TO STDOUT (FORMAT BINARY)") as copy:
                        rows[table] = b"".join(bytes(block) for block in copy)
        _check_nothing_points_at_unsaved_tables(rows)
        for name, root in (
            ("media", settings.MEDIA_ROOT),
            ("private", settings.PRIVATE_MEDIA_ROOT),
        ):
            if Path(root).exists():
                shutil.copytree(root, media_copy / name)
        return cls(logins=logins, rows=rows, media=media_copy)

    def restore(self):
        """Replace everything in the (just emptied) database with the saved demo."""
        tables = _tables()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE "
                + ", ".join(connection.ops.quote_name(table) for table in tables)
                + " CASCADE"
            )
            for table, data in self.rows.items():
                quoted = connection.ops.quote_name(table)
                with cursor.cursor.copy(f"COPY {quoted} FROM STDIN (FORMAT BINARY)") as copy:
                    copy.write(data)
            for sql in connection.ops.sequence_reset_sql(
                no_style(), apps.get_models(include_auto_created=True)
            ):
                cursor.execute(sql)
        for name, root in (
            ("media", settings.MEDIA_ROOT),
            ("private", settings.PRIVATE_MEDIA_ROOT),
        ):
            if (self.media / name).exists():
                shutil.copytree(self.media / name, root, dirs_exist_ok=True)
        return self.logins


def _media_roots():
    """Read at each call: every test has media folders of its own (the root conftest)."""
    return (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT))


def _tables():
    names = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return sorted(set(names) - set(NOT_SAVED))


def _check_nothing_points_at_unsaved_tables(rows):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT DISTINCT source.relname FROM pg_constraint c
            JOIN pg_class source ON source.oid = c.conrelid
            JOIN pg_class target ON target.oid = c.confrelid
            WHERE c.contype = 'f' AND target.relname = ANY(%s)
            """,
            [list(NOT_SAVED)],
        )
        pointing = {name for (name,) in cursor.fetchall()} & set(rows)
    assert not pointing, (
        f"the demo wrote rows in {sorted(pointing)}, which point at {NOT_SAVED}: "
        "those ids change after each flush; save and restore them too"
    )
