"""Co-fundings and attachments of a dossier: added and removed while it is a draft; files downloaded."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gen.labelling.forms.dossiers import AttachmentForm, CoFundingForm
from gen.labelling.selectors import access_application
from gen.labelling.services.applications import (
    attachment_add,
    attachment_remove,
    co_funding_add,
    co_funding_remove,
)
from gen.labelling.views.dossiers_common import add_errors, editable_application, locked_response
from gen.labelling.views.dossiers_page import render_dossier


def _back_to(application, anchor: str):
    return redirect(f"{application.get_absolute_url()}#{anchor}")


def _remove(request, application, item, remove, done: str, anchor: str):
    """Remove a co-funding or an attachment of the dossier, and say how it went."""
    item.application = application  # already loaded: the service checks the dossier's state
    try:
        remove(item, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back_to(application, anchor)


@require_POST
@login_required
def co_funding_new(request, pk: int):
    application = editable_application(request, pk)
    if locked := locked_response(request, application):
        return locked
    form = CoFundingForm(request.POST)
    if form.is_valid():
        try:
            co_funding_add(application, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Co-funding added."))
            return _back_to(application, "budget")
    return render_dossier(request, application, bound=("cofunding", form))


@require_POST
@login_required
def co_funding_delete(request, pk: int, co_funding_pk: int):
    application = editable_application(request, pk)
    co_funding = get_object_or_404(application.co_fundings, pk=co_funding_pk)
    if locked := locked_response(request, application):
        return locked
    return _remove(request, application, co_funding, co_funding_remove, _("Co-funding removed."), "budget")


@require_POST
@login_required
def attachment_new(request, pk: int):
    application = editable_application(request, pk)
    if locked := locked_response(request, application):
        return locked
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_add(
                application,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
                acting_user=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_errors(form, error)
            else:
                form.add_error("file", error)
        else:
            messages.success(request, _("Document added."))
            return _back_to(application, "attachments")
    return render_dossier(request, application, bound=("attachment", form))


@require_POST
@login_required
def attachment_delete(request, pk: int, attachment_pk: int):
    application = editable_application(request, pk)
    attachment = get_object_or_404(application.attachments, pk=attachment_pk)
    if locked := locked_response(request, application):
        return locked
    return _remove(request, application, attachment, attachment_remove, _("Document removed."), "attachments")


@require_safe
@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    """The file, to whoever may see the dossier (checked again here), as a download."""
    application = access_application(user=request.user, pk=pk)
    attachment = get_object_or_404(application.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type="application/pdf"
    )
