"""Two simultaneous writers on a temporary SQLite file (run as a script by test_database_busy).

Each writer does what a bid submit does on SQLite: in one transaction it reads
(SQLite has no SELECT ... FOR UPDATE) and then writes. Prints one line per writer:
"ok" or the error.

Usage: python sqlite_twee_schrijvers.py <db file> settings
           (the database as aanbesteden.settings.dev configures it for that file)
       python sqlite_twee_schrijvers.py <db file> DEFERRED
           (Django's default transaction mode, with the same timeout)
"""

import os
import sys
import threading
import time
from pathlib import Path

import django
from django.conf import settings

path, mode = sys.argv[1], sys.argv[2]
if mode == "settings":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    from aanbesteden.settings import dev

    databases = dev.DATABASES
else:
    databases = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {"transaction_mode": mode, "timeout": 20},
        }
    }
settings.configure(DATABASES=databases, INSTALLED_APPS=[], USE_TZ=True)
django.setup()

from django.db import connection, transaction  # noqa: E402

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE bod (id INTEGER PRIMARY KEY, status TEXT)")
    cursor.execute("INSERT INTO bod (status) VALUES ('concept')")
connection.close()

results = {}


def indienen(name):
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT status FROM bod WHERE id = 1")
                cursor.fetchone()
                time.sleep(0.5)  # the other writer reads in the meantime
                cursor.execute("UPDATE bod SET status = 'ingediend' WHERE id = 1")
        results[name] = "ok"
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results[name] = f"{type(exc).__name__}: {exc}"
    finally:
        connection.close()


threads = [threading.Thread(target=indienen, args=(n,)) for n in ("eerste", "tweede")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for name in ("eerste", "tweede"):
    sys.stdout.write(results[name] + "\n")
