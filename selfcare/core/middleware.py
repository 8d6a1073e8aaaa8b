from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


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
