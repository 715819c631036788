"""Users log in with their e-mail; what they may do comes from their memberships (roles)."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        """`gen createsuperuser`: the national-team role, not the flag, is what opens the admin."""
        fields.update(is_staff=True, is_superuser=True)
        with transaction.atomic(using=self._db):
            user = self.create_user(email, password, **fields)
            Membership.objects.using(self._db).create(user=user, role=Role.NATIONAL_TEAM)
        return user

    def get_by_natural_key(self, username: str):
        # E-mail addresses are stored in lower case; "Camille@Example.org" logs in as well.
        return self.get(**{self.model.USERNAME_FIELD: username.strip().lower()})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Kept for Django's own checks; access to the admin is decided by the national-team role.
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email


class Role(models.TextChoices):
    NATIONAL_TEAM = "national_team", _("National team")
    REVIEWER = "reviewer", _("Reviewer")
    ORGANISATION = "organisation", _("Training organisation member")
    PRESCRIBER = "prescriber", _("Prescriber")
    FUNDER = "funder", _("Funder")
    CANDIDATE = "candidate", _("Candidate")


ROLES_WITH_ORGANISATION = [Role.ORGANISATION, Role.PRESCRIBER]
# Roles held once per user, without an organisation or a funder.
PERSONAL_ROLES = [Role.NATIONAL_TEAM, Role.REVIEWER, Role.CANDIDATE]


class Membership(models.Model):
    """One role of a user, with its scope: an organisation, a funder or a region."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    funder = models.ForeignKey(
        "funding.Funder",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("funder"),
    )
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("A reviewer's region; empty for national reviewers."),
    )
    is_admin = models.BooleanField(
        _("administrator"), default=False, help_text=_("Manages the organisation's members.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(
                        role__in=ROLES_WITH_ORGANISATION,
                        organisation__isnull=False,
                        funder__isnull=True,
                        region__isnull=True,
                    )
                    | Q(
                        role=Role.FUNDER, funder__isnull=False, organisation__isnull=True, region__isnull=True
                    )
                    | Q(role=Role.REVIEWER, organisation__isnull=True, funder__isnull=True)
                    | Q(
                        role__in=[Role.NATIONAL_TEAM, Role.CANDIDATE],
                        organisation__isnull=True,
                        funder__isnull=True,
                        region__isnull=True,
                    )
                ),
                violation_error_message=_(
                    "Organisation members and prescribers need an organisation, funders a funder, "
                    "reviewers may have a region; other roles have no scope."
                ),
            ),
            models.CheckConstraint(
                name="membership_admin_only_in_organisations",
                condition=Q(is_admin=False) | Q(role__in=ROLES_WITH_ORGANISATION),
                violation_error_message=_("Only members of an organisation can be its administrators."),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(organisation__isnull=False),
                name="membership_unique_per_organisation",
                violation_error_message=_("This user is already a member of this organisation."),
            ),
            models.UniqueConstraint(
                fields=["user", "funder"],
                condition=Q(funder__isnull=False),
                name="membership_unique_per_funder",
                violation_error_message=_("This user is already a member of this funder."),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(role__in=PERSONAL_ROLES),
                name="membership_unique_personal_role",
                violation_error_message=_("This user already has this role."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.funder or self.region
        return f"{self.user} – {self.get_role_display()}" + (f" ({scope})" if scope else "")
