"""An organisation takes the roll of its cohort on a tablet, then follows a learner's internship."""

import datetime

import pytest
from django.utils import timezone

from gen.accounts.models import Role
from gen.cohorts.models import Attendance, AttendanceStatus, Half
from tests.browser.conftest import axe_violations, describe, isolated_page, log_in, screenshot
from tests.factories import CandidateFactory, EnrolmentFactory, MembershipFactory, SessionFactory, make_siret

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = [("Inès", "Dupont"), ("Alix", "Durand"), ("Sacha", "Petit"), ("Noé", "Lambert")]


@pytest.fixture
def cohort(reference_data):
    """A session that started 100 days ago (its classes end in about four weeks), with four learners."""
    member = MembershipFactory(
        role=Role.ORGANISATION,
        user__email="cohortes@popschool.example.org",
        organisation__name="Pop School Lens",
    ).user
    start = timezone.localdate() - datetime.timedelta(days=100)
    session = SessionFactory(
        course__organisation=member.memberships.get().organisation,
        course__title="Développeur web et mobile",
        course__hours_in_company=280,
        name="Promotion printemps",
        start_date=start,
        end_date=start + datetime.timedelta(weeks=26),
    )
    learners = {
        first_name: EnrolmentFactory(
            session=session,
            application__candidate=CandidateFactory(user__first_name=first_name, user__last_name=last_name),
        )
        for first_name, last_name in PEOPLE
    }
    return {"member": member, "session": session, "learners": learners}


@pytest.fixture
def tablet(browser, live_server):
    with isolated_page(browser, live_server, viewport={"width": 820, "height": 1180}, has_touch=True) as page:
        yield page


def test_the_team_takes_the_roll_on_a_tablet_and_records_an_internship(tablet, cohort):
    page = tablet
    learners, session = cohort["learners"], cohort["session"]

    log_in(page, cohort["member"].email, "/cohortes/")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("link", name="Développeur web et mobile – Promotion printemps").click()
    page.get_by_role("heading", level=1, name="Développeur web et mobile – Promotion printemps").wait_for()
    page.get_by_text("4 personnes n’ont pas encore de stage signé").wait_for()
    screenshot(page, "cohorts-cohort")
    assert not axe_violations(page), describe(axe_violations(page))

    # The roll of yesterday morning: everyone present unless changed, saved in one POST.
    page.get_by_role("link", name="Faire l’appel").click()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_role("textbox", name="Jour", exact=True).fill(yesterday.isoformat())
    page.get_by_text("Matin", exact=True).click()
    page.get_by_role("button", name="Afficher").click()
    page.get_by_text("Pas encore enregistré").wait_for()
    row = page.locator(f"#row-{learners['Alix'].pk}")
    row.get_by_text("Absence injustifiée").click()
    page.locator(f"#row-{learners['Noé'].pk}").get_by_text("En retard").tap()
    screenshot(page, "cohorts-attendance-filled")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Enregistrer la présence des 4 personnes").click()
    page.get_by_text("Présence enregistrée pour 4 personnes.").wait_for()
    assert set(Attendance.objects.values_list("enrolment_id", "day", "half", "status")) == {
        (learners["Inès"].pk, yesterday, Half.MORNING, AttendanceStatus.PRESENT),
        (learners["Alix"].pk, yesterday, Half.MORNING, AttendanceStatus.UNEXCUSED),
        (learners["Sacha"].pk, yesterday, Half.MORNING, AttendanceStatus.PRESENT),
        (learners["Noé"].pk, yesterday, Half.MORNING, AttendanceStatus.LATE),
    }
    assert row.get_by_label("Absence injustifiée").is_checked()
    page.get_by_text("Appel enregistré").wait_for()
    screenshot(page, "cohorts-attendance-saved")
    assert not axe_violations(page), describe(axe_violations(page))
    assert page.evaluate("document.documentElement.scrollWidth") <= 820

    # Alix's page: the internship, with a SIRET mistyped first.
    page.get_by_role("link", name="Apprenants").click()
    page.get_by_role("link", name="Alix Durand").click()
    page.get_by_role("heading", level=1, name="Alix Durand").wait_for()
    assert "Taux de présence : 0 % sur 1 demi-journée enregistrée." in page.locator("main").inner_text()
    page.get_by_role("textbox", name="Entreprise d’accueil", exact=True).fill("Agence Web du Bassin Minier")
    page.get_by_role("textbox", name="SIRET de l’entreprise d’accueil").fill("732 829 320 00075")
    page.get_by_role("textbox", name="Date de début").fill(
        (session.end_date - datetime.timedelta(weeks=8)).isoformat()
    )
    page.get_by_role("textbox", name="Date de fin").fill(session.end_date.isoformat())
    page.get_by_role("textbox", name="Nom du tuteur ou de la tutrice").fill("Claire Lefebvre")
    page.get_by_label("Convention de stage").select_option(label="Signée")
    page.get_by_role("button", name="Enregistrer le stage").click()
    page.get_by_text("Ce numéro SIRET n’est pas valide (sa clé de contrôle est fausse).").wait_for()
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("textbox", name="SIRET de l’entreprise d’accueil").fill(make_siret(73))
    page.get_by_role("button", name="Enregistrer le stage").click()
    page.get_by_text("Le stage est enregistré.").wait_for()
    screenshot(page, "cohorts-learner")
    assert not axe_violations(page), describe(axe_violations(page))

    page.get_by_role("link", name="Développeur web et mobile – Promotion printemps").click()
    page.get_by_text("3 personnes n’ont pas encore de stage signé").wait_for()
