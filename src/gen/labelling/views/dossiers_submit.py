"""Submitting a dossier: a confirmation page, then the service, which refuses what is incomplete or late."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gen.labelling.services.applications import application_missing, application_submit
from gen.labelling.services.calls import call_is_open
from gen.labelling.views.dossiers_common import editable_application, error_text, locked_response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def application_submit_confirm(request, pk: int):
    application = editable_application(request, pk)
    if locked := locked_response(request, application):
        return locked
    error = None
    if request.method == "POST":
        try:
            application_submit(application, acting_user=request.user)
        except ValidationError as refusal:
            error = error_text(refusal)
        else:
            messages.success(
                request, _("Your dossier has been submitted. You can follow its progress on this page.")
            )
            return redirect(application)
    return render(
        request,
        "labelling/dossiers/submit.html",
        {
            "application": application,
            "missing": application_missing(application),
            "call_open": call_is_open(application.call),
            "error": error,
        },
        status=200,
    )
