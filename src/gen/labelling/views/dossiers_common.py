"""Helpers shared by the dossier views: who may change a dossier, and services' errors on forms."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from gen.labelling.models import LabelApplication
from gen.labelling.selectors import access_application, is_application_editor


def editable_application(request, pk: int) -> LabelApplication:
    """The dossier, for a member of its organisation: 404 if they may not see it, 403 if they only read it."""
    application = access_application(user=request.user, pk=pk)
    if not is_application_editor(request.user, application):
        raise PermissionDenied
    return application


def locked_response(request, application: LabelApplication):
    """A redirection with a message when the dossier is no longer a draft; None while it is."""
    if application.state == LabelApplication.State.DRAFT:
        return None
    messages.error(request, _("A submitted dossier can no longer be changed."))
    return redirect(application)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def add_errors(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields when it names them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
