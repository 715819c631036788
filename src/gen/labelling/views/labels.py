"""The page of one label: its course, validity, the decision behind it and its history; the national
team suspends, reinstates or withdraws it there."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import is_national_team, role_required
from gen.labelling.forms.public import LabelAction, LabelActionForm, possible_actions
from gen.labelling.models import CommitteeDecision, Label
from gen.labelling.selectors import label_for_page
from gen.labelling.services.labels import label_reinstate, label_suspend, label_withdraw

SERVICES = {
    LabelAction.SUSPEND: label_suspend,
    LabelAction.REINSTATE: label_reinstate,
    LabelAction.WITHDRAW: label_withdraw,
}
DONE = {
    LabelAction.SUSPEND: _("The label is suspended."),
    LabelAction.REINSTATE: _("The label is active again."),
    LabelAction.WITHDRAW: _("The label is withdrawn."),
}


def _render(request, label: Label, form: LabelActionForm | None = None):
    team = is_national_team(request.user)
    transitions = label.transitions.select_related("actor") if team else label.transitions.all()
    decision = None
    if label.application_id:
        decision = label.application.decisions.filter(outcome=CommitteeDecision.Outcome.GRANTED).first()
    statuses = dict(Label.Status.choices)
    history = [
        {
            "at": transition.at,
            "from": statuses.get(transition.from_state, transition.from_state),
            "to": statuses.get(transition.to_state, transition.to_state),
            "reason": transition.reason,
            "actor": transition.actor if team else None,
        }
        for transition in transitions
    ]
    context = {"label": label, "decision": decision, "history": history, "is_team": team}
    if team:
        context["actions"] = possible_actions(label)
        context["form"] = form or LabelActionForm(label=label)
    return render(request, "labelling/public/label.html", context)


@require_safe
def label_detail(request, pk: int):
    return _render(request, label_for_page(pk))


@require_POST
@role_required(Role.NATIONAL_TEAM)
def label_change(request, pk: int):
    label = label_for_page(pk)
    form = LabelActionForm(request.POST, label=label)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            SERVICES[action](label, reason=form.cleaned_data["reason"], acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)  # the services' errors concern the reason or the whole change
        else:
            messages.success(request, DONE[action])
            return redirect("labelling:label", pk=label.pk)
    return _render(request, label, form)
