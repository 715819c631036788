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
def candidate_signup(*, email: str, first_name: str, last_name: str) -> User | None:
    """Create an inactive account without a password and e-mail its activation link.

    The password is chosen on the activation page, by whoever opens the link: the owner of the mailbox.
    Someone who signs up with another person's address therefore sets nothing they could log in with.

    An address already known gets an e-mail saying so (or a new activation link, if its account was never
    activated), and the page says the same thing in every case: nobody learns from the sign-up form
    whether someone has an account.
    """
    email = email.strip().lower()
    existing = User.objects.filter(email=email).first()
    if existing is not None and _awaits_activation(existing):
        # The first link was lost or has expired: send a new one. A fresh unusable password changes the
        # tokens, so that only the newest link works.
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
        email, None, first_name=first_name.strip(), last_name=last_name.strip(), is_active=False
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


@transaction.atomic
def candidate_activate(*, user: User, token: str, password: str) -> User | None:
    """Set the password chosen by the owner of the mailbox and activate the account, if the link is valid
    and unused; None otherwise. The password has been checked by the form (Django's validators)."""
    # Locked, so that two clicks on one link cannot both set a password: the second finds it spent.
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active or not activation_token.check_token(user, token):
        return None
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    return user


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
