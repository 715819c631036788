"""A prescriber (France Travail, Mission Locale, association) applies for a person, with their consent."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gen.accounts.models import Membership, Role, User
from gen.accounts.permissions import access_of
from gen.admissions.models import Application, Candidate
from gen.admissions.services.applications import application_submit
from gen.admissions.services.candidates import activation_path, profile_save
from gen.catalogue.models import Session
from gen.notifications.services import email_enqueue
from gen.organisations.models import Organisation


@transaction.atomic
def referral_create(
    *,
    acting_user: User,
    organisation: Organisation,
    session: Session,
    email: str,
    first_name: str,
    last_name: str,
    consent: bool,
    motivation: str,
    availability: str,
    profile: dict,
) -> Application:
    """Apply for a person. A person new to the platform gets an account to activate and a profile made
    of the prescriber's answers; a person already registered keeps their own profile, untouched (one who
    signed up without filling it in gets the prescriber's answers)."""
    if (
        organisation.pk not in access_of(acting_user).organisation_ids
        or not Membership.objects.filter(
            user=acting_user, organisation=organisation, role=Role.PRESCRIBER
        ).exists()
    ):
        raise ValidationError(_("You do not refer candidates for this structure."))
    if not consent:
        raise ValidationError({"consent": _("The person must agree before you apply for them.")})
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    has_profile = user is not None and Candidate.objects.filter(user=user).exists()
    if (
        user is not None
        and not has_profile
        and not Membership.objects.filter(user=user, role=Role.CANDIDATE).exists()
    ):
        raise ValidationError({"email": _("This address belongs to an account that is not a candidate's.")})
    is_new = user is None
    if is_new:
        user = User.objects.create_user(
            email, None, first_name=first_name.strip(), last_name=last_name.strip(), is_active=False
        )
    if not has_profile:
        # A new person, or one who signed up without filling in their profile yet: the answers given
        # with the prescriber make it up.
        profile_save(user=user, acting_user=acting_user, **profile)
    application = application_submit(
        candidate=user.candidate,
        session=session,
        motivation=motivation,
        availability=availability,
        acting_user=acting_user,
        referrer=acting_user,
        referrer_organisation=organisation,
    )
    email_enqueue(
        to=email,
        template="admissions/emails/referred",
        context={
            "application": application,
            "session": session,
            "prescriber": acting_user,
            "organisation": organisation,
            "activation_url": activation_path(user) if is_new else None,
        },
        kind="admissions.referred",
    )
    return application
