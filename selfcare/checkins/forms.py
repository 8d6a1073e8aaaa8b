from django import forms
from django.core.validators import MaxLengthValidator

from selfcare.accounts.models import User
from selfcare.accounts.sections import SectionForm
from selfcare.checkins.models import SupportPlan
from selfcare.checkins.resources import country_choices
from selfcare.core.autosave import OrderedWriteFields
from selfcare.core.forms import ScaleField

SECTION_LIMIT = 2000


class SupportPlanForm(OrderedWriteFields, forms.ModelForm):
    class Meta:
        model = SupportPlan
        fields = [name for name, _, _ in SupportPlan.SECTIONS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, title, hint in SupportPlan.SECTIONS:
            field = self.fields[name]
            field.label, field.help_text, field.required = title, hint, False
            field.max_length = SECTION_LIMIT
            field.widget = forms.Textarea(attrs={"rows": 3, "maxlength": SECTION_LIMIT})
            field.error_messages["max_length"] = f"Please keep each part under {SECTION_LIMIT:,} characters."
            field.validators.append(MaxLengthValidator(SECTION_LIMIT))


IMPACT_CHOICES = [(0, "None"), (1, "A little"), (2, "A lot")]
IMPACT_MESSAGE = "Please choose none, a little or a lot."


def _impact(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=IMPACT_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": IMPACT_MESSAGE, "invalid_choice": IMPACT_MESSAGE},
    )


class CheckInForm(forms.Form):
    """The items of SAFETY.md §1.6, worded as published there, plus connection and a few words."""

    numbness = ScaleField(label="Today, how emotionally numb or disconnected did you feel?")
    impact_work = _impact("Work or study")
    impact_relationships = _impact("Relationships")
    impact_selfcare = _impact("Looking after yourself (eating, sleep, hygiene)")
    connection = ScaleField(label="How connected to people did you feel today?")
    note = forms.CharField(
        label="A few words, if you like",
        required=False,
        max_length=280,
        error_messages={"max_length": "A few words is plenty: up to 280 characters."},
    )


class SingleQuestionForm(forms.Form):
    """One optional extra question on the check-in, worded as SAFETY.md gives it. Blank skips it."""

    def __init__(self, instrument, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        question = instrument.items[0]
        self.fields["answer"] = forms.TypedChoiceField(
            label=question.text,
            choices=[(option.value, option.label) for option in question.options],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            help_text="Optional. Leave it blank to skip; we'll ask again another time.",
            error_messages={"invalid_choice": "Please choose one of the answers, or leave it blank."},
        )
        self.prefix = "extra"


class CrisisLinesForm(SectionForm):
    # The regions come from the crisis-lines content, so a new region needs no code change here.
    country = forms.ChoiceField(
        choices=country_choices,
        required=False,
        label="Show crisis lines for",
        help_text="The Get help page shows this country's lines first. Lines for every other country stay there too.",
        error_messages={"invalid_choice": "Please choose a country from the list, or “Not chosen”."},
    )

    class Meta:
        model = User
        fields = ["country"]

    def chosen_label(self) -> str:
        return dict(country_choices()).get(self.instance.country, self.instance.country)

    def saved_message(self) -> str:
        if self.instance.country:
            return f"Saved. Get help now shows the lines for {self.chosen_label()} first."
        return "Saved. Get help now shows the lines for the US, the UK and anywhere else."
