from gen.accounts.models import Membership


def memberships_of(user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation", "funder", "region")
        .order_by("role")
    )
