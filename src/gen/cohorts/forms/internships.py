"""The internship form: host company (SIRET checked), tutor, dates, agreement, hiring afterwards."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.cohorts.forms.learners import TO_CHOICE, yes_no_unknown_field
from gen.cohorts.models import AgreementStatus, Internship
from gen.cohorts.services.workflows import INTERNSHIP_WORKFLOW
from gen.organisations.validators import validate_siret
from gen.territories.forms import CommuneField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, required_message) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATE_WIDGET,
        error_messages={"required": required_message, "invalid": _("Enter a real date, like 15/03/2027.")},
    )


class InternshipForm(DsfrBaseForm):
    company_name = forms.CharField(
        label=_("Host company"),
        max_length=200,
        error_messages={"required": _("Give the name of the host company.")},
    )
    siret = forms.CharField(
        label=_("SIRET of the host company"),
        max_length=20,
        help_text=_("14 digits, on the company's documents or on annuaire-entreprises.data.gouv.fr."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Give the SIRET number of the host company.")},
    )
    commune = CommuneField(
        label=_("Town of the host company"), required=False, help_text=_("Optional. Its name or postcode.")
    )
    job_title = forms.CharField(label=_("Position held"), max_length=200, required=False)
    tutor_name = forms.CharField(
        label=_("Tutor's name"), max_length=150, error_messages={"required": _("Give the tutor's name.")}
    )
    tutor_email = forms.EmailField(
        label=_("Tutor's e-mail address"),
        required=False,
        help_text=_("Optional. Format: name@example.org"),
        error_messages={"invalid": _("Enter an e-mail address like name@example.org.")},
    )
    tutor_phone = forms.CharField(label=_("Tutor's phone number"), max_length=20, required=False)
    starts_on = date_field(_("Start date"), _("Give the first day of the internship."))
    ends_on = date_field(_("End date"), _("Give the last day of the internship."))
    agreement_status = forms.ChoiceField(
        label=_("Internship agreement"),
        choices=AgreementStatus.choices,
        error_messages={
            "required": _("Choose the state of the agreement."),
            "invalid_choice": _("Choose the state of the agreement."),
        },
    )
    hired_afterwards = yes_no_unknown_field(
        _("Hired by the host afterwards"), _("Only for an internship whose agreement is signed.")
    )

    @classmethod
    def for_internship(cls, internship: Internship | None, data=None) -> "InternshipForm":
        """The form to record a new internship (None), or to change `internship`: its agreement
        offers the states the workflow allows from its own."""
        if internship is None:
            form = cls(data=data)
            form.fields["agreement_status"].choices = [
                choice for choice in AgreementStatus.choices if choice[0] != AgreementStatus.CANCELLED
            ]
            return form
        initial = {name: getattr(internship, name) for name in cls.base_fields}
        initial["hired_afterwards"] = TO_CHOICE[internship.hired_afterwards]
        form = cls(data=data, initial=initial)
        form.fields["agreement_status"].choices = [
            (value, label)
            for value, label in AgreementStatus.choices
            if value == internship.agreement_status or INTERNSHIP_WORKFLOW.can_move(internship, value)
        ]
        return form

    def clean_siret(self) -> str:
        siret = self.cleaned_data["siret"].replace(" ", "")
        validate_siret(siret)
        return siret
