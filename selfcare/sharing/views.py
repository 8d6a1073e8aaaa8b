from __future__ import annotations

import contextlib
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import Count, F, Max, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfcare.core import emails
from selfcare.core.http import AuthenticatedHttpRequest, HtmxHttpRequest
from selfcare.sharing import devices, links, pdf, qr
from selfcare.sharing.forms import EditShareLinkForm, ShareLinkForm
from selfcare.sharing.models import ShareLink, ShareView
from selfcare.sharing.scope import Scope, shared_content

COOKIE = "thaw_share"
COOKIE_PATH = "/shared/"
COOKIE_SALT = "selfcare.sharing.cookie"
COOKIE_AGE = 30 * 60
SAFE_METHODS = ("GET", "HEAD")
RECENT_VIEWS = 5
ONCE_KEY = "sharing_create_once"


# The person's own pages ------------------------------------------------------------------------


@require_safe
@login_required
def link_list(request: AuthenticatedHttpRequest):
    now = timezone.now()
    owned = (
        ShareLink.objects.owned_by(request.user)
        .annotate(view_count=Count("views"), last_opened=Max("views__opened_at"))
        .order_by("-created_at")
    )
    all_links = list(owned)
    recent_views: dict[int, list[ShareView]] = {link.pk: [] for link in all_links}
    latest = (
        ShareView.objects.filter(link__owner=request.user)
        .annotate(rank=Window(RowNumber(), partition_by=F("link_id"), order_by=F("opened_at").desc()))
        .filter(rank__lte=RECENT_VIEWS)
        .order_by("-opened_at")
    )
    for view in latest:
        recent_views[view.link_id].append(view)
    for link in all_links:
        link.recent_views = recent_views[link.pk]
    context = {
        "active": [link for link in all_links if link.is_active(now)],
        "ended": [link for link in all_links if not link.is_active(now)],
    }
    return render(request, "sharing/list.html", context)


@login_required
@require_POST
def openings_seen(request: AuthenticatedHttpRequest):
    """The person has read the "your link was opened" notice on Today."""
    links.notice_openings(request.user)
    return redirect("today")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def link_new(request: AuthenticatedHttpRequest):
    if request.method == "GET":
        return render(request, "sharing/new.html", {"form": ShareLinkForm(request.user)})
    form = ShareLinkForm(request.user, request.POST)
    action = request.POST.get("action", "preview")
    if action == "change" or not form.is_valid():
        return render(request, "sharing/new.html", {"form": form, "changing": action == "change"})
    scope = form.scope()
    if action != "create":
        context = {"form": form, **shared_content(scope), "once": _issue_once(request)}
        context["page"] = _page_facts(form.cleaned_data["label"], form.cleaned_data["shown_name"], scope, None)
        context["expires_preview"] = form.expires_at()
        # The preview carries what was chosen, as posted, to the "Create" and "Change" buttons.
        context["hidden_fields"] = [(name, value) for name in form.fields for value in request.POST.getlist(name)]
        return render(request, "sharing/preview.html", context)
    key = request.POST.get("once", "")
    made = None
    if _use_once(request, key):
        with contextlib.suppress(links.AlreadyCreated):  # another press of it got there first
            made = links.create(
                scope, form.cleaned_data["label"], form.cleaned_data["shown_name"], form.expires_at(), create_key=key
            )
    if made is None:
        # A second press of the same preview (a double tap, a refresh): the link exists already. A browser
        # shows the answer to the last press, so for two minutes that press shows the same link again.
        made = links.created_with(request.user, key)
    if made is None:
        messages.info(
            request,
            "That link was already created, and for your privacy it can only be shown once. "
            "If you didn't copy it, end it below and create a new one.",
        )
        return redirect("sharing:list")
    link, token = made
    # From SITE_URL, never the request's Host header: the person sends this address to someone.
    url = emails.absolute(reverse("sharing:open", args=[token]))
    # Shown in the response to the POST: the token is never in a URL of the app.
    return render(request, "sharing/created.html", {"link": link, "url": url, "qr": qr.svg(url)})


