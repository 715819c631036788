"""Forms of the selection team: the applicants' filters, bulk and single actions, scores, notes, rates."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.admissions.models import Application, RefusalReason
from gen.admissions.models.applications import SCORE_MAX
from gen.admissions.models.selection import DEFAULT_RESPONSE_DAYS, Selection
from gen.admissions.publics import Public
from gen.admissions.selection_selectors import ApplicantFilters, Sort
from gen.admissions.services.rates import Rate
from gen.catalogue.models import Session

State = Application.State


REFERRED_CHOICES = [
    ("", _("Referred or not")),
    ("oui", _("Referred by a prescriber")),
    ("non", _("Not referred")),
]
SORT_CHOICES = [
    (Sort.RECEIVED, _("Date received")),
    (Sort.NAME, _("Name")),
    (Sort.SCORE, _("Score, best first")),
    (Sort.RANK, _("Rank")),
]


class ApplicantFilterForm(DsfrBaseForm):
    """The table's filters, read from the address (GET); a filter that does not validate is ignored."""

    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False)
    etat = forms.ChoiceField(
        label=_("State"), choices=[("", _("All states")), *State.choices], required=False
    )
    public = forms.ChoiceField(
        label=_("Priority public"), choices=[("", _("All publics")), *Public.choices], required=False
    )
    prescription = forms.ChoiceField(label=_("Referral"), choices=REFERRED_CHOICES, required=False)
    tri = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def to_filters(self) -> ApplicantFilters:
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        referred = {"oui": True, "non": False}.get(data.get("prescription", ""))
        return ApplicantFilters(
            state=data.get("etat", ""),
            public=data.get("public", ""),
            referred=referred,
            text=data.get("q", ""),
            sort=data.get("tri") or Sort.RECEIVED,
        )


INVITE_MESSAGE_HELP = _(
    "Date, time and place of the information meeting, and anything to bring: the e-mail sends it as written."
)
REFUSAL_COMMENT_HELP = _("Optional. Sent to the candidate with the reason: say what could help them next.")


def message_field() -> forms.CharField:
    return forms.CharField(
        label=_("Invitation message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=INVITE_MESSAGE_HELP,
    )


def reason_field(*, required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Reason for the refusal"),
        choices=[("", _("Choose a reason")), *RefusalReason.choices],
        required=required,
        error_messages={
            "required": _("Choose the reason for the refusal."),
            "invalid_choice": _("Choose a reason from the list."),
        },
    )


def comment_field() -> forms.CharField:
    return forms.CharField(
        label=_("Comment to the candidate"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REFUSAL_COMMENT_HELP,
    )


NEEDS_MESSAGE = _("Write the invitation message: when and where the meeting takes place.")


class BulkActionForm(DsfrBaseForm):
    """One action on the applications ticked in the table; ids outside the session are refused."""

    ACTIONS = [
        ("invite", _("Invite to an information meeting")),
        ("assess", _("Move to tests and interview")),
        ("rank", _("Rank (at the end of the ranking)")),
        ("refuse", _("Refuse")),
    ]

    ids = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": _("Tick at least one application in the table."),
            "invalid_choice": _(
                "Some ticked applications are not part of this session: nothing was changed."
            ),
            "invalid_pk_value": _(
                "Some ticked applications are not part of this session: nothing was changed."
            ),
        },
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("Choose an action")), *ACTIONS],
        error_messages={"required": _("Choose an action."), "invalid_choice": _("Choose an action.")},
    )
    message = message_field()
    reason = reason_field(required=False)
    comment = comment_field()

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].queryset = session.applications.all()

    def clean(self):
        data = super().clean()
        if data.get("action") == "refuse" and not data.get("reason") and "reason" not in self.errors:
            self.add_error("reason", _("Choose the reason for the refusal."))
        if data.get("action") == "invite" and not data.get("message"):
            self.add_error("message", NEEDS_MESSAGE)
        return data

    def application_ids(self) -> list[int]:
        """The ticked applications in the table's order, which a bulk ranking keeps."""
        ticked = {application.pk for application in self.cleaned_data["ids"]}
        return [pk for pk in dict.fromkeys(map(int, self.data.getlist("ids"))) if pk in ticked]

    def options(self) -> dict:
        """The keyword arguments of the service behind the chosen action."""
        data = self.cleaned_data
        return {
            "invite": {"reason": data["message"]},
            "assess": {},
            "rank": {},
            "refuse": {"reason": data["reason"], "comment": data["comment"]},
        }[data["action"]]


SCORE_ERROR = _("A score goes from 0 to 20.")


class ScoreForm(DsfrBaseForm):
    score = forms.DecimalField(
        label=_("Score (out of 20)"),
        min_value=0,
        max_value=SCORE_MAX,
        max_digits=4,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("From 0 to 20, one decimal at most, e.g. 14,5."),
        error_messages={
            "required": _("Enter a score."),
            "invalid": _("Enter a number, e.g. 14,5."),
            "min_value": SCORE_ERROR,
            "max_value": SCORE_ERROR,
            "max_digits": SCORE_ERROR,
            "max_whole_digits": SCORE_ERROR,
            "max_decimal_places": _("One decimal at most, e.g. 14,5."),
        },
    )


