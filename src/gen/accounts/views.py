from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gen.accounts.selectors import memberships_of


@login_required
def space(request):
    return render(request, "accounts/space.html", {"memberships": memberships_of(request.user)})
