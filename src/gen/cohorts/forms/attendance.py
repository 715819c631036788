"""The attendance grid: which half-day, then one status per learner on the roll, all in one POST."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.widgets import InlineRadioSelect

from gen.catalogue.models import Session
from gen.cohorts.models import AttendanceStatus, Enrolment, Half

# Before this hour the page opens on the morning's roll, from it on the afternoon's.
AFTERNOON_FROM_HOUR = 13


class HalfDayForm(DsfrBaseForm):
    """The half-day to mark, from the address (GET) or the grid's hidden fields (POST)."""

    jour = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choose a day."), "invalid": _("Enter a real date, like 15/03/2027.")},
    )
    demi = forms.TypedChoiceField(
        label=_("Half-day"),
        choices=Half.choices,
        coerce=int,
        widget=InlineRadioSelect,
        error_messages={
            "required": _("Choose the morning or the afternoon."),
            "invalid_choice": _("Choose the morning or the afternoon."),
        },
    )

    def __init__(self, data=None, *, session: Session):
        super().__init__(data)
        self.session = session

    @classmethod
    def now_for(cls, session: Session, data=None) -> "HalfDayForm":
        """The form for `data`, or for the current half-day (today within the session's dates)."""
        now = timezone.localtime()
        day = min(max(now.date(), session.start_date), session.end_date)
        half = Half.AFTERNOON if now.hour >= AFTERNOON_FROM_HOUR and day == now.date() else Half.MORNING
        return cls(data or {"jour": day.isoformat(), "demi": str(half)}, session=session)

    def clean_jour(self) -> datetime.date:
        day = self.cleaned_data["jour"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Attendance cannot be recorded for a day to come."))
        start, end = self.session.start_date, self.session.end_date
        if not start <= day <= end:
            raise forms.ValidationError(
                _("Choose a day of the session, from %(start)s to %(end)s.")
                % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
            )
        return day


STATUS_ERRORS = {
    "required": _("Choose a status for each learner."),
    "invalid_choice": _("Choose a status among those offered."),
}


class AttendanceGridForm(forms.Form):
    """A status for each learner of the roll, present unless recorded otherwise."""

    def __init__(self, data=None, *, learners: list[Enrolment], marks: dict[int, int]):
        super().__init__(data)
        self.learners = learners
        for learner in learners:
            self.fields[self.field_name(learner)] = forms.TypedChoiceField(
                choices=AttendanceStatus.choices,
                coerce=int,
                initial=marks.get(learner.pk, AttendanceStatus.PRESENT),
                error_messages=STATUS_ERRORS,
            )

    @staticmethod
    def field_name(learner: Enrolment) -> str:
        return f"apprenant-{learner.pk}"

    def rows(self) -> list[tuple[Enrolment, forms.BoundField]]:
        return [(learner, self[self.field_name(learner)]) for learner in self.learners]

    def marks(self) -> dict[int, int]:
        return {learner.pk: self.cleaned_data[self.field_name(learner)] for learner in self.learners}