class NoteForm(DsfrBaseForm):
    text = forms.CharField(
        label=_("New note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Seen by your organisation's selection team only, never by the candidate or a prescriber."
        ),
        error_messages={"required": _("Write your note first.")},
    )


class InviteForm(DsfrBaseForm):
    message = message_field()

    def clean_message(self) -> str:
        if not self.cleaned_data["message"]:
            raise ValidationError(NEEDS_MESSAGE)
        return self.cleaned_data["message"]


class AssessForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=500,
        help_text=_("Kept in the history of the application; not sent to the candidate."),
    )


class RefuseForm(DsfrBaseForm):
    reason = reason_field(required=True)
    comment = comment_field()


RATE_ERROR = _("A minimum rate is a percentage between 0 and 100.")
PRECEDENCE_ERROR = format_lazy(_("The precedence is a number from 1 to {count}."), count=len(Public.values))


class RatesForm(DsfrBaseForm):
    """A minimum rate and a precedence per priority public, and the days given to answer an offer."""

    response_days = forms.IntegerField(
        label=_("Days to answer an offer"),
        min_value=1,
        max_value=30,
        help_text=_("A candidate who has not answered by the end of the last day loses the offer. 1 to 30."),
        error_messages={
            "required": _("Give the number of days to answer an offer."),
            "invalid": _("Give a whole number of days, from 1 to 30."),
            "min_value": _("Give a whole number of days, from 1 to 30."),
            "max_value": _("Give a whole number of days, from 1 to 30."),
        },
    )

    def __init__(self, *args, rates: list[Rate], selection: Selection | None, **kwargs):
        initial = {"response_days": selection.response_days if selection else DEFAULT_RESPONSE_DAYS}
        by_public = {rate.public: rate for rate in rates}
        # Publics without a rate follow those with one, in their default order.
        next_precedence = len(rates) + 1
        for public in Public.values:
            rate = by_public.get(public)
            initial[f"rate_{public}"] = rate.rate if rate else 0
            if rate:
                initial[f"precedence_{public}"] = rate.precedence
            else:
                initial[f"precedence_{public}"] = next_precedence
                next_precedence += 1
        super().__init__(*args, initial=initial, **kwargs)
        for public in Public:
            self.fields[f"rate_{public.value}"] = forms.IntegerField(
                label=_("Minimum rate for %(public)s, in percent") % {"public": public.label},
                min_value=0,
                max_value=100,
                error_messages={
                    "required": RATE_ERROR,
                    "invalid": RATE_ERROR,
                    "min_value": RATE_ERROR,
                    "max_value": RATE_ERROR,
                },
            )
            self.fields[f"precedence_{public.value}"] = forms.IntegerField(
                label=_("Precedence of %(public)s") % {"public": public.label},
                required=False,
                min_value=1,
                max_value=len(Public.values),
                error_messages={
                    "invalid": PRECEDENCE_ERROR,
                    "min_value": PRECEDENCE_ERROR,
                    "max_value": PRECEDENCE_ERROR,
                },
            )

    def rows(self) -> list:
        """(public, rate field, precedence field) for the template."""
        return [
            (public, self[f"rate_{public.value}"], self[f"precedence_{public.value}"]) for public in Public
        ]

    def clean(self):
        data = super().clean()
        seen: dict[int, str] = {}
        for public in Public.values:
            rate, precedence = data.get(f"rate_{public}"), data.get(f"precedence_{public}")
            if not rate:
                continue
            if precedence is None:
                if f"precedence_{public}" not in self.errors:
                    self.add_error(f"precedence_{public}", _("Give this public a place in the precedence."))
            elif precedence in seen:
                self.add_error(
                    f"precedence_{public}",
                    _("Another public already has precedence %(number)d: give each public its own number.")
                    % {"number": precedence},
                )
            else:
                seen[precedence] = public
        return data

    def rates(self) -> dict[str, int]:
        return {public: self.cleaned_data[f"rate_{public}"] for public in Public.values}

    def precedence(self) -> list[str]:
        """The publics with a rate, highest precedence first."""
        kept = [public for public in Public.values if self.cleaned_data[f"rate_{public}"]]
        return sorted(kept, key=lambda public: self.cleaned_data[f"precedence_{public}"])

    def rate_list(self) -> list[Rate]:
        """The rates as entered, in the shape `minimum_rates_of` returns (for the call-order preview)."""
        rates = self.rates()
        return [
            Rate(public, rates[public], position)
            for position, public in enumerate(self.precedence(), start=1)
        ]


class RankingForm(forms.Form):
    """A place typed for each ranked application; equal places keep the one just moved first."""

    def __init__(self, *args, ranking: list[Application], **kwargs):
        super().__init__(*args, **kwargs)
        self.ranking = ranking
        for application in ranking:
            self.fields[f"place_{application.pk}"] = forms.IntegerField(
                label=_("Place of %(name)s") % {"name": application.candidate},
                min_value=1,
                initial=application.rank,
                error_messages={
                    "required": _("Give every ranked candidate a place."),
                    "invalid": _("A place is a whole number from 1."),
                    "min_value": _("A place is a whole number from 1."),
                },
            )

    def ordered_ids(self) -> list[int]:
        def key(application: Application) -> tuple:
            place = self.cleaned_data[f"place_{application.pk}"]
            return (place, place == application.rank, application.rank or 0)

        return [application.pk for application in sorted(self.ranking, key=key)]
