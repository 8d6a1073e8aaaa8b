from __future__ import annotations

from django import forms

from exercises.joy import rules as joy
from selfcare.core.forms import ScaleField

NOTE_MAX_LENGTH = 1000


class AddForm(forms.Form):
    name = forms.CharField(
        label="Something you used to enjoy",
        help_text="Big or tiny: a song, a walk somewhere green, baking, calling a friend.",
        max_length=joy.MAX_NAME_LENGTH,
        error_messages={
            "required": "Write a few words about what it is, like \u201ca walk by the river\u201d.",
            "max_length": "That's a little long. Please keep it to %(limit_value)d characters (this is %(show_value)d).",
        },
    )


class PlanForm(forms.Form):
    expected = ScaleField(label="How much do you expect to enjoy it?")


class RecordForm(forms.Form):
    actual = ScaleField(label="How much did you enjoy it?")
    note = forms.CharField(
        label="Anything you noticed? (optional)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": "That's a little long. Please keep the note to %(limit_value)d characters (this is %(show_value)d)."
        },
    )
