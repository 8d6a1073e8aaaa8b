from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from journal.models import JournalEntry
from selfcare.sharing.models import DEFAULT_DAYS, MAX_DAYS, ShareLink
from selfcare.sharing.scope import Scope

PICKABLE_ENTRIES = 60
DEFAULT_PERIOD_DAYS = 30


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _entry_label(entry: JournalEntry, zone) -> str:
    words = (entry.event or entry.text or entry.need_text or ", ".join(entry.feelings) or "").strip()
    if len(words) > 60:
        words = words[:59].rstrip() + "…"
    when = entry.created_at.astimezone(zone)
    label = f"{when:%a %-d %b} · {entry.get_kind_display()}"
    return f"{label}: {words}" if words else label


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label="Who is this link for?",
        max_length=80,
        help_text="Only you see this name, for example “Dr. Rivera”.",
        error_messages={"required": "Please give the link a name, so you can tell your links apart."},
    )
    shown_name = forms.CharField(
        label="Your name on the page (optional)",
        max_length=60,
        required=False,
        help_text="How your therapist knows you, so they know whose summary it is.",
    )
    include_trends = forms.BooleanField(label="Check-in and questionnaire trends", required=False, initial=True)
    include_plan = forms.BooleanField(
        label="Seven-day plan progress and the therapy topics you chose", required=False, initial=True
    )
    journal = forms.ChoiceField(
        label="Journal entries",
        choices=ShareLink.Journal.choices,
        initial=ShareLink.Journal.NONE,
        widget=forms.RadioSelect,
        help_text="What you write stays private unless you choose to share it.",
    )
    journal_kinds = forms.MultipleChoiceField(
        label="Which kinds?",
        choices=JournalEntry.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    picked_entries = forms.TypedMultipleChoiceField(
        label="Which entries?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "One of those entries is no longer in your journal. Please pick again."},
    )
    start_date = forms.DateField(
        label="From",
        widget=DateInput(),
        error_messages={"required": "Please choose the first day to share.", "invalid": "Please enter a date."},
    )
    end_date = forms.DateField(
        label="To",
        widget=DateInput(),
        error_messages={"required": "Please choose the last day to share.", "invalid": "Please enter a date."},
    )
    expires_in_days = forms.IntegerField(
        label="Keep the link open for how many days?",
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=f"From 1 to {MAX_DAYS} days. After that it stops working by itself.",
        error_messages={
            "required": f"Please enter a number of days from 1 to {MAX_DAYS}.",
            "invalid": f"Please enter a number of days from 1 to {MAX_DAYS}.",
            "min_value": f"Please enter a number of days from 1 to {MAX_DAYS}.",
            "max_value": f"A link can stay open for at most {MAX_DAYS} days.",
        },
    )

    def __init__(self, owner, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        today = owner.local_today()
        self.fields["start_date"].initial = today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        self.fields["end_date"].initial = today
        recent = (
            JournalEntry.objects.owned_by(owner)
            .visible()
            .only("id", "kind", "created_at", "event", "text", "need_text", "feelings")
            .order_by("-created_at", "-id")[:PICKABLE_ENTRIES]
        )
        self.fields["picked_entries"].choices = [(entry.pk, _entry_label(entry, owner.zone)) for entry in recent]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", "The last day needs to be on or after the first day.")
        journal = data.get("journal")
        if journal == ShareLink.Journal.KINDS and not data.get("journal_kinds"):
            self.add_error("journal_kinds", "Please tick at least one kind of entry, or choose another option.")
        if journal == ShareLink.Journal.PICKED and not data.get("picked_entries"):
            self.add_error("picked_entries", "Please tick at least one entry, or choose another option.")
        if journal == ShareLink.Journal.NONE and not data.get("include_trends") and not data.get("include_plan"):
            raise ValidationError("Please choose at least one thing to share.")
        return data

    def scope(self) -> Scope:
        data = self.cleaned_data
        journal = data["journal"]
        return Scope(
            owner=self.owner,
            start_date=data["start_date"],
            end_date=data["end_date"],
            include_trends=data["include_trends"],
            include_plan=data["include_plan"],
            journal=journal,
            journal_kinds=tuple(data["journal_kinds"]) if journal == ShareLink.Journal.KINDS else (),
            picked_entry_ids=tuple(data["picked_entries"]) if journal == ShareLink.Journal.PICKED else (),
        )

    def expires_at(self, now: datetime.datetime | None = None) -> datetime.datetime:
        return (now or timezone.now()) + datetime.timedelta(days=self.cleaned_data["expires_in_days"])


class EditShareLinkForm(forms.Form):
    label = ShareLinkForm.base_fields["label"]
    shorten_to_days = forms.TypedChoiceField(
        label="Shorten it to end in",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="A link can be shortened but not made longer. For more time, create a new link.",
    )

    def __init__(self, link: ShareLink, *args, **kwargs):
        kwargs.setdefault("initial", {"label": link.label})
        super().__init__(*args, **kwargs)
        self.link = link
        remaining = link.expires_at - timezone.now()
        whole_days = max(0, remaining.days)
        choices: list[tuple[int | str, str]] = [("", "Keep the current end")]
        choices += [(days, f"{days} day{'s' if days != 1 else ''}") for days in range(1, whole_days + 1)]
        if whole_days == 0:
            choices.append((0, "End it now"))
        shorten = self.fields["shorten_to_days"]
        assert isinstance(shorten, forms.TypedChoiceField)
        shorten.choices = choices

    def save(self) -> ShareLink:
        link = self.link
        link.label = self.cleaned_data["label"]
        days = self.cleaned_data["shorten_to_days"]
        fields = ["label"]
        if days is not None:
            link.expires_at = min(link.expires_at, timezone.now() + datetime.timedelta(days=days))
            fields.append("expires_at")
        link.save(update_fields=fields)
        return link
