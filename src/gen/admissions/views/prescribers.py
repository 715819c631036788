"""The prescribers' pages: the people they referred and what became of them, and referring someone."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.admissions.forms.prescribers import ReferralForm, SessionSearchForm
from gen.admissions.models import Application
from gen.admissions.referral_selectors import (
    access_referable_session,
    access_referral,
    known_person,
    prescriber_organisations,
    referral_counts,
    referrals_listed,
    sessions_open_for_referral,
)
from gen.admissions.selectors import standing_of
from gen.admissions.services.referrals import referral_create
from gen.core.forms import add_service_errors

State = Application.State
REFERRALS_PER_PAGE = 50
SESSIONS_PER_PAGE = 20

# What each state means for the person, in the words a prescriber can pass on.
STATE_EXPLANATIONS = {
    State.RECEIVED: gettext_lazy("The training organisation has received the application and will study it."),
    State.INVITED: gettext_lazy(
        "The person is invited to an information meeting; the date and place are in the e-mail they received."
    ),
    State.ASSESSING: gettext_lazy("The person is taking the selection tests and interview."),
    State.RANKED: gettext_lazy(
        "The person passed the selection and is on the list: offers of a place go out in the call order, "
        "as places become free."
    ),
    State.ADMITTED: gettext_lazy(
        "The person accepted an offer of a place: they are enrolled in the session."
    ),
    State.REFUSED: gettext_lazy(
        "The person was not selected. The reason and the comment meant for them are on the referral's page."
    ),
    State.WITHDRAWN: gettext_lazy(
        "The application is withdrawn: by the person, after an offer declined or not answered in time, or "
        "because they accepted a place in another session at the same dates."
    ),
}


def referrals_links() -> list[tuple[str, str]]:
    return [(reverse("accounts:space"), _("My space")), (reverse("admissions:referrals"), _("My referrals"))]


@require_safe
@role_required(Role.PRESCRIBER)
def referrals(request):
    counts = referral_counts(request.user)
    state = request.GET.get("etat", "")
    if state not in State.values:
        state = ""
    page = Paginator(referrals_listed(request.user, state=state), REFERRALS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "admissions/prescriber/referrals.html",
        {
            "page": page,
            "state": state,
            "state_filters": [(value, label, counts.get(value, 0)) for value, label in State.choices],
            "total": sum(counts.values()),
            "explanations": [(label, STATE_EXPLANATIONS[value]) for value, label in State.choices],
        },
    )


@require_safe
@role_required(Role.PRESCRIBER)
def referral(request, pk: int):
    application = access_referral(user=request.user, pk=pk)
    labels = dict(State.choices)
    return render(
        request,
        "admissions/prescriber/referral.html",
        {
            "application": application,
            "explanation": STATE_EXPLANATIONS[application.state],
            # Only dates and states: the reasons written along the way are the selection team's.
            "history": [
                (at, labels.get(to_state, to_state))
                for at, to_state in application.transitions.order_by("at", "pk").values_list("at", "to_state")
            ],
            "standing": standing_of(application) if application.state == State.RANKED else None,
            "breadcrumb_links": referrals_links(),
        },
    )


@require_safe
@role_required(Role.PRESCRIBER)
def refer(request):
    """Step 1: find the session, among those open for applications."""
    form = SessionSearchForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    sessions = sessions_open_for_referral(
        today=timezone.localdate(),
        text=criteria.get("q", ""),
        departement_code=criteria.get("departement", ""),
    )
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "admissions/prescriber/refer.html",
        {"form": form, "page": page, "breadcrumb_links": referrals_links()},
    )


def referral_done(person, email: str) -> str:
    if not person.has_account:
        return _(
            "The application is sent. The person receives an e-mail to activate their account and follow "
            "it; their profile is made of the answers you gave together."
        )
    if person.has_profile:
        return _(
            "The application is sent. %(email)s already had a candidate account: their own profile is "
            "kept, the profile answers of this form were not used."
        ) % {"email": email}
    return _(
        "The application is sent. %(email)s already had an account without a profile: the answers you "
        "gave together now make it up."
    ) % {"email": email}


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.PRESCRIBER)
def refer_person(request, session_pk: int):
    """Step 2: the person, their profile and application, and their consent."""
    session = access_referable_session(pk=session_pk)
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        organisations=prescriber_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        referral = form.referral()
        person = known_person(referral["email"])
        try:
            application = referral_create(acting_user=request.user, session=session, **referral)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, referral_done(person, application.candidate.user.email))
            return redirect("admissions:referral", pk=application.pk)
    return render(
        request,
        "admissions/prescriber/refer_person.html",
        {
            "session": session,
            "course": session.course,
            "is_open": session.is_open_for_applications(timezone.localdate()),
            "form": form,
            "breadcrumb_links": [*referrals_links(), (reverse("admissions:refer"), _("Refer a person"))],
        },
    )
