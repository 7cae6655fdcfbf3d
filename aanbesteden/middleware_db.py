"""A database that is busy for a moment gives a calm page, not a server error."""

import logging

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Seconds after which the browser (or a client that honours Retry-After) may try again.
RETRY_AFTER = 5


def is_database_busy(exception):
    """SQLite's "database is locked": another write held the lock longer than the timeout."""
    return isinstance(exception, OperationalError) and "database is locked" in str(exception)


class DatabaseBusyMiddleware:
    """Turns "database is locked" into HTTP 503 with a short message and Retry-After.

    With the embedded SQLite database a second writer waits up to the configured
    timeout (settings: transaction_mode IMMEDIATE, timeout 20); if it still does
    not get the lock, nothing was written (the transaction rolled back) and the
    user may simply try again. PostgreSQL waits for row locks and never raises this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        logger.warning("Database busy on %s %s: %s", request.method, request.path, exception)
        try:
            content = render_to_string("503.html", request=request)
        except Exception:  # the layout itself needed the busy database
            logger.warning("Could not render 503.html; plain answer", exc_info=True)
            content = "<!DOCTYPE html><title>503</title><p>{}</p>".format(
                escape(_("It is busy right now. Please try again in a few seconds."))
            )
        response = HttpResponse(content, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
