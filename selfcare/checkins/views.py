from django.shortcuts import render
from django.views.decorators.http import require_safe

from selfcare.checkins.resources import crisis_resources
from selfcare.http import HtmxHttpRequest


@require_safe
def get_help(request: HtmxHttpRequest):
    """Crisis lines and emergency numbers. Works signed out, with no tracking."""
    return render(request, "checkins/help.html", {"resources": crisis_resources()})
