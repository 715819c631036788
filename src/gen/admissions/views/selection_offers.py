"""From ranking to offers: a session's minimum rates with a preview of the call order they give,
publishing the offers, and following them (offers, waiting list, declines)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.admissions.forms.selection import RatesForm
from gen.admissions.models import Application, Offer, Selection
from gen.admissions.publics import Public, publics_of
from gen.admissions.selection_selectors import (
    access_session,
    call_order_frozen_at,
    offers_board,
    offers_published_at,
    ranking_of,
    round_to_come,
    selection_of,
)
from gen.admissions.services.offers import compute_call_order, offers_publish
from gen.admissions.services.rates import Rate, label_commitments, minimum_rates_of, selection_save
from gen.admissions.views.selection import publics_in_order, session_links
from gen.catalogue.models import Session
from gen.core.forms import add_service_errors

OFFER_STATES = dict(Offer.State.choices)


@dataclass(frozen=True)
class Called:
    """One position of the call order, for the preview and the confirmation of publishing."""

    position: int
    application: Application
    publics: list[Public]
    # Within the places left: an offer goes out as soon as offers are published.
    gets_offer: bool

    @property
    def moved_up(self) -> int:
        return max(self.application.rank - self.position, 0)


def called_in_order(session: Session, rates: list[Rate] | None = None) -> list[Called]:
    """The ranked candidates in call order: the frozen one, or the one the rates (the session's, or
    `rates`) would give."""
    ranked = ranking_of(session)
    if call_order_frozen_at(session):
        ordered = [
            (application.call_position, application) for application in ranked.order_by("call_position")
        ]
    else:
        by_pk = {application.pk: application for application in ranked}
        order = [pk for pk in compute_call_order(session, rates) if pk in by_pk]
        ordered = [(position, by_pk[pk]) for position, pk in enumerate(order, start=1)]
    return [
        Called(
            position=position,
            application=application,
            publics=publics_in_order(publics_of(application.candidate, session.start_date)),
            gets_offer=index <= session.places_left,
        )
        for index, (position, application) in enumerate(ordered, start=1)
    ]


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ORGANISATION)
def rates(request, pk: int):
    """A POST with `preview` saves nothing: it shows the call order the rates typed would give (htmx
    sends one as they are typed; without JavaScript, the preview button does)."""
    session = access_session(user=request.user, pk=pk)
    frozen_at = call_order_frozen_at(session)
    form = RatesForm(request.POST or None, rates=minimum_rates_of(session), selection=selection_of(session))
    previewing = "preview" in request.POST
    if request.method == "POST" and not previewing and form.is_valid():
        try:
            selection_save(
                session=session,
                rates=form.rates(),
                precedence=form.precedence(),
                response_days=form.cleaned_data["response_days"],
                acting_user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The selection rules are saved."))
            return redirect("admissions:selection_rates", pk=session.pk)
    # The call order the rates on screen would give; none while they do not validate, or once frozen.
    called = None
    if frozen_at is None and (not form.is_bound or form.is_valid()):
        called = called_in_order(session, form.rate_list() if form.is_bound else None)
    commitments = label_commitments(session)
    context = {
        "session": session,
        "form": form,
        "rows": [
            (public, rate, precedence, commitments.get(public.value))
            for public, rate, precedence in form.rows()
        ],
        "saved": session.minimum_rates.exists(),
        "commitments": commitments,
        "frozen_at": frozen_at,
        "called": called,
        "breadcrumb_links": session_links(session),
    }
    template = "admissions/selection/_call_order.html" if request.htmx else "admissions/selection/rates.html"
    return render(request, template, context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ORGANISATION)
def publish(request, pk: int):
    session = access_session(user=request.user, pk=pk)
    if offers_published_at(session) is not None:
        messages.info(request, _("Offers for this session are already published."))
        return redirect("admissions:selection_offers", pk=session.pk)
    if request.method == "POST":
        try:
            sent = offers_publish(session=session, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            count = len(sent)
            messages.success(
                request,
                ngettext(
                    "Offers are published: %(count)d candidate received one by e-mail.",
                    "Offers are published: %(count)d candidates received one by e-mail.",
                    count,
                )
                % {"count": count},
            )
            return redirect("admissions:selection_offers", pk=session.pk)
    called = called_in_order(session)
    return render(
        request,
        "admissions/selection/publish.html",
        {
            "session": session,
            "called": called,
            "offered": [row for row in called if row.gets_offer],
            "rates": minimum_rates_of(session),
            "response_days": (selection_of(session) or Selection()).response_days,
            "round": round_to_come(session),
            "breadcrumb_links": session_links(session),
        },
    )


@require_safe
@role_required(Role.ORGANISATION)
def offers(request, pk: int):
    session = access_session(user=request.user, pk=pk)
    board = offers_board(session)
    return render(
        request,
        "admissions/selection/offers.html",
        {
            "session": session,
            "board": board,
            "published_at": offers_published_at(session),
            "places_left_to_offer": board.places_left_to_offer(session),
            "lost": [(transition, OFFER_STATES[transition.to_state]) for transition in board.lost],
            "breadcrumb_links": session_links(session),
        },
    )
