"""Forms of the national team (calls, reviewers, committee) and of reviewers (the scoring grid)."""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.widgets import InlineRadioSelect

from gen.labelling.models import CommitteeDecision, Criterion
from gen.labelling.models.reviews import MAX_SCORE
from gen.labelling.services.calls import DEFAULT_CRITERIA
from gen.territories.models import Region

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class CallForm(DsfrBaseForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text of the call"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the call is for, who may apply, and how dossiers are examined."),
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text=_("Date and time, e.g. 2027-01-15 09:00."),
    )
    deadline = forms.DateTimeField(
        label=_("Deadline for applications"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text=_("Date and time, e.g. 2027-03-31 23:59."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for a national call."),
    )
    max_seed_grant_percent = forms.IntegerField(
        label=_("Maximum seed grant rate (%)"),
        min_value=1,
        max_value=100,
        initial=80,
        help_text=_("Share of the course budget the seed grant may reach, in percent."),
    )

    def cleaned_call(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "text": data["text"],
            "opens_at": data["opens_at"],
            "deadline": data["deadline"],
            "region_codes": [region.code for region in data["regions"]],
            "max_seed_grant_rate": Decimal(data["max_seed_grant_percent"]) / 100,
        }


# Service field names that this form shows under another name.
CALL_FIELDS = {"max_seed_grant_rate": "max_seed_grant_percent", "slug": "title"}


class CriterionForm(DsfrBaseForm):
    title = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=10, initial=1)


class BaseCriterionFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        kept = [form for form in self.forms if form.has_changed() or form in self.initial_forms]
        kept = [form for form in kept if not self._should_delete_form(form)]
        if not kept:
            raise ValidationError(_("A call needs at least one criterion."))

    def criteria(self) -> list[tuple[str, str, int]]:
        return [
            (form.cleaned_data["title"], form.cleaned_data["description"], form.cleaned_data["weight"])
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]


CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriterionFormSet, extra=1, can_delete=True, max_num=20, validate_max=True
)


def default_criteria() -> list[dict]:
    return [
        {"title": title, "description": description, "weight": weight}
        for title, description, weight in DEFAULT_CRITERIA
    ]


class AssignReviewerForm(DsfrBaseForm):
    """Pick a reviewer for one dossier; the choices are read once for the whole page."""

    reviewer = forms.TypedChoiceField(label=_("Reviewer"), coerce=int)

    def __init__(self, *args, reviewers: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewers = {reviewer.pk: reviewer for reviewer in reviewers}
        self.fields["reviewer"].choices = [
            ("", _("Choose a reviewer")),
            *((reviewer.pk, f"{reviewer} ({reviewer.email})") for reviewer in reviewers),
        ]

    def clean_reviewer(self):
        return self.reviewers[self.cleaned_data["reviewer"]]


class DecisionForm(DsfrBaseForm):
    outcome = forms.ChoiceField(
        label=_("Decision of the committee"),
        choices=CommitteeDecision.Outcome.choices,
        widget=InlineRadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Give the reasons of the decision.")},
        help_text=_("They are sent to the organisation with the decision."),
    )
    decided_on = forms.DateField(
        label=_("Committee date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
        help_text=_("The label, if granted, runs for three years from this date."),
    )

    def clean_decided_on(self) -> datetime.date:
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise ValidationError(_("The committee date cannot be in the future."))
        return decided_on


SCORE_CHOICES = [(score, str(score)) for score in range(MAX_SCORE + 1)]
SCORE_ERROR = _("A score goes from 0 to 5.")


class ReviewForm(DsfrBaseForm):
    """One score (0 to 5) and one comment per criterion of the call; rules are the service's."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("Score"),
                required=False,
                min_value=0,
                max_value=MAX_SCORE,
                widget=InlineRadioSelect(choices=SCORE_CHOICES),
                error_messages={"invalid": SCORE_ERROR, "min_value": SCORE_ERROR, "max_value": SCORE_ERROR},
                help_text=_("0: absent or very weak, 5: excellent."),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Required below 3."),
            )

    def rows(self):
        """(criterion, score field, comment field) for the template."""
        return [
            (criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            score_name, comment_name = f"score_{criterion.pk}", f"comment_{criterion.pk}"
            if data.get(score_name) is None and data.get(comment_name) and score_name not in self.errors:
                self.add_error(score_name, _("Choose a score to go with your comment."))
        return data

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            criterion.pk: (
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"],
            )
            for criterion in self.criteria
            if self.cleaned_data.get(f"score_{criterion.pk}") is not None
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """The service names criteria by title: put each message next to its criterion."""
        by_title = {criterion.title: criterion for criterion in self.criteria}
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for title, messages in error.message_dict.items():
            criterion = by_title.get(title)
            self.add_error(f"score_{criterion.pk}" if criterion else None, messages)
