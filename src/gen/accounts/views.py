from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gen.accounts.models import Role
from gen.accounts.selectors import memberships_of


@require_safe
@login_required
def space(request):
    return render(request, "accounts/space.html", {"memberships": memberships_of(request.user), "Role": Role})
