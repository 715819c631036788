"""Candidates' forms: sign-up, activation, profile, application. They parse and check the input; the rules
are the services' (gen.admissions.services), whose ValidationErrors the views put on these forms."""

import datetime

from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.accounts.forms import SetNewPasswordForm
from gen.admissions.models import Application, Candidate, DiplomaLevel, Gender, HeardFrom
from gen.admissions.models.applications import MOTIVATION_MIN_LENGTH
from gen.territories.forms import CommuneField

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)


class SignupForm(DsfrBaseForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a link to this address to confirm it. Format: name@example.org"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )


class ActivationForm(SetNewPasswordForm):
    """The password, chosen on activation by whoever opened the link sent to the mailbox (never at sign-up,
    where anyone may type anyone's address). Django's validators check it against the account."""

    new_password1, new_password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )
    new_password1.help_text = _(
        "At least 12 characters, not only digits, not a common password and not too close to your name."
    )
    new_password2.help_text = ""


def described(name: str, model=Candidate) -> dict:
    """The label and the help text (why it is asked) of a model field: a profile field by default."""
    field = model._meta.get_field(name)
    return {"label": capfirst(field.verbose_name), "help_text": field.help_text}


def profile_choice(name: str, choices, *, widget=forms.Select, placeholder=None) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=[("", placeholder), *choices] if placeholder else choices,
        widget=widget,
        error_messages={
            "required": _("Choose an answer."),
            "invalid_choice": _("Choose an answer from the list."),
        },
        **described(name),
    )


class ProfileForm(DsfrBaseForm):
    birth_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Give your birth date."),
            "invalid": _("Enter a real date, like 15/03/1998."),
        },
        **described("birth_date"),
    )
    gender = profile_choice("gender", Gender.choices, widget=forms.RadioSelect)
    diploma_level = profile_choice("diploma_level", DiplomaLevel.choices, placeholder=_("Choose your level"))
    is_job_seeker = forms.BooleanField(required=False, **described("is_job_seeker"))
    commune = CommuneField(
        error_messages={"required": _("Give the town you live in, or its postcode.")},
        **described("commune"),
    )
    lives_in_qpv_or_zrr = forms.BooleanField(required=False, **described("lives_in_qpv_or_zrr"))
    is_scholarship_holder = forms.BooleanField(required=False, **described("is_scholarship_holder"))
    heard_from = profile_choice("heard_from", HeardFrom.choices, placeholder=_("Choose an answer"))
    consent = forms.BooleanField(
        label=_("I have read how my personal data are used, and I agree to it."),
        error_messages={"required": _("Tick this box to save your profile: we cannot keep it otherwise.")},
    )

    @classmethod
    def for_candidate(cls, candidate: Candidate | None, data=None) -> "ProfileForm":
        if candidate is None:
            return cls(data=data)
        initial = {name: getattr(candidate, name) for name in cls.base_fields if name != "consent"}
        return cls(data=data, initial=initial)

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date >= timezone.localdate():
            raise ValidationError(_("Your birth date must be in the past."))
        if birth_date < EARLIEST_BIRTH_DATE:
            raise ValidationError(_("Check the year of your birth date."))
        return birth_date

    def answers(self) -> dict:
        """The profile as the service takes it (the consent is recorded by saving)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "consent"}


def _motivation_help() -> str:
    return gettext(
        "Why this course, what you want to do afterwards, what you have already done or tried. "
        "At least %(minimum)d characters."
    ) % {"minimum": MOTIVATION_MIN_LENGTH}


class ApplyForm(DsfrBaseForm):
    motivation = forms.CharField(
        label=_("Your motivation"),
        help_text=lazy(_motivation_help, str)(),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10, "data-min-length": MOTIVATION_MIN_LENGTH}),
        error_messages={"required": _("Tell us about your motivation.")},
    )
    availability = forms.CharField(
        label=capfirst(Application._meta.get_field("availability").verbose_name),
        help_text=Application._meta.get_field("availability").help_text,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say from when you are available.")},
    )
