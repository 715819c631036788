"""Forms of the organisation's dossier: one per section, a co-funding, an attachment, a new dossier.

They only parse and check the input; the rules (draft only, the seed-grant cap, PDF checks) are the
services' (gen.labelling.services.applications), whose ValidationErrors the views put on these forms.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.catalogue.models import Job, Modality
from gen.labelling.models import Attachment, LabelApplication
from gen.territories.forms import CommuneField

SHARE_MESSAGE = _("Enter a whole number between 0 and 100.")
WHOLE_NUMBER_MESSAGE = _("Enter a whole number.")
AMOUNT_MESSAGE = _("Enter an amount in euros, like 250000 or 250000.50.")


def _share(name: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=_capitalised_label(name),
        required=False,
        min_value=0,
        max_value=100,
        error_messages={"invalid": SHARE_MESSAGE, "min_value": SHARE_MESSAGE, "max_value": SHARE_MESSAGE},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _capitalised_label(name: str):
    return capfirst(LabelApplication._meta.get_field(name).verbose_name)  # stays lazy


def _amount(label, *, minimum: Decimal, minimum_message, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(minimum, minimum_message)],
        error_messages={
            "invalid": AMOUNT_MESSAGE,
            "max_digits": AMOUNT_MESSAGE,
            "max_decimal_places": AMOUNT_MESSAGE,
            "max_whole_digits": AMOUNT_MESSAGE,
        },
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )


def _initial(application: LabelApplication, names) -> dict:
    """The dossier's values; whole amounts without their ".00", as people type them."""
    initial = {}
    for name in names:
        value = getattr(application, name)
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        initial[name] = value
    return initial


class SectionForm(DsfrBaseForm):
    """A section of the dossier: its fields have the names of the dossier's fields."""

    slug = ""
    title = ""

    @classmethod
    def current_values(cls, application: LabelApplication) -> dict:
        return _initial(application, cls.base_fields)

    @classmethod
    def for_application(cls, application: LabelApplication, data=None) -> "SectionForm":
        return cls(data=data, initial=cls.current_values(application), prefix=cls.slug)


class OrganisationForm(SectionForm):
    slug = "organisation"
    title = _("The organisation")

    activity_declaration_number = forms.CharField(
        label=_("Activity declaration number"),
        required=False,
        max_length=11,
        help_text=_(
            "The 11 digits given by the regional authority (DREETS) when the training activity was declared."
        ),
    )

    @classmethod
    def current_values(cls, application: LabelApplication) -> dict:
        return {"activity_declaration_number": application.course.organisation.activity_declaration_number}


def _hours(label, *, minimum: int, message, help_text) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=5000,
        error_messages={
            "invalid": WHOLE_NUMBER_MESSAGE,
            "required": message,
            "min_value": message,
            "max_value": _("Enter at most 5000 hours."),
        },
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _town_field(**kwargs) -> CommuneField:
    return CommuneField(
        label=_("Town"),
        help_text=_("Its name or postcode, like “Lens” or “62300”."),
        error_messages={"required": _("Give the town where the course takes place.")},
        **kwargs,
    )


# The ROME sub-domains of the digital trades, to group the 111 job sheets by their code's first letters.
JOB_GROUPS = {
    "E11": _("Publishing and communication"),
    "E12": _("Graphic arts and design"),
    "G12": _("Cultural and leisure activities"),
    "I13": _("Installation and maintenance of equipment"),
    "I14": _("Installation and maintenance in electronics and IT"),
    "M14": _("Organisation, studies and data"),
    "M18": _("Information systems and telecommunications"),
}


