"""One application, as the selection team sees it: the profile, the history, notes, score and actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.admissions.forms.selection import (
    AssessForm,
    InviteForm,
    NoteForm,
    RefuseForm,
    ScoreForm,
)
from gen.admissions.models import Application
from gen.admissions.publics import publics_of
from gen.admissions.selection_selectors import access_application, call_order_frozen_at
from gen.admissions.services.applications import (
    application_assess,
    application_invite,
    application_rank,
    application_refuse,
    application_score,
    note_add,
)
from gen.admissions.services.workflows import APPLICATION_WORKFLOW, OPEN_STATES
from gen.admissions.views.selection import publics_in_order, session_links
from gen.core.forms import add_service_errors

State = Application.State
STATE_LABELS = dict(State.choices)

# Each action and its form (bound to the POST under the action's name as prefix); ranking needs none.
FORMS = {
    "score": ScoreForm,
    "note": NoteForm,
    "invite": InviteForm,
    "assess": AssessForm,
    "rank": None,
    "refuse": RefuseForm,
}


def perform(action: str, application: Application, data: dict, user) -> None:
    match action:
        case "score":
            application_score(application=application, score=data["score"], acting_user=user)
        case "note":
            note_add(application=application, text=data["text"], acting_user=user)
        case "invite":
            application_invite(application=application, reason=data["message"], acting_user=user)
        case "assess":
            application_assess(application=application, reason=data["reason"], acting_user=user)
        case "rank":
            application_rank(application=application, acting_user=user)
        case "refuse":
            application_refuse(
                application=application, reason=data["reason"], comment=data["comment"], acting_user=user
            )


def done_message(action: str) -> str:
    return {
        "score": _("The score is saved."),
        "note": _("The note is added."),
        "invite": _("The candidate is invited: the message was sent by e-mail."),
        "assess": _("The application moves to tests and interview."),
        "rank": _("The candidate is ranked, at the end of the ranking."),
        "refuse": _("The application is refused: the candidate is told by e-mail."),
    }[action]


def possible_actions(application: Application) -> set[str]:
    """What the page offers; the services keep the rules and say why when a change is refused."""
    frozen = call_order_frozen_at(application.session) is not None
    possible = {
        action
        for action, state in (
            ("invite", State.INVITED),
            ("assess", State.ASSESSING),
            ("rank", State.RANKED),
            ("refuse", State.REFUSED),
        )
        if APPLICATION_WORKFLOW.can_move(application, state)
    }
    if frozen and application.state == State.RANKED:
        possible -= {"assess", "refuse"}
    if application.state in OPEN_STATES:
        possible.add("score")
    return possible


def names_a_field(error: ValidationError, form) -> bool:
    return form is not None and hasattr(error, "error_dict") and bool(error.error_dict.keys() & form.fields)


def blank_forms() -> dict:
    return {action: form_class(prefix=action) for action, form_class in FORMS.items() if form_class}


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ORGANISATION)
def application_detail(request, pk: int):
    application = access_application(user=request.user, pk=pk)
    forms = blank_forms()
    forms["score"] = ScoreForm(prefix="score", initial={"score": application.score})
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in FORMS:
            messages.error(request, _("Unknown action."))
            return redirect("admissions:selection_application", pk=application.pk)
        form = FORMS[action](request.POST, prefix=action) if FORMS[action] else None
        if form is None or form.is_valid():
            try:
                perform(action, application, form.cleaned_data if form else {}, request.user)
            except ValidationError as error:
                if not names_a_field(error, form):  # e.g. the state changed meanwhile: say it on top
                    messages.error(request, " ".join(error.messages))
                    return redirect("admissions:selection_application", pk=application.pk)
                add_service_errors(form, error)
            else:
                messages.success(request, done_message(action))
                return redirect("admissions:selection_application", pk=application.pk)
        forms[action] = form
    session = application.session
    return render(
        request,
        "admissions/selection/application.html",
        {
            "application": application,
            "session": session,
            "candidate": application.candidate,
            "age": application.candidate.age_on(session.start_date),
            "publics": publics_in_order(publics_of(application.candidate, session.start_date)),
            "transitions": [
                (
                    transition,
                    STATE_LABELS.get(transition.from_state, ""),
                    STATE_LABELS.get(transition.to_state),
                )
                for transition in application.transitions.select_related("actor")
            ],
            "notes": application.notes.select_related("author"),
            "offer": getattr(application, "offer", None),
            "forms": forms,
            "possible": possible_actions(application),
            "breadcrumb_links": session_links(session),
        },
    )
