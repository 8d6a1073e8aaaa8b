"""Downloads of everything a person wrote (selfcare/home/export.py): JSON for keeping, CSV for a spreadsheet."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from selfcare.core.http import AuthenticatedHttpRequest
from selfcare.home.export import export_csv, export_json


def _download(body: str, content_type: str, request: AuthenticatedHttpRequest, extension: str) -> HttpResponse:
    today = request.user.local_now().date()
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="thaw-export-{today:%Y-%m-%d}.{extension}"'
    # What they wrote must not linger in a shared or proxy cache.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def export_json_view(request: AuthenticatedHttpRequest):
    body = json.dumps(export_json(request.user), ensure_ascii=False, indent=2)
    return _download(body, "application/json; charset=utf-8", request, "json")


@login_required
@require_safe
def export_csv_view(request: AuthenticatedHttpRequest):
    # The byte-order mark lets spreadsheet programs read the file as UTF-8.
    return _download("\ufeff" + export_csv(request.user), "text/csv; charset=utf-8", request, "csv")
