"""The organisation's cohorts: running, upcoming and finished sessions that have learners."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.cohorts.selectors import cohorts_board
from gen.cohorts.views.common import space_links


@require_safe
@role_required(Role.ORGANISATION)
def board(request):
    return render(
        request,
        "cohorts/board.html",
        {"board": cohorts_board(request.user, timezone.localdate()), "breadcrumb_links": space_links()},
    )
