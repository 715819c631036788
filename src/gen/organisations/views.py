from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gen.accounts.permissions import can_manage_organisation_members
from gen.organisations.selectors import access_organisation, organisation_courses, organisation_members


@require_safe
@login_required
def organisation_space(request, slug: str):
    organisation = access_organisation(user=request.user, slug=slug)
    return render(
        request,
        "organisations/space.html",
        {
            "organisation": organisation,
            "courses": organisation_courses(organisation),
            "can_manage_members": can_manage_organisation_members(request.user, organisation.pk),
            "members": organisation_members(user=request.user, organisation=organisation),
        },
    )
