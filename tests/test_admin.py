"""The Django admin: the national team's, every page of it, and no one else's."""

import dataclasses
import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteMixin, ForeignKeyRawIdWidget, RelatedFieldWidgetWrapper
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.forms import ModelChoiceField
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import (
    AdmissionRound,
    Campaign,
    CampaignSession,
    Candidate,
    DiplomaLevel,
    Gender,
    HeardFrom,
)
from gen.admissions.models.candidates import PRIVACY_NOTICE_VERSION
from gen.catalogue.models import Course, JobTitle, Session
from gen.core.text import normalize
from gen.labelling.models import (
    CallTransition,
    CoFunding,
    CommitteeDecision,
    Label,
    LabelApplicationTransition,
    LabelTransition,
    ReviewAssignment,
    Score,
)
from gen.notifications.models import OutboxMessage
from gen.outcomes.models import Milestone, Outcome, OutcomeSource, Situation, Survey
from gen.territories.models import Commune, Departement, Region
from tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    FunderFactory,
    JobFactory,
    LabelApplicationFactory,
    LabelFactory,
    MembershipFactory,
    OfferFactory,
    OrganisationFactory,
    PostalCodeFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-solide-42"
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.fixture
def national_team(client):
    user = MembershipFactory(role=Role.NATIONAL_TEAM).user
    client.force_login(user)
    return user


def create_some_of_everything() -> None:
    """At least one row of each model, so that every changelist renders its columns."""
    job = JobFactory()
    JobTitle.objects.create(
        ogr_code=990_001,
        title="Développeur / Développeuse web",
        short_title="Dév web",
        search_title="developpeur web",
        job=job,
    )
    course = CourseFactory(jobs=[job])
    SessionFactory(course=course, start_date=timezone.localdate() + datetime.timedelta(days=10))
    PostalCodeFactory()
    MembershipFactory(role=Role.FUNDER, funder=FunderFactory())
    MembershipFactory(role=Role.ORGANISATION, organisation=course.organisation, is_admin=True)


@pytest.fixture
def some_of_everything():
    create_some_of_everything()


ADMINISTERED_APPS = ["accounts", "territories", "organisations", "funding", "labelling", "catalogue"]


@pytest.mark.parametrize("app_label", ADMINISTERED_APPS)
def test_every_model_of_each_app_is_registered(app_label):
    models = list(apps.get_app_config(app_label).get_models())
    assert models
    assert [model for model in models if model not in admin.site._registry] == []


def test_national_team_opens_the_admin_index(client, national_team):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Administration de l’équipe nationale" in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_national_team_opens_every_changelist_and_add_page(client, national_team, some_of_everything, model):
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200
    # Logs written by the services (ours and the task queue's) are read-only in the admin.
    can_add = admin.site._registry[model].has_add_permission(response.wsgi_request)
    assert client.get(admin_url(model, "add")).status_code == (200 if can_add else 403)
    obj = model._default_manager.order_by("pk").last()
    if obj is not None:  # the DSFR site settings have no row until someone saves them
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_foreign_keys_to_communes_never_list_them_all():
    """35,000 communes: every admin form picks them through autocomplete (or a raw id)."""
    checked = 0
    for model, model_admin in admin.site._registry.items():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is Commune:
                assert field.name in (*model_admin.autocomplete_fields, *model_admin.raw_id_fields), model
                checked += 1
    assert checked >= 3  # organisations, courses, postcodes


def test_commune_autocomplete_answers(client, national_team):
    commune = PostalCodeFactory().commune
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": commune.name,
            "app_label": "organisations",
            "model_name": "organisation",
            "field_name": "commune",
        },
    )
    assert response.status_code == 200
    assert {"id": str(commune.pk), "text": commune.name} in response.json()["results"]


# --- Large tables ---------------------------------------------------------------------------------
# The national demo has 75,000 users and as many candidates, thousands of applications, enrolments,
# sessions, courses and organisations, 35,000 communes: no admin form may list such a table in a
# <select>. Each form picks them through autocomplete (or a raw id), so that a page makes the same
# queries and holds the same <option> elements whatever the number of rows.

# Tables small by nature, which a form may list whole: the 18 regions and 101 départements.
SMALL_TABLES = {Region, Departement}
FEW_USERS, MANY_USERS = 20, 2_000
MAX_QUERIES = 40
MAX_OPTIONS = 200
# Third-party admins whose models stay empty here (the DSFR settings, the task queue's results).
MAY_BE_EMPTY_APPS = {"dsfr", "django_tasks_database"}


