"""factory_boy factories for every model, with valid defaults (real-looking SIRETs, coherent dates)."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import Application, Candidate, DiplomaLevel, Gender, HeardFrom, Offer
from gen.catalogue.models import Course, Job, Modality, Session
from gen.catalogue.services import course_refresh_search_text, courses_refresh_listing
from gen.cohorts.models import Enrolment, Internship
from gen.core.text import normalize
from gen.funding.models import Funder
from gen.labelling.models import Attachment, Label, LabelApplication, LabellingCall
from gen.organisations.models import Organisation
from gen.organisations.validators import luhn_is_valid
from gen.territories.models import Commune, Departement, PostalCode, Region


def make_siret(n: int) -> str:
    """A valid SIRET: a Luhn-valid SIREN, then an establishment number making the whole Luhn-valid."""
    base = f"{n:08d}"[-8:]
    siren = next(base + str(d) for d in range(10) if luhn_is_valid(base + str(d)))
    head = siren + "0001"
    return next(head + str(d) for d in range(10) if luhn_is_valid(head + str(d)))


# Every user the factories make logs in with it.
PASSWORD = "mot-de-passe-solide-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"Z{n % 10}")  # never a real INSEE code
    name = factory.Sequence(lambda n: f"Région {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"Z{n % 100:02d}")  # never a real INSEE code
    name = factory.Sequence(lambda n: f"Département {n}")
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["insee_code"]

    insee_code = factory.Sequence(lambda n: f"Z{n % 10000:04d}")  # never a real INSEE code
    name = factory.Sequence(lambda n: f"Ville {n}")
    search_name = factory.LazyAttribute(lambda o: normalize(o.name))
    departement = factory.SubFactory(DepartementFactory)
    population = 10_000
    latitude = 50.0
    longitude = 3.0


class PostalCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostalCode

    code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    commune = factory.SubFactory(CommuneFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.TRAINING
    name = factory.Sequence(lambda n: f"Fabrique numérique {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    siret = factory.Sequence(lambda n: make_siret(n + 1000))
    commune = factory.SubFactory(CommuneFactory)


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Financeur {n}")
    kind = Funder.Kind.REGION


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.ORGANISATION
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role in (Role.ORGANISATION, Role.PRESCRIBER)),
        yes_declaration=factory.SubFactory(OrganisationFactory),
        no_declaration=None,
    )
    funder = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.FUNDER),
        yes_declaration=factory.SubFactory(FunderFactory),
        no_declaration=None,
    )


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"Z{n % 10000:04d}")  # never a real ROME code
    title = factory.Sequence(lambda n: f"Métier {n}")
    search_title = factory.LazyAttribute(lambda o: normalize(o.title))
    ogr_code = factory.Sequence(lambda n: 900_000 + n)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Formation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(f"{o.title}-{o.organisation.slug}"))
    summary = "Quatre mois de cours intensifs puis deux mois de stage en entreprise."
    hours_in_centre = 560
    hours_in_company = 280
    modality = Modality.IN_PERSON
    address = "1 rue de la République"
    commune = factory.SubFactory(CommuneFactory)
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)

    @factory.post_generation
    def jobs(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.jobs.set(extracted)

    @factory.post_generation
    def labelled(obj, create, extracted, **kwargs):
        """Courses are labelled unless `labelled=False`; the search text is always refreshed."""
        if not create:
            return
        if extracted is not False:
            LabelFactory(course=obj)
        course_refresh_search_text(obj)
        courses_refresh_listing(Course.objects.filter(pk=obj.pk))


class RefreshesCourseListing:
    """Sessions and labels change what the catalogue lists: refresh it as the services do."""

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            courses_refresh_listing(Course.objects.filter(pk=instance.course_id))


class SessionFactory(RefreshesCourseListing, factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    name = factory.Sequence(lambda n: f"Promotion {n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=182))
    application_opens_on = factory.LazyAttribute(lambda o: o.start_date - datetime.timedelta(days=90))
    application_closes_on = factory.LazyAttribute(lambda o: o.start_date - datetime.timedelta(days=14))


class LabelFactory(RefreshesCourseListing, factory.django.DjangoModelFactory):
    class Meta:
        model = Label

    course = factory.SubFactory(CourseFactory, labelled=False)
    status = Label.Status.ACTIVE
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    valid_until = factory.LazyAttribute(lambda o: o.valid_from + datetime.timedelta(days=3 * 365))


class LabellingCallFactory(factory.django.DjangoModelFactory):
    """A published call, open now, with the default criteria (built through the service)."""

    class Meta:
        model = LabellingCall

    @classmethod
    def _create(cls, model_class, *, state=LabellingCall.State.PUBLISHED, **kwargs):
        from gen.labelling.services.calls import call_create

        now = timezone.now()
        call = call_create(
            title=kwargs.pop("title", "Appel à labellisation 2027"),
            text=kwargs.pop("text", "Appel national à labellisation Grande École du Numérique."),
            opens_at=kwargs.pop("opens_at", now - datetime.timedelta(days=10)),
            deadline=kwargs.pop("deadline", now + datetime.timedelta(days=30)),
            acting_user=None,
            **kwargs,
        )
        if state != LabellingCall.State.DRAFT:
            LabellingCall.objects.filter(pk=call.pk).update(state=state)
            call.refresh_from_db()
        return call


class LabelApplicationFactory(factory.django.DjangoModelFactory):
    """A draft dossier; `complete=True` fills every section and attaches the required PDFs."""

    class Meta:
        model = LabelApplication
        skip_postgeneration_save = True

    call = factory.SubFactory(LabellingCallFactory)
    course = factory.SubFactory(
        CourseFactory,
        labelled=False,
        organisation__activity_declaration_number="32590000000",
        jobs=factory.LazyFunction(lambda: [JobFactory()]),
    )
    places_per_session = 24
    sessions_per_year = 2

    @factory.post_generation
    def complete(obj, create, extracted, **kwargs):
        if not (create and extracted):
            return
        LabelApplication.objects.filter(pk=obj.pk).update(
            share_low_qualification=60,
            share_young=50,
            share_women=40,
            share_qpv_zrr=20,
            share_job_seekers=70,
            sourcing_partners="France Travail Lens, Mission Locale de Lens-Liévin",
            employer_partners="Six entreprises du numérique de l'agglomération",
            annual_budget=300_000,
            seed_grant_requested=100_000,
        )
        obj.refresh_from_db()
        for kind in (Attachment.Kind.PROGRAMME, Attachment.Kind.BUDGET):
            Attachment.objects.create(
                application=obj,
                kind=kind,
                token=f"{kind}{obj.pk}",
                file=ContentFile(b"%PDF-1.4 test", name="document.pdf"),
                original_name=f"{kind}.pdf",
                size=13,
            )


class CandidateFactory(factory.django.DjangoModelFactory):
    """A candidate with a confirmed account and a complete profile, outside every priority public."""

    class Meta:
        model = Candidate
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    birth_date = datetime.date(1990, 5, 17)
    gender = Gender.MAN
    diploma_level = DiplomaLevel.LEVEL_5
    is_job_seeker = False
    commune = factory.LazyFunction(lambda: Commune.objects.order_by("insee_code").first() or CommuneFactory())
    lives_in_qpv_or_zrr = False
    is_scholarship_holder = False
    heard_from = HeardFrom.FRANCE_TRAVAIL
    consent_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "2026-11"

    @factory.post_generation
    def with_role(obj, create, extracted, **kwargs):
        if create:
            Membership.objects.get_or_create(user=obj.user, role=Role.CANDIDATE)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application received today to a session open for applications."""

    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    session = factory.SubFactory(SessionFactory)  # open for applications until 46 days from now
    motivation = (
        "Je veux devenir développeuse web depuis que j'ai créé le site de l'association de mon quartier. "
        "J'ai appris seule les bases du HTML et je veux maintenant en faire mon métier, avec un vrai "
        "encadrement et un stage en entreprise."
    )
    availability = "Disponible dès maintenant, à temps plein."


