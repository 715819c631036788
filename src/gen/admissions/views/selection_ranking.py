"""The ranking of a session: best first, moved one step at a time or by typed places, or by score;
frozen with the call order."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.admissions.forms.selection import RankingForm
from gen.admissions.models import Application
from gen.admissions.publics import publics_of
from gen.admissions.selection_selectors import access_session, call_order_frozen_at, ranking_of
from gen.admissions.services.applications import ranking_by_score, ranking_save
from gen.admissions.views.selection import publics_in_order, session_links
from gen.catalogue.models import Session


def _ranking_url(session: Session) -> str:
    return reverse("admissions:selection_ranking", kwargs={"pk": session.pk})


def moved(ranking: list[Application], move: str) -> list[int] | None:
    """The ranking with one application moved: `move` is "<id>:up" or "<id>:down" (None if unknown)."""
    pk, _sep, direction = move.partition(":")
    ids = [application.pk for application in ranking]
    if not pk.isdigit() or int(pk) not in ids or direction not in ("up", "down"):
        return None
    index = ids.index(int(pk))
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    return ids


def _save(request, session: Session, ordered_ids: list[int]):
    try:
        ranking_save(session=session, ordered_ids=ordered_ids, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The ranking is saved."))
    return redirect(_ranking_url(session))


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ORGANISATION)
def ranking(request, pk: int):
    """Move one candidate up or down (`move`), or save the places typed for all (`save`)."""
    session = access_session(user=request.user, pk=pk)
    ranked = list(ranking_of(session))
    form = RankingForm(request.POST if "save" in request.POST else None, ranking=ranked)
    if "move" in request.POST:
        ordered_ids = moved(ranked, request.POST["move"])
        if ordered_ids is None:
            messages.error(request, _("This move is not possible: reload the page and try again."))
            return redirect(_ranking_url(session))
        return _save(request, session, ordered_ids)
    if form.is_bound and form.is_valid():
        return _save(request, session, form.ordered_ids())
    rows = [
        (
            application,
            form[f"place_{application.pk}"],
            publics_in_order(publics_of(application.candidate, session.start_date)),
        )
        for application in ranked
    ]
    return render(
        request,
        "admissions/selection/ranking.html",
        {
            "session": session,
            "form": form,
            "rows": rows,
            "frozen_at": call_order_frozen_at(session),
            "breadcrumb_links": session_links(session),
        },
    )


@require_POST
@role_required(Role.ORGANISATION)
def rank_by_score(request, pk: int):
    session = access_session(user=request.user, pk=pk)
    try:
        ranking_by_score(session=session, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The candidates are ranked by score, best first."))
    return redirect(_ranking_url(session))
