"""No Celery tasks of phase B: its documents and e-mail run through `aanbesteden.tasks`."""
