"""One form per step type. Each validates a step's answer and returns what is stored."""

from __future__ import annotations

import base64
import binascii

from django import forms
from django.core.exceptions import ValidationError

from exercises import pictures
from exercises.content import BODY_REGIONS, Step
from journal.feelings import vocabulary
from selfcare.core.forms import ScaleField


class BeforeForm(forms.Form):
    feeling = ScaleField(label="How much can you feel right now?")
    distress = ScaleField(label="How distressed do you feel right now?")


class AfterForm(BeforeForm):
    too_much = forms.TypedChoiceField(
        label="Did this feel like too much, or lead to conflict?",
        choices=[("no", "No"), ("yes", "Yes, it did")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose yes or no.", "invalid_choice": "Please choose yes or no."},
    )


class StepForm(forms.Form):
    """Base: `answer()` turns cleaned data into what the session stores under the step's key."""

    def __init__(self, step: Step, *args, **kwargs):
        self.step = step
        super().__init__(*args, **kwargs)
        self.build()

    def build(self) -> None:
        pass

    def answer(self):
        return None

    @classmethod
    def initial_from(cls, step: Step, stored) -> dict:
        return {}


class TextStepForm(StepForm):
    pass


class PromptStepForm(StepForm):
    def build(self):
        widget = forms.Textarea(attrs={"rows": 5}) if self.step.multiline else forms.TextInput()
        if self.step.placeholder:
            widget.attrs["placeholder"] = self.step.placeholder
        self.fields["text"] = forms.CharField(
            label=self.step.label,
            required=not self.step.optional,
            max_length=self.step.max_length,
            widget=widget,
            error_messages={
                "required": "Write a few words here, or use Back to return.",
                "max_length": f"That's a little long. Please keep it under {self.step.max_length} characters.",
            },
        )

    def answer(self):
        return self.cleaned_data["text"]

    @classmethod
    def initial_from(cls, step, stored):
        return {"text": stored or ""}


class TimerStepForm(StepForm):
    def build(self):
        self.fields["minutes"] = forms.TypedChoiceField(
            label="How long would you like?",
            choices=[(m, f"{m} minutes" if m != 1 else "1 minute") for m in self.step.minutes],
            coerce=int,
            widget=forms.RadioSelect,
            initial=self.step.minutes[0],
            error_messages={"invalid_choice": "Please choose one of the lengths shown."},
        )
        self.fields["seconds"] = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def answer(self):
        return {"minutes": self.cleaned_data["minutes"], "seconds": self.cleaned_data.get("seconds")}

    @classmethod
    def initial_from(cls, step, stored):
        return {"minutes": stored["minutes"]} if isinstance(stored, dict) else {}


class SensesStepForm(StepForm):
    def build(self):
        for number in range(1, self.step.count + 1):
            self.fields[f"note_{number}"] = forms.CharField(
                label=f"{number}.",
                required=False,
                max_length=120,
                error_messages={"max_length": "A few words is plenty (up to 120 characters)."},
            )

    def answer(self):
        return [self.cleaned_data[f"note_{n}"] for n in range(1, self.step.count + 1) if self.cleaned_data[f"note_{n}"]]

    @classmethod
    def initial_from(cls, step, stored):
        return {f"note_{n}": text for n, text in enumerate(stored or [], start=1)}


def _feeling_word(value: str) -> str:
    value = (value or "").strip().lower()
    if value and not vocabulary().is_known(value):
        raise ValidationError("Please choose a word from the list, or leave it empty.")
    return value


class BodyMapStepForm(StepForm):
    def build(self):
        self.fields["sensations"] = forms.MultipleChoiceField(
            label="What do you notice here?",
            choices=[(s, s) for s in self.step.sensations],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            error_messages={"invalid_choice": "Please choose from the words shown."},
        )
        if self.step.ask_feeling:
            self.fields["feeling"] = forms.CharField(
                label="A feeling that might go with it (optional)", required=False, max_length=20
            )

    def clean_feeling(self):
        return _feeling_word(self.cleaned_data.get("feeling", ""))

    def answer(self):
        return {"sensations": self.cleaned_data["sensations"], "feeling": self.cleaned_data.get("feeling", "")}

    @classmethod
    def initial_from(cls, step, stored):
        return stored if isinstance(stored, dict) else {}


class FeelingsStepForm(StepForm):
    def build(self):
        words = vocabulary()
        choices = [(u.word, u.word) for u in words.unnamed] + [(f.word, f.word) for f in words.all()]
        self.fields["words"] = forms.MultipleChoiceField(
            label="Which feelings are here?",
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            error_messages={"invalid_choice": "Please choose words from the wheel."},
        )
        if self.step.allow_free_words:
            self.fields["free"] = forms.CharField(
                label="Other words, in your own language (optional)", required=False, max_length=200
            )
        if self.step.ask_intensity:
            self.fields["intensity"] = ScaleField(label="How strong is it?", required=False)
        if self.step.ask_body:
            self.fields["body"] = forms.ChoiceField(
                label="Where do you notice it in your body? (optional)",
                choices=[("", "Not sure, or nowhere")] + [(r, r) for r in BODY_REGIONS],
                required=False,
                error_messages={"invalid_choice": "Please choose a place from the list."},
            )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("words") and not data.get("free"):
            raise ValidationError(
                "Choose at least one word. If nothing fits, \u201ccan't tell\u201d or \u201cnumb\u201d is an honest answer."
            )
        return data

    def answer(self):
        data = self.cleaned_data
        return {
            "words": data["words"],
            "free": data.get("free", ""),
            "intensity": data.get("intensity") if data.get("intensity") != "" else None,
            "body": data.get("body", ""),
        }

    @classmethod
    def initial_from(cls, step, stored):
        return stored if isinstance(stored, dict) else {}


class RatingStepForm(StepForm):
    def build(self):
        self.fields["value"] = ScaleField(
            low=self.step.min, high=self.step.max, label=self.step.label, required=not self.step.optional
        )

    def answer(self):
        value = self.cleaned_data["value"]
        return None if value == "" else value

    @classmethod
    def initial_from(cls, step, stored):
        return {"value": stored} if stored is not None else {}


class ChoiceStepForm(StepForm):
    def build(self):
        choices = [(o.value, o.label) for o in self.step.options]
        messages = {"required": "Please choose one, or use Back.", "invalid_choice": "Please choose from the list."}
        if self.step.multiple:
            self.fields["value"] = forms.MultipleChoiceField(
                label=self.step.label,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=not self.step.optional,
                error_messages=messages,
            )
        else:
            self.fields["value"] = forms.ChoiceField(
                label=self.step.label,
                choices=choices,
                widget=forms.RadioSelect,
                required=not self.step.optional,
                error_messages=messages,
            )

    def answer(self):
        return self.cleaned_data["value"]

    @classmethod
    def initial_from(cls, step, stored):
        return {"value": stored} if stored is not None else {}


PNG_PREFIX = "data:image/png;base64,"
MAX_DRAWING_BYTES = 300_000


class DrawingStepForm(StepForm):
    """An optional free drawing, sent by sketch.js as a PNG data URL."""

    def build(self):
        self.fields["image"] = forms.CharField(
            required=False,
            widget=forms.HiddenInput,
            max_length=450_000,
            error_messages={"max_length": "That drawing is too large to keep."},
        )

    def clean_image(self) -> str:
        value = self.cleaned_data["image"]
        if not value:
            return ""
        if not value.startswith(PNG_PREFIX):
            raise ValidationError("That drawing couldn't be read. Try clearing it and drawing again.")
        try:
            raw = base64.b64decode(value[len(PNG_PREFIX) :], validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("That drawing couldn't be read. Try clearing it and drawing again.") from None
        if pictures.png_size(raw) is None:
            raise ValidationError("That drawing couldn't be read. Try clearing it and drawing again.")
        if len(raw) > MAX_DRAWING_BYTES:
            raise ValidationError("That drawing is too large to keep. Try a simpler one.")
        if not pictures.drawing_fits(raw):
            raise ValidationError(
                "That picture is bigger than the drawing area, so it can't be kept. "
                "Draw again here, or press Next to go on without it."
            )
        return value

    def answer(self):
        return self.cleaned_data["image"]

    @classmethod
    def initial_from(cls, step, stored):
        return {"image": stored or ""}


FORMS: dict[str, type[StepForm]] = {
    "text": TextStepForm,
    "prompt": PromptStepForm,
    "timer": TimerStepForm,
    "senses-count": SensesStepForm,
    "body-map": BodyMapStepForm,
    "feelings-pick": FeelingsStepForm,
    "rating": RatingStepForm,
    "choice": ChoiceStepForm,
    "drawing": DrawingStepForm,
}


def step_form(step: Step, data=None, stored=None) -> StepForm:
    form_class = FORMS[step.type]
    return form_class(step, data, initial=form_class.initial_from(step, stored))
