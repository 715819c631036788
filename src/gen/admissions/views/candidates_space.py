"""The candidate's space: their applications and what became of them, offers to answer, withdrawals.

Everything is read through the candidate's own selectors: another person's application or offer is a 404.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gen.admissions.models import Application, Candidate, Offer
from gen.admissions.selectors import (
    Standing,
    applications_of_candidate,
    offers_of_candidate,
    standing_of,
)
from gen.admissions.services.offers import application_withdraw, offer_accept, offer_decline
from gen.admissions.services.workflows import OPEN_STATES

RELATED = (
    "session__course__organisation",
    "session__course__commune",
    "offer",
    "enrolment",
    "referrer_organisation",
)


@dataclass(frozen=True)
class Entry:
    """An application as its candidate sees it."""

    application: Application
    offer: Offer | None
    standing: Standing | None

    @property
    def offer_is_open(self) -> bool:
        return (
            self.offer is not None
            and self.offer.state == Offer.State.PENDING
            and timezone.now() <= self.offer.deadline
        )

    @property
    def can_withdraw(self) -> bool:
        """Still in the running, or admitted to a session not started yet (the place is given back)."""
        if self.application.state == Application.State.ADMITTED:
            return self.application.session.start_date > timezone.localdate()
        return self.application.state in OPEN_STATES


def _offer_of(application: Application) -> Offer | None:
    try:
        return application.offer
    except ObjectDoesNotExist:
        return None


def entry_of(application: Application) -> Entry:
    standing = standing_of(application) if application.state == Application.State.RANKED else None
    return Entry(application=application, offer=_offer_of(application), standing=standing)


@require_safe
@login_required
def space(request):
    applications = applications_of_candidate(request.user).select_related(*RELATED)
    return render(
        request,
        "admissions/candidates/space.html",
        {
            "entries": [entry_of(application) for application in applications],
            "has_profile": Candidate.objects.filter(user=request.user).exists(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def withdraw(request, pk: int):
    application = get_object_or_404(applications_of_candidate(request.user).select_related(*RELATED), pk=pk)
    error = None
    if request.method == "POST":
        try:
            application_withdraw(application=application, acting_user=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("Your application is withdrawn."))
            return redirect("admissions:candidate_space")
    return render(
        request,
        "admissions/candidates/withdraw.html",
        {"entry": entry_of(application), "error": error},
    )


ANSWERS = {"accept": offer_accept, "decline": offer_decline}


def answered(answer: str) -> str:
    if answer == "accept":
        return _("You have accepted the place. Welcome to the session!")
    return _("You have declined the offer. The place goes to the next candidate.")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def offer_answer(request, pk: int, answer: str):
    offer = get_object_or_404(
        offers_of_candidate(request.user).select_related(
            *(f"application__{related}" for related in RELATED[:2])
        ),
        pk=pk,
    )
    entry = Entry(application=offer.application, offer=offer, standing=None)
    error = None
    if request.method == "POST" and entry.offer_is_open:
        try:
            ANSWERS[answer](offer=offer, acting_user=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, answered(answer))
            return redirect("admissions:candidate_space")
    return render(
        request,
        "admissions/candidates/offer_answer.html",
        {"entry": entry, "offer": offer, "answer": answer, "error": error},
    )
