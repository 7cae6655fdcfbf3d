"""No Celery tasks of phase D and E: its documents and e-mail run through `aanbesteden.tasks`."""
