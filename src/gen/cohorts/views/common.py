"""What the cohort pages share: their breadcrumb trails."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gen.catalogue.models import Session


def space_links() -> list[tuple[str, str]]:
    return [(reverse("accounts:space"), _("My space"))]


def board_links() -> list[tuple[str, str]]:
    return [*space_links(), (reverse("cohorts:board"), _("Cohorts"))]


def cohort_links(session: Session) -> list[tuple[str, str]]:
    return [*board_links(), (reverse("cohorts:cohort", kwargs={"pk": session.pk}), str(session))]
