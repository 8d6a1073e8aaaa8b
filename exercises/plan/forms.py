from __future__ import annotations

from django import forms


class ReportForm(forms.Form):
    text = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Write a few words, even one is enough.",
            "max_length": "That's a little long. Please keep it under 2,000 characters.",
        },
    )
