"""The Django admin: the national team's, every page of it, and no one else's."""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Membership, Role, User
from gen.catalogue.models import Course, JobTitle, Session
from gen.core.admin import ReadOnlyAdmin
from gen.core.text import normalize
from gen.labelling.models import Label
from gen.territories.models import Commune
from tests.factories import (
    CourseFactory,
    FunderFactory,
    JobFactory,
    MembershipFactory,
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


@pytest.fixture
def some_of_everything():
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
    # Logs written by the services are read-only in the admin.
    read_only = isinstance(admin.site._registry[model], ReadOnlyAdmin)
    assert client.get(admin_url(model, "add")).status_code == (403 if read_only else 200)
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
