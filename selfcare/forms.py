from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render every field with our own accessible field group (label, hint, error, input)."""

    field_template_name = "components/field.html"
