from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrDjangoTemplates


class FormRenderer(DsfrDjangoTemplates):
    """django-dsfr's form renderer, made once per process.

    Left to itself, django-dsfr builds a renderer (and a template engine, parsing every field
    template again) for each form. Named in FORM_RENDERER, Django creates it once and keeps it.
    """


def add_service_errors(
    form: forms.Form, error: ValidationError, renamed: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has it.
    `renamed` maps the service's names to the form's."""
    renamed = renamed or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        field = renamed.get(name, name)
        form.add_error(field if field in form.fields else None, messages)
