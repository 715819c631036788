from dsfr.forms import DsfrDjangoTemplates


class FormRenderer(DsfrDjangoTemplates):
    """django-dsfr's form renderer, made once per process.

    Left to itself, django-dsfr builds a renderer (and a template engine, parsing every field
    template again) for each form. Named in FORM_RENDERER, Django creates it once and keeps it.
    """
