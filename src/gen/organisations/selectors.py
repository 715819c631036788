from django.db.models import Count, Min, Q
from django.http import Http404
from django.utils import timezone

from gen.accounts.models import Membership
from gen.accounts.permissions import can_manage_organisation_members, can_view_organisation
from gen.catalogue.models import Course
from gen.organisations.models import Organisation


def access_organisation(*, user, slug: str) -> Organisation:
    """The organisation, if the user is one of its members or in the national team; a 404 otherwise."""
    organisation = Organisation.objects.select_related("commune").filter(slug=slug).first()
    if organisation is None or not can_view_organisation(user, organisation.pk):
        raise Http404
    return organisation


def organisation_courses(organisation: Organisation):
    today = timezone.localdate()
    return (
        Course.objects.filter(organisation=organisation)
        .select_related("commune")
        .annotate(
            upcoming_sessions=Count("sessions", filter=Q(sessions__start_date__gte=today)),
            next_start=Min("sessions__start_date", filter=Q(sessions__start_date__gte=today)),
        )
        .order_by("title")
    )


def organisation_members(*, user, organisation: Organisation) -> list[Membership]:
    """Members are listed to the organisation's administrators and the national team only."""
    if not can_manage_organisation_members(user, organisation.pk):
        return []
    return list(organisation.memberships.select_related("user").order_by("user__last_name", "user__email"))
