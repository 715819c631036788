"""A learner answers the follow-up survey on a phone, from the link of the e-mail, without logging in;
their organisation then sees the answer and records what it learnt since. axe-core finds nothing."""

import datetime

import pytest
from django.utils import timezone

from gen.accounts.models import Role
from gen.cohorts.services.enrolments import enrolment_complete
from gen.notifications.models import OutboxMessage
from gen.outcomes.models import Outcome
from gen.outcomes.services.surveys import surveys_schedule, surveys_send_due
from tests.browser.conftest import PASSWORD, axe_violations, describe, isolated_page, screenshot
from tests.factories import EnrolmentFactory, MembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized screen (390 × 844, an ordinary smartphone), touch, nothing beyond the test server."""
    with isolated_page(
        browser, live_server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ) as page:
        yield page


@pytest.fixture
def enrolment(reference_data):
    start = timezone.localdate() - datetime.timedelta(days=200)
    session = SessionFactory(
        course__title="Développeur web et mobile",
        course__organisation__name="Pop School Lens",
        name="Promotion d’automne",
        start_date=start,
        end_date=start + datetime.timedelta(days=182),
    )
    enrolment = EnrolmentFactory(session=session, application__candidate__user__first_name="Alix")
    enrolment.enrolled_at = timezone.now() - datetime.timedelta(days=200)
    enrolment.save(update_fields=["enrolled_at"])
    return enrolment_complete(
        enrolment=enrolment, on=session.end_date, certification_obtained=None, acting_user=None
    )


def survey_link(enrolment) -> str:
    surveys_schedule()
    enrolment.surveys.filter(milestone="end").update(due_on=timezone.localdate())
    assert surveys_send_due() == 1
    body = OutboxMessage.objects.get(kind="outcomes.survey").body
    return "/suivi/" + body.split("/suivi/")[1].split("/")[0] + "/"


def test_a_learner_answers_the_survey_on_a_phone(phone, enrolment):
    link = survey_link(enrolment)
    phone.goto(link)
    phone.get_by_role("heading", level=1, name="Où en êtes-vous ?").wait_for()
    # Only the situation at first: the details of a job show once a job is chosen.
    employer = phone.get_by_label("Employeur")
    assert not employer.is_visible()
    assert not phone.get_by_text("Vos missions font-elles 6 mois ou plus au total ?").is_visible()
    screenshot(phone, "outcomes-survey-phone")
    assert not axe_violations(phone), describe(axe_violations(phone))

    phone.get_by_text("Intérim", exact=True).tap()
    assert phone.get_by_text("Vos missions font-elles 6 mois ou plus au total ?").is_visible()
    phone.get_by_text("CDI", exact=True).tap()
    assert not phone.get_by_text("Vos missions font-elles 6 mois ou plus au total ?").is_visible()
    assert employer.is_visible()
    phone.get_by_label("Date de début").fill(enrolment.completed_on.isoformat())
    employer.fill("Agence Web du Bassin Minier")
    job_title = phone.get_by_label("Intitulé du poste")
    job_title.press_sequentially("developpeur web", delay=20)
    phone.locator("#job-title-suggestions option[value='Développeur / Développeuse web']").wait_for(
        state="attached"
    )
    job_title.fill("Développeur / Développeuse web")
    screenshot(phone, "outcomes-survey-phone-filled")
    assert not axe_violations(phone), describe(axe_violations(phone))
    phone.get_by_role("button", name="Envoyer ma réponse").tap()

    phone.get_by_role("heading", level=1, name="Merci pour votre réponse").wait_for()
    screenshot(phone, "outcomes-survey-thanks")
    assert not axe_violations(phone), describe(axe_violations(phone))
    outcome = Outcome.objects.get()
    assert (outcome.situation, outcome.employer, outcome.job.code) == (
        "cdi",
        "Agence Web du Bassin Minier",
        "M1855",
    )

    phone.goto(link)
    phone.get_by_role("heading", level=1, name="Vous avez déjà répondu").wait_for()
    assert not axe_violations(phone), describe(axe_violations(phone))


def test_a_bad_answer_is_announced_on_the_phone(phone, enrolment):
    phone.goto(survey_link(enrolment))
    phone.get_by_text("Intérim", exact=True).tap()
    phone.get_by_role("button", name="Envoyer ma réponse").tap()
    phone.get_by_role("alert").get_by_text("Votre réponse n’est pas encore enregistrée").wait_for()
    assert phone.get_by_text("Indiquez si vos missions font 6 mois ou plus au total.").is_visible()
    screenshot(phone, "outcomes-survey-error")
    assert not axe_violations(phone), describe(axe_violations(phone))
    assert not Outcome.objects.exists()


def test_the_organisation_sees_the_answer_and_records_an_outcome(page, enrolment):
    member = MembershipFactory(
        role=Role.ORGANISATION,
        organisation=enrolment.session.course.organisation,
        user__email="pop@example.org",
    ).user
    link = survey_link(enrolment)
    page.goto(link)
    page.get_by_text("En recherche d’emploi", exact=True).click()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    page.get_by_role("heading", level=1, name="Merci pour votre réponse").wait_for()

    page.goto("/comptes/connexion/?next=/suivi-sorties/")
    page.locator("main input[name=username]").fill(member.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", level=1, name="Suivi des sorties").wait_for()
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("link", name="Développeur web et mobile – Promotion d’automne").click()
    page.get_by_role("heading", level=2, name="Taux de réponse par échéance").wait_for()
    screenshot(page, "outcomes-session")
    assert not axe_violations(page), describe(axe_violations(page))

    page.get_by_role("link", name=enrolment.candidate.user.get_full_name()).click()
    page.get_by_role("heading", level=2, name="Enregistrer une sortie que vous connaissez").wait_for()
    page.get_by_label("Échéance").select_option("end")
    page.locator("select#id_situation").select_option("cdd_long")
    page.get_by_label("Employeur").fill("Mairie de Lens")
    page.get_by_label("Source de l’information").select_option("employer")
    page.get_by_role("button", name="Enregistrer cette sortie").click()
    page.get_by_text("La sortie est enregistrée").wait_for()
    screenshot(page, "outcomes-learner")
    assert not axe_violations(page), describe(axe_violations(page))
    assert list(Outcome.objects.order_by("recorded_at").values_list("situation", "is_current")) == [
        ("job_seeking", False),
        ("cdd_long", True),
    ]