class CourseRunForm(SectionForm):
    """The course as it will run: the course's own description (saved on the course, for every dossier
    of it) and the places and sessions of this dossier."""

    slug = "course"
    title = _("The course as it will run")
    # Saved on the course (gen.catalogue.services.course_update) rather than on the dossier.
    course_fields = (
        "summary",
        "hours_in_centre",
        "hours_in_company",
        "modality",
        "address",
        "commune",
        "jobs",
    )

    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        help_text=_("One or two sentences shown in the catalogue, 300 characters at most."),
        error_messages={"required": _("Give a summary of the course.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    hours_in_centre = _hours(
        _("Hours in the training centre"),
        minimum=1,
        message=_("Enter the hours in the training centre: at least 1."),
        help_text=_("Usually 560 hours: four months of classes."),
    )
    hours_in_company = _hours(
        _("Hours in a company (internship)"),
        minimum=0,
        message=_("Enter the hours in a company: 0 or more."),
        help_text=_("Usually 280 hours: two months of internship."),
    )
    modality = forms.ChoiceField(label=_("Modality"), choices=Modality.choices)
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        error_messages={"required": _("Give the address where the course takes place.")},
    )
    commune = _town_field()
    jobs = forms.MultipleChoiceField(
        label=_("Trades (ROME)"),
        required=False,
        help_text=_("The trades the course prepares for: at least one."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose trades from the list.")},
    )
    places_per_session = forms.IntegerField(
        label=_("Places per session"),
        required=False,
        validators=[
            MinValueValidator(1, _("A session has at least one place.")),
            MaxValueValidator(500, _("Enter at most 500 places.")),
        ],
        error_messages={"invalid": WHOLE_NUMBER_MESSAGE},
        help_text=_("Usually 24."),
    )
    sessions_per_year = forms.IntegerField(
        label=_("Sessions per year"),
        required=False,
        validators=[
            MinValueValidator(1, _("Plan at least one session a year.")),
            MaxValueValidator(12, _("Enter at most 12 sessions a year.")),
        ],
        error_messages={"invalid": WHOLE_NUMBER_MESSAGE},
        help_text=_("Usually 2."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._jobs = {str(job.pk): job for job in Job.objects.order_by("code")}
        self.fields["jobs"].choices = [(pk, f"{job.title} ({job.code})") for pk, job in self._jobs.items()]
        if self.is_bound and self.add_prefix("hours_in_centre") not in self.data:
            # A post of the places and sessions alone leaves the course as it is.
            for name in self.course_fields:
                del self.fields[name]

    @classmethod
    def current_values(cls, application: LabelApplication) -> dict:
        return _initial(application, ("places_per_session", "sessions_per_year"))

    @classmethod
    def for_application(cls, application: LabelApplication, data=None) -> "CourseRunForm":
        course = application.course
        initial = cls.current_values(application) | {
            "summary": course.summary,
            "hours_in_centre": course.hours_in_centre,
            "hours_in_company": course.hours_in_company,
            "modality": course.modality,
            "address": course.address,
            "commune": course.commune,
            "jobs": [str(pk) for pk in course.jobs.values_list("pk", flat=True)],
        }
        return cls(data=data, initial=initial, prefix=cls.slug)

    def clean_jobs(self) -> list[Job]:
        return [self._jobs[pk] for pk in self.cleaned_data["jobs"]]

    def job_groups(self) -> list[tuple[str, list, int]]:
        """(name, checkboxes, how many are ticked) of the trades' ROME sub-domains, for the template."""
        groups: dict[str, list] = {}
        for checkbox in self["jobs"]:
            code = self._jobs[str(checkbox.data["value"])].code
            groups.setdefault(code[:3], []).append(checkbox)
        return [
            (JOB_GROUPS.get(prefix, prefix), checkboxes, sum(box.data["selected"] for box in checkboxes))
            for prefix, checkboxes in groups.items()
        ]

    def split(self) -> tuple[dict, dict]:
        """The cleaned data as (fields of the dossier, fields of the course)."""
        application_fields = dict(self.cleaned_data)
        course_fields = {
            name: application_fields.pop(name) for name in self.course_fields if name in self.fields
        }
        return application_fields, course_fields


class PublicsForm(SectionForm):
    slug = "publics"
    title = _("Commitments on priority publics")

    share_low_qualification = _share("share_low_qualification")
    share_young = _share("share_young")
    share_women = _share("share_women")
    share_qpv_zrr = _share("share_qpv_zrr")
    share_job_seekers = _share("share_job_seekers")


class PartnersForm(SectionForm):
    slug = "partners"
    title = _("Partners")

    sourcing_partners = forms.CharField(
        label=_("Sourcing partners"),
        required=False,
        max_length=5000,
        help_text=_("Who finds and refers candidates: France Travail, Missions Locales, associations…"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    employer_partners = forms.CharField(
        label=_("Employer partners and local hiring needs"),
        required=False,
        max_length=5000,
        help_text=_("Companies, hiring needs, internships."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class BudgetForm(SectionForm):
    slug = "budget"
    title = _("Budget")

    annual_budget = _amount(
        _("Annual budget of the course (€)"),
        minimum=Decimal("0.01"),
        minimum_message=_("The annual budget must be more than 0 €."),
    )
    seed_grant_requested = _amount(
        _("Seed grant requested (€)"),
        minimum=Decimal(0),
        minimum_message=_("The seed grant cannot be negative."),
    )

    def __init__(self, *args, max_rate: Decimal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if max_rate is not None:
            self.fields["seed_grant_requested"].help_text = _(
                "At most %(percent)d %% of the annual budget."
            ) % {"percent": round(max_rate * 100)}

    @classmethod
    def for_application(cls, application: LabelApplication, data=None) -> "BudgetForm":
        return cls(
            data=data,
            initial=_initial(application, cls.base_fields),
            prefix=cls.slug,
            max_rate=application.call.max_seed_grant_rate,
        )


SECTION_FORMS: dict[str, type[SectionForm]] = {
    form.slug: form for form in (OrganisationForm, CourseRunForm, PublicsForm, PartnersForm, BudgetForm)
}


class CoFundingForm(DsfrBaseForm):
    prefix = "cofunding"

    funder_name = forms.CharField(
        label=_("Co-funder"), max_length=200, help_text=_("For example: Région Hauts-de-France, FSE+.")
    )
    amount = _amount(
        _("Amount (€)"),
        minimum=Decimal("0.01"),
        minimum_message=_("The amount must be positive."),
        required=True,
    )


class AttachmentForm(DsfrBaseForm):
    prefix = "attachment"

    kind = forms.ChoiceField(label=_("Kind of document"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("PDF only, 5 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class NewApplicationForm(forms.Form):
    """The call and the course of a new dossier; the view restricts both to what the user may use."""

    call = forms.IntegerField()
    course = forms.IntegerField()


class NewCourseForm(DsfrBaseForm):
    """A course not yet in the catalogue, created with its dossier; `organisations` are the user's
    training organisations (a choice only when there are several)."""

    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    title = forms.CharField(
        label=_("Title of the course"),
        max_length=200,
        error_messages={"required": _("Give the course a title.")},
    )
    commune = _town_field()
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        error_messages={"required": _("Give the address where the course takes place.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        self.fields["organisation"].choices = [(pk, org.name) for pk, org in self.organisations.items()]
        if len(self.organisations) == 1:  # no choice to make: the field is left out of the page
            del self.fields["organisation"]

    def clean(self):
        cleaned = super().clean()
        if len(self.organisations) == 1:
            cleaned["organisation"] = next(iter(self.organisations.values()))
        elif "organisation" in cleaned:
            cleaned["organisation"] = self.organisations[cleaned["organisation"]]
        return cleaned
