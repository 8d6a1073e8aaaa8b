"""`{% crisis_lines "footer" %}`: a short sentence of crisis lines, from checkins/content/crisis_resources.toml.

It reads only the content file, never the database, so the 500 page carries it too.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from selfcare.checkins.resources import short_lines

register = template.Library()


@register.simple_tag
def crisis_lines(wording: str) -> str:
    """The sentence `wording`: one partial of checkins/crisis_lines.html."""
    return render_to_string(f"checkins/crisis_lines.html#{wording}", short_lines())
