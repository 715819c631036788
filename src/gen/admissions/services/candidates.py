"""Candidate accounts: sign-up confirmed by e-mail, and the profile with its recorded consent."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import Candidate
from gen.admissions.models.candidates import PRIVACY_NOTICE_VERSION
from gen.notifications.services import email_enqueue

PROFILE_FIELDS = (
    "birth_date",
    "gender",
    "diploma_level",
    "is_job_seeker",
    "commune",
    "lives_in_qpv_or_zrr",
    "is_scholarship_holder",
    "heard_from",
)


class AccountActivationTokenGenerator(PasswordResetTokenGenerator):
    """Like password-reset links, but spent once the account is active."""

    key_salt = "gen.admissions.account_activation"

    def _make_hash_value(self, user, timestamp) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


activation_token = AccountActivationTokenGenerator()


def activation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("admissions:activate", args=[uid, activation_token.make_token(user)])


@transaction.atomic
def candidate_signup(*, email: str, password: str, first_name: str, last_name: str) -> User | None:
    """Create an inactive account and e-mail its activation link.

    An address already known gets an e-mail saying so (or a new activation link, if its account was never
    activated), and the page says the same thing in every case: nobody learns from the sign-up form
    whether someone has an account.
    """
    email = email.strip().lower()
    existing = User.objects.filter(email=email).first()
    if existing is not None and _awaits_activation(existing):
        # The first link was lost or has expired: send a new one. The password typed now is not kept,
        # or whoever knows the address could set it; the owner of the mailbox chooses it on activation.
        existing.set_unusable_password()
        existing.save(update_fields=["password"])
        _send_activation(existing)
        return existing
    if existing is not None:
        email_enqueue(
            to=email,
            template="admissions/emails/already_registered",
            context={"user": existing, "login_url": reverse("accounts:login")},
            kind="admissions.already_registered",
        )
        return None
    user = User.objects.create_user(
        email, password, first_name=first_name.strip(), last_name=last_name.strip(), is_active=False
    )
    Membership.objects.create(user=user, role=Role.CANDIDATE)
    _send_activation(user)
    return user


def _awaits_activation(user: User) -> bool:
    """A candidate's account never activated (made at sign-up or by a prescriber), and nothing more."""
    return (
        not user.is_active
        and user.last_login is None
        and not Membership.objects.filter(user=user).exclude(role=Role.CANDIDATE).exists()
    )


def _send_activation(user: User) -> None:
    email_enqueue(
        to=user.email,
        template="admissions/emails/activate",
        context={"user": user, "activation_url": activation_path(user)},
        kind="admissions.activate",
    )


def candidate_activate(*, user: User, token: str) -> bool:
    """Activate the account if the link is valid and unused; False otherwise."""
    if user.is_active or not activation_token.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


@transaction.atomic
def profile_save(*, user: User, acting_user, **answers) -> Candidate:
    """Create or update the candidate's profile; saving it records consent to the privacy notice read."""
    candidate = Candidate.objects.filter(user=user).first() or Candidate(user=user)
    for field in PROFILE_FIELDS:
        setattr(candidate, field, answers[field])
    candidate.consent_at = timezone.now()
    candidate.privacy_notice_version = PRIVACY_NOTICE_VERSION
    candidate.full_clean()
    candidate.save()
    Membership.objects.get_or_create(user=user, role=Role.CANDIDATE)
    return candidate
