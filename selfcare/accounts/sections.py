"""The settings page's sections, registered by the apps that own them.

The settings page is a shell: each app adds its own section in its AppConfig.ready, so accounts
never imports a feature. A section with a form posts its key in "section"; the form is a ModelForm
on the signed-in person (a SectionForm) with a `saved_message()` for after a save.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms


class SectionForm(forms.ModelForm):
    """A section's form: a ModelForm on the signed-in person that says, after a save, what it saved."""

    def saved_message(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Section:
    key: str
    # Renders the section; it gets `form` (None without one) and the page's context.
    template: str
    # The section's place on the page: smaller comes first.
    order: int
    form: type[SectionForm] | None = None


SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    SECTIONS[section.key] = section
    return section


def ordered() -> list[Section]:
    return sorted(SECTIONS.values(), key=lambda section: section.order)


def with_forms() -> dict[str, type[SectionForm]]:
    """Each section's form, by the section's key, for the sections that have one."""
    return {section.key: section.form for section in ordered() if section.form is not None}
