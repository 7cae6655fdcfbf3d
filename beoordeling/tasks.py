"""No Celery tasks of phase C: its documents and e-mail run through `aanbesteden.tasks`."""
