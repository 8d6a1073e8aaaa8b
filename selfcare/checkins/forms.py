from django import forms
from django.core.validators import MaxLengthValidator

from selfcare.checkins.models import SupportPlan

SECTION_LIMIT = 2000


class SupportPlanForm(forms.ModelForm):
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
