"""The survey a learner answers through their link, and the form an organisation records a known
outcome with. They parse the input; the rules are the services' (gen.outcomes.services), whose
ValidationErrors the views put on these forms."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.outcomes.models import Milestone, OutcomeSource, Situation

YES_NO = [("true", _("Yes")), ("false", _("No"))]
ANSWER_FIELDS = ("situation", "interim_six_months_or_more", "started_on", "employer", "job_title")


def _job_title_widget() -> forms.TextInput:
    return forms.TextInput(
        attrs={
            # ROME job titles suggested as the person types (htmx); any title is accepted.
            "list": "job-title-suggestions",
            "autocomplete": "off",
            "hx-get": reverse_lazy("outcomes:job_titles"),
            "hx-vals": "js:{intitule: this.value}",
            "hx-trigger": "input changed delay:250ms",
            "hx-target": "#job-title-suggestions",
            "hx-sync": "this:replace",
        }
    )


def _situation_field(label, widget, required) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Situation.choices
        if widget is forms.RadioSelect
        else [("", _("Choose a situation")), *Situation.choices],
        widget=widget,
        error_messages={
            "required": required,
            "invalid_choice": _("Choose a situation from the list."),
        },
    )


def _interim_field(label, help_text) -> forms.NullBooleanField:
    return forms.NullBooleanField(
        label=label, help_text=help_text, required=False, widget=forms.RadioSelect(choices=YES_NO)
    )


def _started_on_field(help_text) -> forms.DateField:
    return forms.DateField(
        label=_("Start date"),
        help_text=help_text,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, like 15/03/2026.")},
    )


def _employer_field(help_text) -> forms.CharField:
    return forms.CharField(
        label=_("Employer"),
        help_text=help_text,
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )


def _job_title_field(help_text) -> forms.CharField:
    return forms.CharField(
        label=_("Job title"), help_text=help_text, required=False, max_length=200, widget=_job_title_widget()
    )


class SurveyForm(DsfrBaseForm):
    """What the learner answers, in a minute on a phone (the page shows the details for a job only)."""

    situation = _situation_field(
        _("What is your situation today?"), forms.RadioSelect, _("Choose your situation.")
    )
    interim_six_months_or_more = _interim_field(
        _("Do your assignments add up to 6 months or more?"),
        _("Count the assignments you have done and those planned, with one or several agencies."),
    )
    started_on = _started_on_field(_("The day your job or business started. An approximate date is fine."))
    employer = _employer_field(
        _("The company or organisation that employs you, or the name of your business.")
    )
    job_title = _job_title_field(_("For example: web developer. Choose a suggestion if one fits."))

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name in ANSWER_FIELDS}


class OrganisationOutcomeForm(DsfrBaseForm):
    """An outcome the organisation knows, with where it comes from."""

    milestone = forms.ChoiceField(
        label=_("Milestone"),
        choices=[],
        error_messages={
            "required": _("Choose the milestone."),
            "invalid_choice": _("Choose a milestone from the list."),
        },
    )
    situation = _situation_field(_("Situation"), forms.Select, _("Choose the situation."))
    interim_six_months_or_more = _interim_field(
        _("Interim: do the assignments add up to 6 months or more?"), _("Only for interim.")
    )
    started_on = _started_on_field(_("The day the job or business started, if known."))
    employer = _employer_field("")
    job_title = _job_title_field(_("Choose a suggestion if one fits: it gives the ROME code."))
    source = forms.ChoiceField(
        label=_("Source of the information"),
        choices=[
            ("", _("Choose a source")),
            *[c for c in OutcomeSource.choices if c[0] != OutcomeSource.LEARNER_SURVEY],
        ],
        error_messages={
            "required": _("Choose where this information comes from."),
            "invalid_choice": _("Choose a source from the list."),
        },
    )
    source_note = forms.CharField(
        label=_("Details on the source"),
        help_text=_(
            "For example: call with the learner on 12 March, or the tutor's e-mail. Required for “other source”."
        ),
        required=False,
        max_length=300,
    )

    def __init__(self, *args, milestones: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Milestone.choices)
        self.fields["milestone"].choices = [(m, labels[m]) for m in milestones]

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name in ANSWER_FIELDS}
