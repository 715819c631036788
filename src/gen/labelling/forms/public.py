"""Forms of the public labelling pages: the register's filters and the national team's label actions."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.catalogue.forms import job_choices, region_choices
from gen.core.widgets import FastSelect
from gen.labelling.models import Label, LabellingCall
from gen.labelling.services.workflows import LABEL_WORKFLOW
from gen.organisations.models import Organisation


def _organisation_choices() -> list:
    organisations = (
        Organisation.objects.filter(courses__labels__status=Label.Status.ACTIVE)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    return [("", _("All organisations")), *organisations]


def _call_choices() -> list:
    calls = (
        LabellingCall.objects.exclude(state=LabellingCall.State.DRAFT)
        .order_by("-deadline")
        .values_list("slug", "title")
    )
    return [("", _("All calls")), *calls]


def _job_choices() -> list:
    all_jobs, *jobs = job_choices()
    return [all_jobs, *((code, f"{title} ({code})") for code, title in jobs)]


class RegisterFilterForm(DsfrBaseForm):
    """GET filters of the register; a value that is not in the list is ignored, with a message."""

    region = forms.ChoiceField(
        widget=FastSelect,
        label=_("Region"),
        choices=region_choices,
        required=False,
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )
    metier = forms.ChoiceField(
        widget=FastSelect,
        label=_("Trade (ROME)"),
        choices=_job_choices,
        required=False,
        error_messages={"invalid_choice": _("Choose a trade from the list.")},
    )
    organisme = forms.ChoiceField(
        widget=FastSelect,
        label=_("Organisation"),
        choices=_organisation_choices,
        required=False,
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    appel = forms.ChoiceField(
        widget=FastSelect,
        label=_("Call for labelling"),
        choices=_call_choices,
        required=False,
        error_messages={"invalid_choice": _("Choose a call from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.choices = list(field.choices)  # read once, for validation and display alike

    def cleaned_filters(self) -> dict[str, str]:
        """The valid fields, by name ("" for the others)."""
        cleaned = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return {name: cleaned.get(name) or "" for name in self.fields}

    def filters(self) -> dict[str, str]:
        """The keyword arguments of selectors.register, from the valid fields only."""
        cleaned = self.cleaned_filters()
        return {
            "region_code": cleaned["region"],
            "job_code": cleaned["metier"],
            "organisation_slug": cleaned["organisme"],
            "call_slug": cleaned["appel"],
        }


class LabelAction:
    SUSPEND = "suspend"
    REINSTATE = "reinstate"
    WITHDRAW = "withdraw"

    TARGETS = {
        SUSPEND: Label.Status.SUSPENDED,
        REINSTATE: Label.Status.ACTIVE,
        WITHDRAW: Label.Status.WITHDRAWN,
    }
    LABELS = {
        SUSPEND: _("Suspend the label"),
        REINSTATE: _("Reinstate the label"),
        WITHDRAW: _("Withdraw the label"),
    }


def possible_actions(label: Label) -> list[tuple[str, str]]:
    """The actions the label's status allows, as (action, button text)."""
    return [
        (action, LabelAction.LABELS[action])
        for action, target in LabelAction.TARGETS.items()
        if LABEL_WORKFLOW.can_move(label, target)
    ]


class LabelActionForm(DsfrBaseForm):
    """The national team suspends, reinstates or withdraws a label, always saying why."""

    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Shown to the public in the history of the label."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Give the reason for this change."),
            "max_length": _("The reason is too long: %(limit_value)d characters at most."),
        },
    )
    action = forms.ChoiceField(
        choices=list(LabelAction.LABELS.items()),
        error_messages={
            "required": _("Choose an action."),
            "invalid_choice": _("This action is not possible for this label."),
        },
    )

    def __init__(self, *args, label: Label, **kwargs):
        super().__init__(*args, **kwargs)
        self.label = label
        self.fields["action"].choices = possible_actions(label)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(self.fields["reason"].error_messages["required"])
        return reason
