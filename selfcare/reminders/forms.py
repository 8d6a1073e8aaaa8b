from __future__ import annotations

import datetime

from django import forms

from selfcare.reminders.models import WEEKDAY_NAMES

DAY_CHOICES = [(str(number), name) for number, name in enumerate(WEEKDAY_NAMES)]
LONGEST_PAUSE_DAYS = 365


class ScheduleForm(forms.Form):
    enabled = forms.BooleanField(label="Send me this reminder", required=False)
    days = forms.MultipleChoiceField(
        label="On these days",
        choices=DAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please choose days from the list."},
    )
    at = forms.TimeField(
        label="At this time",
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time", "step": 60}),
        error_messages={
            "required": "Please choose a time, such as 19:00.",
            "invalid": "Please enter a time as hours and minutes, such as 19:00.",
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("enabled") and not data.get("days"):
            self.add_error("days", "Choose at least one day, or untick “Send me this reminder”.")
        return data

    def weekday_numbers(self) -> list[int]:
        return [int(day) for day in self.cleaned_data.get("days", [])]


class PauseForm(forms.Form):
    until = forms.DateField(
        label="Pause all reminders until",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Reminders start again on this day.",
        error_messages={
            "required": "Please choose the day reminders should start again.",
            "invalid": "Please enter a date, such as 2026-12-01.",
        },
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["until"].widget.attrs.update(
            min=(today + datetime.timedelta(days=1)).isoformat(),
            max=(today + datetime.timedelta(days=LONGEST_PAUSE_DAYS)).isoformat(),
        )

    def clean_until(self) -> datetime.date:
        until = self.cleaned_data["until"]
        if until <= self.today:
            raise forms.ValidationError("Please choose a day after today.")
        if until > self.today + datetime.timedelta(days=LONGEST_PAUSE_DAYS):
            raise forms.ValidationError("Please choose a day within the next year.")
        return until