@login_required
@require_http_methods(["GET", "POST"])
def link_edit(request: AuthenticatedHttpRequest, code):
    link = get_object_or_404(ShareLink.objects.owned_by(request.user).active(), code=code)
    form = EditShareLinkForm(link, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the link for {link.label}.")
        return redirect("sharing:list")
    return render(request, "sharing/edit.html", {"form": form, "link": link})


@login_required
@require_http_methods(["GET", "POST"])
def link_revoke(request: AuthenticatedHttpRequest, code):
    link = get_object_or_404(ShareLink.objects.owned_by(request.user), code=code)
    if request.method == "POST":
        links.revoke(link)
        messages.success(request, f"The link for {link.label} no longer works. Nothing more can be read through it.")
        return redirect("sharing:list")
    return render(request, "sharing/revoke.html", {"link": link})


def _issue_once(request) -> str:
    """A one-time value for a preview's "Create" button, so one preview makes at most one link."""
    value = uuid.uuid4().hex
    pending = request.session.get(ONCE_KEY, [])[-9:]
    request.session[ONCE_KEY] = [*pending, value]
    return value


def _use_once(request, value: str) -> bool:
    pending = request.session.get(ONCE_KEY, [])
    if value not in pending:
        return False
    pending.remove(value)
    request.session[ONCE_KEY] = pending
    return True


# The therapist's pages (no account; every response passes SharePathMiddleware) ----------------


def _not_active(request) -> HttpResponse:
    """One answer for a wrong, expired or revoked link, or an ended visit: no data, no hints."""
    response = render(request, "sharing/not_active.html", status=404)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
    return response


@csrf_exempt
def open_link(request: HtmxHttpRequest, token: str):
    """/s/<token>: check the token, log the opening, then move to the token-free page."""
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    link = links.find_active(token)
    if link is None:
        return _not_active(request)
    if request.method == "GET":
        ShareView.objects.create(link=link, device=devices.describe(request.headers.get("User-Agent", "")))
    response = redirect("sharing:page")
    response.set_signed_cookie(
        COOKIE,
        str(link.pk),
        salt=COOKIE_SALT,
        max_age=COOKIE_AGE,
        path=COOKIE_PATH,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        samesite="Lax",
    )
    return response


def _visiting(request) -> ShareLink | None:
    try:
        pk = int(request.get_signed_cookie(COOKIE, salt=COOKIE_SALT, max_age=COOKIE_AGE))
    except (KeyError, ValueError, signing.BadSignature):
        return None
    link = ShareLink.objects.select_related("owner").filter(pk=pk).first()
    return link if link is not None and link.is_active() else None


def _page_facts(label: str, shown_name: str, scope: Scope, expires_at) -> dict:
    return {"label": label, "shown_name": shown_name, "expires_at": expires_at, "zone": scope.owner.zone}


def _shared_context(link: ShareLink) -> dict:
    scope = Scope.of(link)
    context = shared_content(scope)
    context["page"] = _page_facts(link.label, link.shown_name, scope, link.expires_at)
    return context


@csrf_exempt
@require_safe
def shared_page(request: HtmxHttpRequest):
    link = _visiting(request)
    if link is None:
        return _not_active(request)
    with timezone.override(link.owner.zone):
        return render(request, "sharing/shared.html", _shared_context(link))


@csrf_exempt
@require_safe
def shared_pdf(request: HtmxHttpRequest):
    link = _visiting(request)
    if link is None:
        return _not_active(request)
    with timezone.override(link.owner.zone):
        html = render_to_string("sharing/shared.html", {**_shared_context(link), "for_pdf": True}, request=request)
    response = HttpResponse(pdf.render(html), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="thaw-shared-summary.pdf"'
    return response