class OfferFactory(factory.django.DjangoModelFactory):
    """A pending offer for a ranked application, with five days to answer."""

    class Meta:
        model = Offer

    application = factory.SubFactory(
        ApplicationFactory, state=Application.State.RANKED, rank=1, call_position=1
    )
    session = factory.SelfAttribute("application.session")
    sent_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyAttribute(lambda o: o.sent_at + datetime.timedelta(days=5))


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A learner of a session, their application admitted, as accepting an offer leaves them."""

    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
    application = factory.SubFactory(
        ApplicationFactory, state=Application.State.ADMITTED, session=factory.SelfAttribute("..session")
    )
    candidate = factory.SelfAttribute("application.candidate")
    # When the offer was accepted: the day applications closed (auto_now_add ignores it, hence _create).
    enrolled_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(
            datetime.datetime.combine(o.session.application_closes_on, datetime.time(12))
        )
    )

    @classmethod
    def _create(cls, model_class, *args, enrolled_at, **kwargs):
        enrolment = super()._create(model_class, *args, **kwargs)
        Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=enrolled_at)
        enrolment.enrolled_at = enrolled_at
        return enrolment


class InternshipFactory(factory.django.DjangoModelFactory):
    """An internship being prepared, for the two months after the classroom part of the session."""

    class Meta:
        model = Internship

    enrolment = factory.SubFactory(EnrolmentFactory)
    company_name = "Agence Web du Bassin Minier"
    siret = factory.Sequence(lambda n: make_siret(n + 50_000))
    tutor_name = "Claire Lefebvre"
    tutor_email = "claire.lefebvre@example.org"
    ends_on = factory.LazyAttribute(lambda o: o.enrolment.session.end_date)
    starts_on = factory.LazyAttribute(lambda o: o.ends_on - datetime.timedelta(weeks=8, days=-1))
