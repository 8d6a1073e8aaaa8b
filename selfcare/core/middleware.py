from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.shortcuts import render
from django.utils.cache import patch_cache_control


class RequestSizeLimitMiddleware:
    """Answer an oversized body with a kind page before anything reads it.

    Django would otherwise raise RequestDataTooBig deep inside the view and show
    a bare 400. Going back keeps what the person typed in the form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return render(request, "errors/413.html", status=413)
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """Nothing shown to a signed-in person is stored by their browser or any cache on the way.

    Every response to them gets ``Cache-Control: private, no-store`` (merged into what a view set), so on
    a shared device Back after logging out cannot bring the journal back from the browser's cache. It sits
    just inside SessionMiddleware, so it also covers CommonMiddleware's redirects (before AuthenticationMiddleware
    has run: the session says who it is) and every error page. Static files (WhiteNoise) and the
    therapist's shared page (SharePathMiddleware) are answered outside it and keep their own headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None:
        return user.is_authenticated
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY in session
