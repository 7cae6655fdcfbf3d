"""No Celery tasks of phase A: its documents and e-mail run through `aanbesteden.tasks`."""
