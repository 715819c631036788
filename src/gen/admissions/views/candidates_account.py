"""A candidate's account: sign-up, activation by e-mail, the profile and how personal data are used."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gen.accounts.models import User
from gen.admissions.forms.candidates import ActivationForm, ProfileForm, SignupForm
from gen.admissions.models import Candidate
from gen.admissions.models.candidates import PRIVACY_NOTICE_VERSION
from gen.admissions.services.candidates import (
    activation_token,
    candidate_activate,
    candidate_signup,
    profile_save,
)
from gen.core.forms import add_service_errors


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("admissions:candidate_space")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        candidate_signup(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        # The same page whether the address was known or not: the e-mail tells the difference.
        return redirect("admissions:candidate_signup_done")
    return render(request, "admissions/candidates/signup.html", {"form": form})


@require_safe
def signup_done(request):
    return render(request, "admissions/candidates/signup_done.html")


def _user_to_activate(uidb64: str, token: str) -> User | None:
    """The account the link is for, if the link is valid and unused."""
    try:
        user = User.objects.filter(pk=int(force_str(urlsafe_base64_decode(uidb64)))).first()
    except (ValueError, TypeError, OverflowError):
        return None
    if user is None or user.is_active or not activation_token.check_token(user, token):
        return None
    return user


@require_http_methods(["GET", "HEAD", "POST"])
def activate(request, uidb64: str, token: str):
    """The owner of the mailbox chooses their password here, and that activates the account.

    Only a POST activates: mail scanners that open links must not spend them.
    """
    user = _user_to_activate(uidb64, token)
    if user is None:
        return render(request, "admissions/candidates/activate_invalid.html")
    form = ActivationForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = candidate_activate(user=user, token=token, password=form.cleaned_data["new_password1"])
        if user is None:  # spent by another click meanwhile
            return render(request, "admissions/candidates/activate_invalid.html")
        login(request, user)
        messages.success(
            request, _("Your account is active. Check your profile: it is needed to apply to a session.")
        )
        return redirect("admissions:candidate_profile")
    return render(request, "admissions/candidates/activate.html", {"account": user, "form": form})


def safe_next(request) -> str | None:
    """The page to come back to after the profile, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile(request):
    candidate = Candidate.objects.select_related("commune__departement").filter(user=request.user).first()
    next_url = safe_next(request)
    form = ProfileForm.for_candidate(candidate, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            profile_save(user=request.user, acting_user=request.user, **form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect(next_url or reverse("admissions:candidate_space"))
    return render(
        request,
        "admissions/candidates/profile.html",
        {"form": form, "candidate": candidate, "next_url": next_url},
    )


@require_safe
def privacy(request):
    return render(
        request,
        "admissions/candidates/privacy.html",
        {"version": PRIVACY_NOTICE_VERSION, "contact_email": settings.PRIVACY_CONTACT_EMAIL},
    )
