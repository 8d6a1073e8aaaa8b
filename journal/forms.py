from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError

from journal.body import BODY_REGIONS
from journal.feelings import vocabulary
from journal.models import JournalEntry
from journal.needs import NEEDS
from selfcare.core.autosave import OrderedWriteFields

TEXT_LIMIT = 20_000
Kind = JournalEntry.Kind


def _long_text(label: str, *, required: bool = False, rows: int = 5, limit: int = TEXT_LIMIT, hint: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        strip=False,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": "Write a few words here first.",
            "max_length": f"That's longer than one entry can hold ({limit:,} characters). Try splitting it in two.",
        },
    )


class EntryForm(OrderedWriteFields):
    """All three kinds share one form; `for_kind` keeps the fields a kind uses."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, error_messages={"invalid": "This form lost its place."})
    event = _long_text("What happened?", hint="Just the facts, a sentence or two.", rows=4)
    body_sensations = _long_text("What did you notice in your body?", rows=3, limit=2000)
    feelings = forms.MultipleChoiceField(
        label="What did you feel?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please choose feelings from the list."},
    )
    other_feelings = forms.CharField(label="Other words for it (optional)", required=False, max_length=200)
    intensity = forms.TypedChoiceField(
        label="How strong was it?",
        choices=[(n, str(n)) for n in range(11)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Please choose a number from 0 to 10."},
    )
    body_location = forms.ChoiceField(
        label="Where in your body? (optional)",
        required=False,
        choices=[("", "Not sure, or nowhere")] + [(r, r) for r in BODY_REGIONS],
        error_messages={"invalid_choice": "Please choose a place from the list."},
    )
    needs = forms.MultipleChoiceField(
        label="What did you need?",
        required=False,
        choices=[(n, n) for n in NEEDS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please choose needs from the list."},
    )
    need_text = _long_text("Anything else you needed? (optional)", rows=2, limit=2000)
    text = _long_text("Your words", rows=10)
    timer_seconds = forms.IntegerField(required=False, min_value=0, max_value=60 * 60 * 3, widget=forms.HiddenInput)

    FIELDS_BY_KIND: dict[str, tuple[str, ...]] = {
        Kind.EVENT_FEELING_NEED: (
            "client_id",
            "event",
            "body_sensations",
            "feelings",
            "other_feelings",
            "intensity",
            "body_location",
            "needs",
            "need_text",
        ),
        Kind.EXPRESSIVE: ("client_id", "text", "timer_seconds"),
        Kind.NOTE: ("client_id", "text"),
    }

    def __init__(self, kind: str, *args, draft: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.draft = draft
        words = vocabulary()
        feelings = self.fields["feelings"]
        assert isinstance(feelings, forms.MultipleChoiceField)
        feelings.choices = [(u.word, u.word) for u in words.unnamed] + [(f.word, f.word) for f in words.all()]
        keep = self.FIELDS_BY_KIND[kind] + self.ORDER_FIELDS
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if kind == Kind.NOTE:
            self.fields["text"] = _long_text("Your note", rows=4, limit=2000)
        if kind == Kind.EXPRESSIVE:
            self.fields["text"].label = "Write freely"

    def clean(self):
        data = super().clean()
        if self.draft or self.errors:
            return data
        # A finished entry needs something in it; a feeling can always be named later.
        if self.kind == Kind.EVENT_FEELING_NEED and not (data.get("event") or "").strip():
            self.add_error("event", "Write a few words about what happened. You can name the feeling later.")
        if self.kind in (Kind.NOTE, Kind.EXPRESSIVE) and not (data.get("text") or "").strip():
            self.add_error("text", "Write a few words here first.")
        return data

    def entry_fields(self) -> dict:
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "client_id" and name not in self.ORDER_FIELDS
        }
        if "body_location" in data and data["body_location"] is None:
            data["body_location"] = ""
        return data


class TimelineFilterForm(forms.Form):
    kind = forms.ChoiceField(required=False, choices=[("", "All kinds")] + list(Kind.choices))
    feeling = forms.CharField(required=False, max_length=20)
    need = forms.ChoiceField(required=False, choices=[("", "Any need")] + [(n, n) for n in NEEDS])
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="From")
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="To")
    q = forms.CharField(required=False, max_length=100, label="Search your words")

    def clean_feeling(self) -> str:
        word = self.cleaned_data["feeling"].strip().lower()
        if word and not vocabulary().is_known(word):
            raise ValidationError("Choose a feeling from the list.")
        return word

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date is before the start date.")
        for name in ("start", "end"):
            value = data.get(name)
            if value and not datetime.date(2000, 1, 1) <= value <= datetime.date(2100, 1, 1):
                self.add_error(name, "Please choose a date between 2000 and 2100.")
        return data