def create_one_of_everything(superuser) -> None:
    """A row of every model of ours in the admin, its people pointing at users and candidates."""
    create_some_of_everything()
    today = timezone.localdate()
    reviewer = MembershipFactory(role=Role.REVIEWER).user
    dossier = LabelApplicationFactory(complete=True)
    CoFunding.objects.create(application=dossier, funder_name="Région Hauts-de-France", amount=50_000)
    assignment = ReviewAssignment.objects.create(
        application=dossier, reviewer=reviewer, assigned_by=superuser
    )
    Score.objects.create(assignment=assignment, criterion=dossier.call.criteria.first(), score=4)
    CommitteeDecision.objects.create(
        application=dossier,
        outcome=CommitteeDecision.Outcome.GRANTED,
        reasons="Un dossier solide, des partenaires employeurs engagés.",
        decided_on=today,
        decided_by=superuser,
    )
    label = LabelFactory(course=dossier.course, application=dossier)
    CallTransition.objects.create(
        subject=dossier.call, from_state="draft", to_state="published", actor=superuser
    )
    LabelApplicationTransition.objects.create(
        subject=dossier, from_state="draft", to_state="submitted", actor=reviewer
    )
    LabelTransition.objects.create(
        subject=label, from_state="active", to_state="suspended", actor=superuser, reason="Contrôle en cours."
    )

    prescriber = MembershipFactory(role=Role.PRESCRIBER)
    offer = OfferFactory(
        application__referrer=prescriber.user,
        application__referrer_organisation=prescriber.organisation,
        application__referral_consent_at=timezone.now(),
    )
    campaign = Campaign.objects.create(
        name="Campagne nationale 2027",
        slug="campagne-2027",
        wishes_close_on=today + datetime.timedelta(days=30),
    )
    CampaignSession.objects.create(campaign=campaign, session=offer.session)
    AdmissionRound.objects.create(
        campaign=campaign,
        ran_at=timezone.now(),
        ran_by=superuser,
        candidates=1,
        wishes=1,
        placed=1,
        placed_first_wish=1,
        load_seconds=0.1,
        solve_seconds=0.1,
        write_seconds=0.1,
    )

    enrolment = EnrolmentFactory()
    survey = Survey.objects.create(enrolment=enrolment, milestone=Milestone.MONTH_6, due_on=today)
    Outcome.objects.create(
        enrolment=enrolment,
        milestone=Milestone.MONTH_6,
        situation=Situation.CDI,
        source=OutcomeSource.EMPLOYER,
        job=dossier.course.jobs.first(),
        survey=survey,
        recorded_by=superuser,
    )
    OutboxMessage.objects.create(
        to="camille@example.org", subject="Bienvenue", body="Bonjour.", kind="welcome"
    )


def grow_users_to(count: int) -> None:
    """Users, each with a candidate profile, created in bulk until there are `count` users."""
    start = User.objects.count()
    password = make_password(None)  # hashed once: these people never log in
    users = User.objects.bulk_create(
        User(email=f"masse{n}@example.org", first_name="Alix", last_name=f"Masse{n}", password=password)
        for n in range(start, count)
    )
    commune = Commune.objects.order_by("insee_code").first()
    now = timezone.now()
    Candidate.objects.bulk_create(
        Candidate(
            user=user,
            birth_date=datetime.date(2000, 1, 1),
            gender=Gender.WOMAN,
            diploma_level=DiplomaLevel.LEVEL_4,
            commune=commune,
            heard_from=HeardFrom.MISSION_LOCALE,
            consent_at=now,
            privacy_notice_version=PRIVACY_NOTICE_VERSION,
        )
        for user in users
    )
    assert User.objects.count() == count


def form_pages(model, user) -> dict[str, str | None]:
    """The add page (when the admin allows adding) and the change page of the model's last row."""
    request = RequestFactory().get("/")
    request.user = user
    pages = {}
    if admin.site._registry[model].has_add_permission(request):
        pages["add"] = admin_url(model, "add")
    obj = model._default_manager.order_by("pk").last()
    pages["change"] = admin_url(model, "change", obj.pk) if obj is not None else None
    return pages


def relations_listed_whole(response) -> list[str]:
    """The relation fields of the page's forms (inline forms too) rendered as a select of every row."""
    forms = [response.context["adminform"].form]
    forms += [inline.formset.empty_form for inline in response.context["inline_admin_formsets"]]
    listed = []
    for form in forms:
        for name, field in form.fields.items():
            if not isinstance(field, ModelChoiceField) or field.widget.is_hidden:  # inline forms' ids
                continue  # (ModelMultipleChoiceField is a ModelChoiceField)
            widget = (
                field.widget.widget if isinstance(field.widget, RelatedFieldWidgetWrapper) else field.widget
            )
            picked = isinstance(widget, AutocompleteMixin | ForeignKeyRawIdWidget)  # M2M raw ids too
            if not picked and field.queryset.model not in SMALL_TABLES:
                listed.append(f"{form._meta.model._meta.label}.{name}")
    return listed


