"""Who sees which dashboard, and of what.

- everyone, logged in or not: the national dashboard, the methodology, the API (counts and rates only,
  masked below the confidentiality threshold);
- the regional dashboard: the national team and national funders for any region; a regional funder
  (a funder whose `region` is set) and a regional reviewer for their region only;
- the organisation dashboard: members of a training organisation for their own organisations; the
  national team for any.
"""

from django.db.models import QuerySet

from gen.accounts.models import Role
from gen.accounts.permissions import access_of, has_role
from gen.funding.models import Funder
from gen.organisations.models import Organisation
from gen.territories.models import Region


def regions_for(user) -> QuerySet[Region]:
    access = access_of(user)
    if access.is_national_team:
        return Region.objects.all()
    region_ids = {region_id for region_id in access.reviewer_region_ids if region_id is not None}
    if access.funder_ids and Role.FUNDER in access.roles:
        funder_regions = set(
            Funder.objects.filter(pk__in=access.funder_ids).values_list("region_id", flat=True)
        )
        if None in funder_regions:  # a national funder
            return Region.objects.all()
        region_ids |= funder_regions
    return Region.objects.filter(pk__in=region_ids)


def organisations_for(user) -> QuerySet[Organisation]:
    training = Organisation.objects.filter(kind=Organisation.Kind.TRAINING)
    if access_of(user).is_national_team:
        return training
    if not has_role(user, Role.ORGANISATION):
        return Organisation.objects.none()
    return training.filter(pk__in=access_of(user).organisation_ids)
