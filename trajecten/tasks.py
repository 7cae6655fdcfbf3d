"""Celery tasks of phase A. Documents and reminders go through the core's tasks."""