@dataclasses.dataclass(frozen=True)
class Page:
    status: int
    queries: int
    options: int  # <option> elements
    listed_whole: tuple[str, ...]  # relation fields rendered as a select of every row


def open_page(client, url: str) -> Page:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        return Page(response.status_code, len(queries), 0, ())
    return Page(
        200,
        len(queries),
        response.content.decode().count("<option"),
        tuple(relations_listed_whole(response)),
    )


def autocomplete_fields_of_every_admin() -> list[tuple]:
    """(model, field name) of every autocomplete field of the registered admins and their inlines."""
    pairs = set()
    for model, model_admin in admin.site._registry.items():
        pairs.update((model, name) for name in model_admin.autocomplete_fields)
        for inline in model_admin.inlines:
            pairs.update((inline.model, name) for name in inline.autocomplete_fields)
    return sorted(pairs, key=lambda pair: (pair[0]._meta.label, pair[1]))


AUTOCOMPLETE_FIELDS = autocomplete_fields_of_every_admin()


@dataclasses.dataclass(frozen=True)
class Autocompleted:
    term: str
    expected_id: str
    status: int
    content_type: str
    ids: tuple[str, ...]


def autocomplete(client, model, field_name) -> Autocompleted:
    """Ask the autocomplete for the target's last row, by the value of its admin's first search field."""
    target = model._meta.get_field(field_name).related_model
    lookup = admin.site._registry[target].search_fields[0].lstrip("=^@")
    row = target._default_manager.order_by("pk").last()
    assert row is not None, f"create_one_of_everything makes no {target._meta.label}"
    term = str(target._default_manager.filter(pk=row.pk).values_list(lookup, flat=True).get())
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field_name,
        },
    )
    ids = tuple(result["id"] for result in response.json()["results"]) if response.status_code == 200 else ()
    return Autocompleted(term, str(row.pk), response.status_code, response["Content-Type"], ids)


@dataclasses.dataclass(frozen=True)
class Measures:
    pages: dict  # model -> {"add"/"change": url or None}
    few: dict[str, Page]  # url -> the page with FEW_USERS users
    many: dict[str, Page]  # url -> the page with MANY_USERS users (and as many candidates)
    autocompleted: dict[tuple, Autocompleted]


