"""A course ("formation"): what is taught, where, to whom, for which métiers."""

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Modality(models.TextChoices):
    # Values follow LHÉO's "modalites-enseignement": 0 in person, 1 mixed, 2 remote.
    IN_PERSON = "in_person", _("In person")
    MIXED = "mixed", _("Mixed (in person and remote)")
    REMOTE = "remote", _("Remote")


class TargetPublic(models.TextChoices):
    """The label's priority publics."""

    LOW_QUALIFICATION = "low_qualification", _("People at bac level or below")
    YOUNG = "young", _("Young people under 26")
    WOMEN = "women", _("Women")
    QPV = "qpv", _("Residents of priority urban districts (QPV)")
    ZRR = "zrr", _("Residents of rural revitalisation zones (ZRR)")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    CAREER_CHANGERS = "career_changers", _("People changing careers")


class Course(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    jobs = models.ManyToManyField("catalogue.Job", related_name="courses", verbose_name=_("métiers (ROME)"))
    formacode = models.CharField(
        _("Formacode"), max_length=5, blank=True, validators=[RegexValidator(r"^\d{5}$", _("Five digits."))]
    )
    rncp_code = models.CharField(
        _("RNCP certification"),
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^RNCP\d{3,6}$", _("Like RNCP31114."))],
    )
    hours_in_centre = models.PositiveIntegerField(
        _("hours in the training centre"), validators=[MinValueValidator(1)]
    )
    hours_in_company = models.PositiveIntegerField(_("hours in a company (internship)"), default=0)
    modality = models.CharField(
        _("modality"), max_length=20, choices=Modality.choices, default=Modality.IN_PERSON
    )
    is_free = models.BooleanField(_("free for learners"), default=True)
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    target_publics = models.JSONField(_("target publics"), default=list, blank=True)
    address = models.CharField(_("address"), max_length=255)
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.PROTECT, related_name="courses", verbose_name=_("commune")
    )
    # Copied from the address (or the commune) so that distance filters use a plain index.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Accent-free text of the title, métiers, organisation and town; indexed for full-text search.
    search_text = models.TextField(default="", editable=False)
    # Its French full-text vector, stored so that ranking needs no re-parsing (PostgreSQL only: the
    # column stays empty on SQLite, which searches `search_text` itself).
    search_vector = SearchVectorField(null=True, editable=False)
    # The catalogue's view of the course, derived from its labels and sessions by
    # catalogue.services.courses_refresh_listing (on every change, and daily as dates pass).
    is_listed = models.BooleanField(_("listed in the catalogue"), default=False, editable=False)
    next_session_start = models.DateField(_("next session start"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="course_location_idx"),
            # Browsing the catalogue by next start date reads this index in order.
            models.Index(
                fields=["next_session_start", "title", "id"],
                condition=models.Q(is_listed=True),
                name="course_listed_by_start_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_in_centre__gt=0), name="course_hours_in_centre_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:course", kwargs={"slug": self.slug})

    @property
    def total_hours(self) -> int:
        return self.hours_in_centre + self.hours_in_company

    def get_target_publics_display(self) -> list[str]:
        labels = dict(TargetPublic.choices)
        return [labels[value] for value in self.target_publics if value in labels]
