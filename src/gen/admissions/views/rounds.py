"""The pages of national rounds.

A candidate orders their wishes until the campaign's deadline, then sees what the round gave them and,
for each wish they preferred, the position of the last candidate admitted and theirs. An organisation
sees its sessions in a campaign, freezes their call orders before the round, then sees its result.
The national team sees every campaign, starts its round (run by the worker) and follows it.
Everything is read through `gen.admissions.round_selectors`: what is not the user's is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.admissions.forms.rounds import RoundStartForm, WishMoveForm, moved
from gen.admissions.models import Campaign
from gen.admissions.round_selectors import (
    Outcome,
    access_campaign_of_candidate,
    access_campaign_of_organisation,
    access_campaign_session,
    campaign_board,
    campaign_rows,
    campaign_sessions_of,
    campaigns_of_candidate,
    campaigns_of_organisation,
    round_of,
    round_start_refusal,
    wishes_board,
)
from gen.admissions.services.campaigns import wishes_are_open, wishes_save
from gen.admissions.services.offers import call_order_freeze
from gen.admissions.services.rounds import round_start
from gen.admissions.services.workflows import OPEN_STATES


@require_safe
@login_required
def candidate_campaigns(request):
    return render(
        request,
        "admissions/rounds/candidate_campaigns.html",
        {"campaigns": campaigns_of_candidate(request.user).order_by("-wishes_close_on", "name")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def wishes(request, slug: str):
    campaign, candidate = access_campaign_of_candidate(user=request.user, slug=slug)
    board = wishes_board(user=request.user, campaign=campaign)
    if request.method == "POST":
        form = WishMoveForm(request.POST)
        if not form.is_valid():
            raise Http404
        action, application_id = form.cleaned_move()
        order = [row.application.pk for row in board.wishes if row.application.state in OPEN_STATES]
        movable = order if action != "add" else [row.application.pk for row in board.others]
        if application_id not in movable:
            raise Http404
        try:
            wishes_save(
                candidate=candidate,
                campaign=campaign,
                application_ids=moved(order, action, application_id),
                acting_user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your wishes are saved."))
        return redirect("admissions:round_wishes", slug=campaign.slug)
    return render(
        request,
        "admissions/rounds/wishes.html",
        {
            "board": board,
            "campaign": campaign,
            "open": wishes_are_open(campaign) and board.round is None,
            "open_states": OPEN_STATES,
            "placed": next((row for row in board.wishes if row.outcome == Outcome.PLACED), None),
        },
    )


@require_safe
@role_required(Role.ORGANISATION)
def campaigns(request):
    return render(
        request,
        "admissions/rounds/campaigns.html",
        {"campaigns": campaigns_of_organisation(request.user).order_by("-wishes_close_on", "name")},
    )


@require_safe
@role_required(Role.ORGANISATION)
def campaign_sessions(request, slug: str):
    campaign = access_campaign_of_organisation(user=request.user, slug=slug)
    return render(
        request,
        "admissions/rounds/campaign.html",
        {
            "campaign": campaign,
            "round": round_of(campaign),
            "rows": list(campaign_sessions_of(request.user, campaign)),
        },
    )


@require_POST
@role_required(Role.ORGANISATION)
def session_freeze(request, slug: str, pk: int):
    campaign = access_campaign_of_organisation(user=request.user, slug=slug)
    row = access_campaign_session(user=request.user, campaign=campaign, pk=pk)
    try:
        call_order_freeze(session=row.session, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The call order of %(session)s is frozen.") % {"session": row.session})
    return redirect("admissions:round_campaign", slug=campaign.slug)


# The national team


def _team_links() -> list[tuple[str, str]]:
    return [(reverse("accounts:space"), _("My space"))]


@require_safe
@role_required(Role.NATIONAL_TEAM)
def team_campaigns(request):
    return render(
        request,
        "admissions/rounds/team_campaigns.html",
        {"rows": campaign_rows(), "breadcrumb_links": _team_links()},
    )


@require_safe
@role_required(Role.NATIONAL_TEAM)
def team_campaign(request, slug: str):
    board = campaign_board(slug)
    return render(
        request,
        "admissions/rounds/team_campaign.html",
        {
            "board": board,
            "campaign": board.campaign,
            "round": board.round,
            "refusal": round_start_refusal(board.campaign),
            "form": RoundStartForm(),
            "breadcrumb_links": [
                *_team_links(),
                (reverse("admissions:team_campaigns"), _("Admission campaigns")),
            ],
        },
    )


@require_POST
@role_required(Role.NATIONAL_TEAM)
def team_round_start(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    form = RoundStartForm(request.POST)
    skip_unfrozen = form.is_valid() and form.cleaned_data["skip_unfrozen"]
    try:
        run = round_start(campaign=campaign, acting_user=request.user, skip_unfrozen=skip_unfrozen)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("admissions:team_campaign", slug=campaign.slug)
    messages.success(
        request,
        _("The round of “%(campaign)s” is queued: the worker starts it in a moment.")
        % {"campaign": campaign},
    )
    return redirect("jobs:run", pk=run.pk)
