"""Prescribers' forms: finding an open session, and referring a person to it. They parse and check the
input; the rules are the referral service's, whose ValidationErrors the views put on these forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.admissions.forms.candidates import EARLIEST_BIRTH_DATE, described, profile_choice
from gen.admissions.models import Application, DiplomaLevel, Gender, HeardFrom
from gen.admissions.models.applications import MOTIVATION_MIN_LENGTH
from gen.admissions.services.candidates import PROFILE_FIELDS
from gen.catalogue.forms import departement_choices
from gen.core.widgets import FastSelect
from gen.territories.forms import CommuneField


class SessionSearchForm(DsfrBaseForm):
    q = forms.CharField(
        label=_("Course, trade, organisation or town"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Your search is too long: %(limit_value)d characters at most.")},
    )
    departement = forms.ChoiceField(
        widget=FastSelect, label=_("Département"), choices=departement_choices, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].error_messages["invalid_choice"] = _(
            "This département is not in the list."
        )


class ReferralForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(
        label=_("Referring structure"),
        queryset=None,
        empty_label=_("Choose a structure"),
        help_text=_("The structure you refer the person for; the training organisation will see it."),
        error_messages={
            "required": _("Choose the structure you refer the person for."),
            "invalid_choice": _("Choose one of your structures."),
        },
    )
    email = forms.EmailField(
        label=_("The person's e-mail address"),
        max_length=254,
        help_text=_(
            "They receive the news of the application at this address, and a link to activate their "
            "account if they have none. Format: name@example.org"
        ),
        error_messages={
            "required": _("Give the person's e-mail address."),
            "invalid": _("Enter a valid e-mail address, like name@example.org."),
        },
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={"required": _("Give the person's first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={"required": _("Give the person's last name.")},
    )
    birth_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Give the person's birth date."),
            "invalid": _("Enter a real date, like 15/03/1998."),
        },
        **described("birth_date"),
    )
    gender = profile_choice("gender", Gender.choices, widget=forms.RadioSelect)
    diploma_level = profile_choice(
        "diploma_level", DiplomaLevel.choices, widget=FastSelect, placeholder=_("Choose a level")
    )
    is_job_seeker = forms.BooleanField(required=False, **described("is_job_seeker"))
    commune = CommuneField(
        error_messages={"required": _("Give the town where the person lives, or its postcode.")},
        **described("commune"),
    )
    lives_in_qpv_or_zrr = forms.BooleanField(required=False, **described("lives_in_qpv_or_zrr"))
    is_scholarship_holder = forms.BooleanField(required=False, **described("is_scholarship_holder"))
    heard_from = profile_choice(
        "heard_from", HeardFrom.choices, widget=FastSelect, placeholder=_("Choose an answer")
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write the person's motivation with them.")},
    )
    availability = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say from when the person is available.")},
        **described("availability", Application),
    )
    consent = forms.BooleanField(
        label=_(
            "The person agreed that I apply on their behalf and share these answers with the training "
            "organisation."
        ),
        error_messages={
            "required": _("Tick this box once the person has agreed: we cannot apply for them otherwise.")
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motivation"].help_text = gettext(
            "Written with the person, in their words: why this course, what they want to do afterwards, "
            "what they have already done or tried. At least %(minimum)d characters."
        ) % {"minimum": MOTIVATION_MIN_LENGTH}
        if len(organisations) > 1:
            self.fields["organisation"].queryset = organisations
        else:
            del self.fields["organisation"]
            self.only_organisation = organisations[0]

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date >= timezone.localdate():
            raise ValidationError(_("The birth date must be in the past."))
        if birth_date < EARLIEST_BIRTH_DATE:
            raise ValidationError(_("Check the year of the birth date."))
        return birth_date

    def referral(self) -> dict:
        """The arguments of the referral service, but the acting user and the session."""
        data = self.cleaned_data
        return {
            "organisation": data["organisation"] if "organisation" in self.fields else self.only_organisation,
            "email": data["email"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "consent": data["consent"],
            "motivation": data["motivation"],
            "availability": data["availability"],
            "profile": {name: data[name] for name in PROFILE_FIELDS},
        }
