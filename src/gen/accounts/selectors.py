from gen.accounts.models import Membership


def memberships_of(user) -> list[Membership]:
    """A user's roles with their scope, in one query."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation", "funder", "region")
        .order_by("role", "created_at")
    )
