"""The shared page as a PDF, by WeasyPrint, fetching nothing but our own static files."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

_MIME = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}


def base_url() -> str:
    """Links in the PDF (such as "Get help now") point at the real site; nothing is fetched from it."""
    return f"{settings.SITE_URL or 'http://localhost'}/"


def static_only_fetcher():
    """A WeasyPrint fetcher serving /static/... from disk and refusing every other URL (no network, no files)."""
    # Imported here: WeasyPrint is large and only this page needs it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            prefix = base_url() + settings.STATIC_URL.lstrip("/")
            if not url.startswith(prefix):
                raise ValueError("only our own static files are fetched")
            name = url.removeprefix(prefix).split("?")[0].split("#")[0]
            path = _static_path(name)
            if path is None:
                raise ValueError("no such static file")
            content_type = _MIME.get(path.suffix, "application/octet-stream")
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return StaticOnlyFetcher()


def _static_path(name: str) -> Path | None:
    if ".." in Path(name).parts:
        return None
    try:
        stored = Path(staticfiles_storage.path(name))
    except (NotImplementedError, ValueError):
        stored = None
    if stored is not None and stored.is_file():
        return stored
    found = finders.find(name)
    return Path(found) if found else None


def render(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html, base_url=base_url(), url_fetcher=static_only_fetcher()).write_pdf()
