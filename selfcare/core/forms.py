from django import forms
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render every field with our own accessible field group (label, hint, error, input)."""

    field_template_name = "components/field.html"


RATING_ERROR = "Please choose a number from {low} to {high}."


def scale_choices(low: int = 0, high: int = 10) -> list[tuple[int, str]]:
    return [(n, str(n)) for n in range(low, high + 1)]


class ScaleField(forms.TypedChoiceField):
    """A 0-10 scale rendered as radio buttons (steps.js adds a slider on exercise pages)."""

    widget = forms.RadioSelect

    def __init__(self, low: int = 0, high: int = 10, **kwargs):
        message = RATING_ERROR.format(low=low, high=high)
        kwargs.setdefault("error_messages", {"invalid_choice": message, "required": message})
        super().__init__(choices=scale_choices(low, high), coerce=int, **kwargs)
        self.low, self.high = low, high
