"""A learner's forms: leaving the course, completing it (and the certification), undoing either. They
parse the input; the rules are the services' (gen.cohorts.services.enrolments)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.cohorts.models import DropOutReason

DATE_ERRORS = {"required": _("Give the date."), "invalid": _("Enter a real date, like 15/03/2027.")}
# Yes, no, or not known yet, for a nullable boolean.
YES_NO_UNKNOWN = [("unknown", _("Not known yet")), ("yes", _("Yes")), ("no", _("No"))]
FROM_CHOICE = {"yes": True, "no": False, "unknown": None}
TO_CHOICE = {value: key for key, value in FROM_CHOICE.items()}


def date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )


def yes_no_unknown_field(label, help_text="") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO_UNKNOWN,
        coerce=FROM_CHOICE.get,
        empty_value=None,
        initial="unknown",
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": _("Choose an answer."), "invalid_choice": _("Choose an answer.")},
    )


class DropOutForm(DsfrBaseForm):
    on = date_field(_("Left the course on"))
    reason = forms.ChoiceField(
        label=_("Reason for leaving"),
        choices=[("", _("Choose a reason")), *DropOutReason.choices],
        error_messages={
            "required": _("Choose the reason for leaving."),
            "invalid_choice": _("Choose a reason from the list."),
        },
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, unless the reason is “Other reason”. Seen only by your organisation."),
    )


CERTIFICATION_LABEL = _("Certification obtained")
CERTIFICATION_HELP = _("Leave “Not known yet” until the jury has decided; you can record it later.")


class CompletionForm(DsfrBaseForm):
    """The certification field only for a course that leads to one."""

    on = date_field(_("Completed the course on"))
    certification_obtained = yes_no_unknown_field(CERTIFICATION_LABEL, CERTIFICATION_HELP)

    def __init__(self, *args, certifying: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not certifying:
            del self.fields["certification_obtained"]

    def certification(self) -> bool | None:
        return self.cleaned_data.get("certification_obtained")


class CertificationForm(DsfrBaseForm):
    certification_obtained = yes_no_unknown_field(CERTIFICATION_LABEL)


class UndoForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Why undo it"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why this change is undone.")},
    )