@pytest.fixture(scope="module")
def measures(django_db_setup, django_db_blocker) -> Measures:
    """Every admin form page, opened by a superuser with 20 users then with 2,000, and every
    autocomplete field asked for a row, once for the module, in one transaction rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        superuser = User.objects.create_superuser("super@example.org", PASSWORD, first_name="Dominique")
        client = Client(raise_request_exception=False)
        client.force_login(superuser)
        create_one_of_everything(superuser)
        grow_users_to(FEW_USERS)
        pages = {model: form_pages(model, superuser) for model in REGISTERED}
        urls = [url for model_pages in pages.values() for url in model_pages.values() if url]
        ContentType.objects.get_for_models(*REGISTERED)  # cached from then on: the same for both counts
        few = {url: open_page(client, url) for url in urls}

        grow_users_to(MANY_USERS)
        assert Candidate.objects.count() > MANY_USERS - FEW_USERS
        many = {url: open_page(client, url) for url in urls}
        autocompleted = {pair: autocomplete(client, *pair) for pair in AUTOCOMPLETE_FIELDS}
        transaction.set_rollback(True)
    return Measures(pages, few, many, autocompleted)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_form_pages_cost_the_same_with_2000_users_as_with_20(measures, model):
    pages = measures.pages[model]
    if pages["change"] is None:
        assert model._meta.app_label in MAY_BE_EMPTY_APPS, (
            f"create_one_of_everything makes no {model._meta.label}"
        )
    for url in filter(None, pages.values()):
        few, many = measures.few[url], measures.many[url]
        assert many.status == 200, url
        assert many.listed_whole == (), url
        assert many.queries <= few.queries, url
        assert many.options == few.options, url
        assert many.queries <= MAX_QUERIES, url
        assert many.options <= MAX_OPTIONS, url


def test_the_users_of_reviews_and_decisions_are_picked_through_autocomplete():
    fields = {(ReviewAssignment, "assigned_by"), (CommitteeDecision, "decided_by"), (Score, "criterion")}
    assert fields <= set(AUTOCOMPLETE_FIELDS)


@pytest.mark.parametrize(
    ("model", "field_name"),
    AUTOCOMPLETE_FIELDS,
    ids=[f"{model._meta.label}.{name}" for model, name in AUTOCOMPLETE_FIELDS],
)
def test_every_autocomplete_field_finds_a_row_among_2000_users(measures, model, field_name):
    autocompleted = measures.autocompleted[model, field_name]
    assert autocompleted.status == 200
    assert autocompleted.content_type == "application/json"
    assert autocompleted.expected_id in autocompleted.ids, autocompleted.term
    assert len(autocompleted.ids) <= AutocompleteJsonView.paginate_by


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(
            lambda: MembershipFactory(role=Role.ORGANISATION, is_admin=True).user, id="organisation-admin"
        ),
        pytest.param(lambda: UserFactory(is_staff=True), id="staff-without-role"),
        pytest.param(lambda: MembershipFactory(role=Role.REVIEWER).user, id="reviewer"),
        pytest.param(
            lambda: MembershipFactory(role=Role.NATIONAL_TEAM, user__is_active=False).user, id="inactive"
        ),
        pytest.param(None, id="anonymous"),
    ],
)
def test_everyone_else_is_sent_to_the_admin_login(client, make_user):
    if make_user:
        client.force_login(make_user())
    urls = [reverse("admin:index")] + [admin_url(model, "changelist") for model in REGISTERED]
    urls += [admin_url(model, "add") for model in REGISTERED]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


def test_national_team_logs_in_through_the_admin_login_without_staff_flag(client):
    user = MembershipFactory(role=Role.NATIONAL_TEAM, user__is_staff=False).user
    response = client.post(
        reverse("admin:login"), {"username": user.email, "password": PASSWORD, "next": reverse("admin:index")}
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_others_cannot_log_in_through_the_admin_login(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    response = client.post(reverse("admin:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Veuillez compléter correctement les champs" in response.content.decode()


def test_national_team_creates_a_user_with_an_email_and_a_role(client, national_team):
    organisation = OrganisationFactory()
    response = client.post(
        admin_url(User, "add"),
        {
            "email": "Nouvelle.Recrue@Example.org",
            "first_name": "Sacha",
            "last_name": "Durand",
            "usable_password": "true",
            "password1": "un-secret-bien-long-2025",
            "password2": "un-secret-bien-long-2025",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-role": Role.ORGANISATION,
            "memberships-0-organisation": organisation.pk,
            "memberships-0-is_admin": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    user = User.objects.get(email="nouvelle.recrue@example.org")
    assert user.check_password("un-secret-bien-long-2025")
    membership = user.memberships.get()
    assert (membership.role, membership.organisation, membership.is_admin) == (
        Role.ORGANISATION,
        organisation,
        True,
    )


def test_membership_with_the_wrong_scope_is_refused_in_french(client, national_team):
    user = UserFactory()
    response = client.post(
        admin_url(Membership, "add"), {"user": user.pk, "role": Role.CANDIDATE, "is_admin": "on"}
    )
    assert response.status_code == 200
    assert "Seuls les membres d’un organisme peuvent en être administrateurs." in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_saving_a_course_refreshes_its_search_text(client, national_team):
    course = CourseFactory(labelled=False)
    job = JobFactory(code="Z9999", title="Administration de systèmes")
    form = client.get(admin_url(Course, "change", course.pk)).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(jobs=[job.pk], target_publics="[]")
    for prefix in ("sessions", "labels"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    response = client.post(admin_url(Course, "change", course.pk), data)

    assert response.status_code == 302
    course.refresh_from_db()
    assert normalize(job.title) in course.search_text


def test_saving_a_label_or_session_in_the_admin_updates_the_catalogue(client, national_team):
    course = CourseFactory(labelled=False)
    today = timezone.localdate()
    label_data = {
        "course": course.pk,
        "status": "active",
        "valid_from": (today - datetime.timedelta(days=1)).isoformat(),
        "valid_until": (today + datetime.timedelta(days=1000)).isoformat(),
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
    }
    assert client.post(admin_url(Label, "add"), label_data).status_code == 302
    course.refresh_from_db()
    assert course.is_listed

    start = today + datetime.timedelta(days=30)
    session_data = {
        "course": course.pk,
        "name": "Promotion d’hiver",
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=180)).isoformat(),
        "capacity": 24,
        "application_opens_on": (today - datetime.timedelta(days=1)).isoformat(),
        "application_closes_on": (start - datetime.timedelta(days=7)).isoformat(),
    }
    assert client.post(admin_url(Session, "add"), session_data).status_code == 302
    course.refresh_from_db()
    assert course.next_session_start == start

    session = Session.objects.get(course=course)
    assert client.post(admin_url(Session, "delete", session.pk), {"post": "yes"}).status_code == 302
    course.refresh_from_db()
    assert course.next_session_start is None
