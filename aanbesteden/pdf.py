"""Turn a template into an accessible PDF (PDF/UA-1) with WeasyPrint.

WeasyPrint is imported inside the function, so that starting the web process
stays fast; only the Celery task that renders documents pays for it. Resources
are fetched from local static and media files only: never from the network.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation


def static_file_uri(path):
    """A file:// URI for a static file, for use in PDF templates."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).resolve().as_uri()


def _allowed_roots():
    roots = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, tuple) else entry))
    roots.append(Path(settings.BASE_DIR) / "static")
    return [root.resolve() for root in roots]


def _local_fetcher_class():
    from weasyprint.urls import URLFetcher  # noqa: PLC0415  (WeasyPrint is heavy: lazy)

    class LocalOnlyFetcher(URLFetcher):
        """Fetches data: URIs and files below static and media; refuses everything else."""

        def __init__(self):
            super().__init__(allowed_protocols={"file", "data"})
            self._roots = _allowed_roots()

        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in self._roots):
                    raise ValueError(f"Refused to read outside static and media: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def render_pdf(template_name, context, *, language="nl"):
    """Render `template_name` with `context` to PDF bytes (PDF/UA-1)."""
    from weasyprint import HTML  # noqa: PLC0415  (WeasyPrint is heavy: lazy)

    with translation.override(language):
        html = render_to_string(template_name, context)
    document = HTML(
        string=html,
        base_url=Path(settings.BASE_DIR).as_uri() + "/",
        url_fetcher=_local_fetcher_class()(),
    )
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=False)
