from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gen.organisations.selectors import access_organisation, organisation_courses, organisation_members


@login_required
def organisation_space(request, slug: str):
    organisation = access_organisation(user=request.user, slug=slug)
    return render(
        request,
        "organisations/space.html",
        {
            "organisation": organisation,
            "courses": organisation_courses(organisation),
            "members": organisation_members(user=request.user, organisation=organisation),
        },
    )
