"""The dossier page: every section, its checklist, budget, attachments, state and log; section saves."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gen.accounts.models import Membership
from gen.accounts.permissions import access_of
from gen.catalogue.services import course_update
from gen.labelling.forms.dossiers import (
    SECTION_FORMS,
    AttachmentForm,
    BudgetForm,
    CoFundingForm,
    CourseRunForm,
)
from gen.labelling.models import LabelApplication
from gen.labelling.selectors import access_application, budget_summary, is_application_editor
from gen.labelling.services.applications import (
    ORGANISATION_FIELDS,
    REQUIRED_ATTACHMENTS,
    REQUIRED_FIELDS,
    application_missing,
    application_update,
)
from gen.labelling.services.calls import call_is_open
from gen.labelling.views.dossiers_common import add_errors, editable_application, locked_response

STEPS = [
    LabelApplication.State.DRAFT,
    LabelApplication.State.SUBMITTED,
    LabelApplication.State.UNDER_REVIEW,
    LabelApplication.State.DECIDED,
]


def _state_label(value: str) -> str:
    try:
        return LabelApplication.State(value).label
    except ValueError:
        return value


def transition_rows(application: LabelApplication, viewer) -> list[dict]:
    """The state changes, with who made them. Members of the organisation see their colleagues' names
    and "the national team" for anyone else, so that no reviewer is ever named to them."""
    transitions = list(application.transitions.select_related("actor"))
    access = access_of(viewer)
    hide_outsiders = not access.is_national_team
    insiders: set[int] = set()
    if hide_outsiders:
        insiders = set(
            Membership.objects.filter(
                organisation_id=application.course.organisation_id,
                user_id__in={t.actor_id for t in transitions if t.actor_id},
            ).values_list("user_id", flat=True)
        )
    rows = []
    for transition in transitions:
        actor = transition.actor
        if actor is None:
            who = _("The platform")
        elif hide_outsiders and actor.pk not in insiders:
            who = _("The national team")
        else:
            who = actor.get_full_name() or actor.email
        rows.append(
            {
                "at": transition.at,
                "source": _state_label(transition.from_state),
                "target": _state_label(transition.to_state),
                "who": who,
                "reason": transition.reason,
            }
        )
    return rows


def _forms(application: LabelApplication, bound=None) -> dict:
    """The forms of the page, keyed by section; `bound` replaces one by its submitted version."""
    forms = {slug: form.for_application(application) for slug, form in SECTION_FORMS.items()}
    forms["cofunding"] = CoFundingForm()
    forms["attachment"] = AttachmentForm()
    if bound is not None:
        forms[bound[0]] = bound[1]
    return forms


def _sections(application: LabelApplication, attachments, jobs) -> list[tuple[str, str, bool]]:
    """(anchor, title, complete) of each section, complete when its required parts are filled in."""
    sections = [
        (
            slug,
            str(form.title),
            all(
                value not in (None, "")
                for name, value in form.current_values(application).items()
                if name in REQUIRED_FIELDS or name in ORGANISATION_FIELDS
            )
            and (slug != "course" or bool(jobs)),
        )
        for slug, form in SECTION_FORMS.items()
    ]
    kinds = {attachment.kind for attachment in attachments}
    sections.append(("attachments", _("Attachments"), all(kind in kinds for kind in REQUIRED_ATTACHMENTS)))
    return sections


def _shares(application: LabelApplication) -> list[tuple[str, int | None]]:
    form = SECTION_FORMS["publics"]
    return [(field.label, getattr(application, name)) for name, field in form.base_fields.items()]


def render_dossier(request, application: LabelApplication, *, bound=None, status: int = 200):
    editor = is_application_editor(request.user, application)
    can_edit = editor and application.state == LabelApplication.State.DRAFT
    course = application.course
    attachments = list(application.attachments.all())
    jobs = list(course.jobs.order_by("code"))
    sections = _sections(application, attachments, jobs)
    context = {
        "application": application,
        "call": application.call,
        "course": course,
        "jobs": jobs,
        "commune": course.commune,
        "is_editor": editor,
        "can_edit": can_edit,
        "call_open": call_is_open(application.call),
        "missing": application_missing(application),
        "summary": budget_summary(application),
        "co_fundings": list(application.co_fundings.all()),
        "attachments": attachments,
        "sections": sections,
        "section_titles": {slug: title for slug, title, _complete in sections},
        "section_complete": {slug: complete for slug, _title, complete in sections},
        "shares": _shares(application),
        "transitions": transition_rows(application, request.user),
        "decisions": list(application.decisions.all()),
        "steps": [(state.label, index) for index, state in enumerate(STEPS, start=1)],
        "step": STEPS.index(LabelApplication.State(application.state)) + 1,
        "next_step": (
            STEPS[STEPS.index(LabelApplication.State(application.state)) + 1].label
            if application.state != LabelApplication.State.DECIDED
            else None
        ),
        "forms": _forms(application, bound) if can_edit else {},
        "is_national_team": access_of(request.user).is_national_team,
    }
    return render(request, "labelling/dossiers/application.html", context, status=status)


@require_safe
@login_required
def application_detail(request, pk: int):
    application = access_application(user=request.user, pk=pk)
    return render_dossier(request, application)


@require_POST
@login_required
def application_section(request, pk: int, section: str):
    form_class = SECTION_FORMS.get(section)
    if form_class is None:
        raise Http404
    application = editable_application(request, pk)
    if locked := locked_response(request, application):
        return locked
    form = form_class.for_application(application, data=request.POST)
    if form.is_valid():
        try:
            _save_section(application, form, request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("“%(section)s” saved as a draft.") % {"section": form_class.title})
            return redirect(f"{application.get_absolute_url()}#{section}")
    return render_dossier(request, application, bound=(section, form))


def _save_section(application: LabelApplication, form, user) -> None:
    """The dossier's fields, and in the course section the course's own: all saved, or none."""
    if not isinstance(form, CourseRunForm):
        application_update(application, acting_user=user, **form.cleaned_data)
        return
    application_fields, course_fields = form.split()
    with transaction.atomic():
        # The dossier first: its service locks it and refuses anything but a draft.
        application_update(application, acting_user=user, **application_fields)
        if course_fields:
            course_update(application.course, acting_user=user, **course_fields)


@require_safe
@login_required
def budget_preview(request, pk: int):
    """The budget summary for figures being typed, not saved (htmx swaps it under the budget form)."""
    application = access_application(user=request.user, pk=pk)
    form = BudgetForm.for_application(application, data=request.GET)
    preview = copy.copy(application)
    if form.is_valid():
        preview.annual_budget = form.cleaned_data["annual_budget"]
        preview.seed_grant_requested = form.cleaned_data["seed_grant_requested"]
    return render(
        request,
        "labelling/dossiers/_budget_summary.html",
        {"application": preview, "summary": budget_summary(preview)},
    )
