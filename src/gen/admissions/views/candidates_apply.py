"""Applying to a session: a profile first, then the motivation, during the application window."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gen.admissions.forms.candidates import ApplyForm
from gen.admissions.models import Candidate
from gen.admissions.models.applications import MOTIVATION_MIN_LENGTH
from gen.admissions.selectors import applications_of_candidate
from gen.admissions.services.applications import application_submit
from gen.catalogue.selectors import session_for_page
from gen.core.forms import add_service_errors


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def apply(request, session_pk: int):
    session = session_for_page(session_pk)
    if session is None:
        raise Http404
    candidate = Candidate.objects.filter(user=request.user).first()
    if candidate is None:
        messages.info(request, _("Fill in your profile first; you will then come back to your application."))
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('admissions:candidate_profile')}?{query}")
    existing = applications_of_candidate(request.user).filter(session=session).first()
    is_open = session.is_open_for_applications(timezone.localdate())
    form = ApplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            application_submit(
                candidate=candidate, session=session, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your application is sent. We have e-mailed you an acknowledgement; follow it here."),
            )
            return redirect("admissions:candidate_space")
    return render(
        request,
        "admissions/candidates/apply.html",
        {
            "session": session,
            "course": session.course,
            "form": form,
            "existing": existing,
            "is_open": is_open,
            "today": timezone.localdate(),
            "minimum": MOTIVATION_MIN_LENGTH,
            "breadcrumb_links": [
                (reverse("catalogue:search"), _("Courses")),
                (session.course.get_absolute_url(), session.course.title),
                (
                    reverse("catalogue:session", kwargs={"slug": session.course.slug, "pk": session.pk}),
                    session.name,
                ),
            ],
        },
    )
