"""The national team's calls: the list with dossiers counted per state, a new call, its state changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.core.forms import add_service_errors
from gen.labelling.forms.team import (
    CALL_FIELDS,
    CallForm,
    CriterionFormSet,
    default_criteria,
)
from gen.labelling.models import LabelApplication, LabellingCall
from gen.labelling.selectors import access_call
from gen.labelling.services.calls import call_close, call_create, call_mark_decided, call_publish

State = LabelApplication.State


def space_links() -> list[tuple[str, str]]:
    return [(reverse("accounts:space"), _("My space"))]


def calls_links() -> list[tuple[str, str]]:
    return [*space_links(), (reverse("labelling:team_calls"), _("Calls for labelling"))]


@require_safe
@role_required(Role.NATIONAL_TEAM)
def team_calls(request):
    calls = LabellingCall.objects.prefetch_related("regions").annotate(
        **{
            f"count_{state}": Count("applications", filter=Q(applications__state=state))
            for state in State.values
        }
    )
    return render(
        request,
        "labelling/team/calls.html",
        {"calls": calls, "states": State, "breadcrumb_links": space_links()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.NATIONAL_TEAM)
def call_new(request):
    if request.method == "POST":
        form = CallForm(request.POST)
        criteria = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and criteria.is_valid():
            try:
                call = call_create(
                    **form.cleaned_call(), criteria=criteria.criteria(), acting_user=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error, CALL_FIELDS)
            else:
                messages.success(request, _("The call is created as a draft. Publish it when it is ready."))
                return redirect("labelling:team_call", slug=call.slug)
    else:
        form = CallForm()
        criteria = CriterionFormSet(prefix="criteria", initial=default_criteria())
    return render(
        request,
        "labelling/team/call_new.html",
        {"form": form, "criteria": criteria, "breadcrumb_links": calls_links()},
    )


CALL_CHANGES = {"publish": call_publish, "close": call_close, "decided": call_mark_decided}


def call_change_done(action: str) -> str:
    return {
        "publish": _("The call is published: organisations can now apply."),
        "close": _("The call is closed: no more dossiers can be submitted."),
        "decided": _("The call is marked as decided."),
    }[action]


@require_POST
@role_required(Role.NATIONAL_TEAM)
def call_change_state(request, slug: str, action: str):
    call = access_call(user=request.user, slug=slug)
    try:
        CALL_CHANGES[action](call, acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, call_change_done(action))
    if request.POST.get("next") == "call":
        return redirect("labelling:team_call", slug=call.slug)
    return redirect("labelling:team_calls")
