"""The cohort pages of an organisation: its cohorts, a cohort, the attendance grid, a learner, the
CSV export; each role's boundaries and bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role
from gen.cohorts.models import (
    AgreementStatus,
    Attendance,
    AttendanceStatus,
    DropOutReason,
    Enrolment,
    Half,
    Internship,
)
from gen.cohorts.services.enrolments import enrolment_drop_out
from tests.cohorts.conftest import enrol, running_session
from tests.factories import InternshipFactory, MembershipFactory, make_siret

pytestmark = pytest.mark.django_db
Status = Enrolment.Status
LOGIN_URL = reverse("accounts:login")
DAY = datetime.timedelta(days=1)
P, L, E, U = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.UNEXCUSED,
)


def content(response) -> str:
    return response.content.decode()


@pytest.fixture
def learner(session):
    return enrol(session, "Inès", "Dupont")


@pytest.fixture
def yesterday():
    return timezone.localdate() - DAY


def cohort_url(name, session) -> str:
    return reverse(f"cohorts:{name}", kwargs={"pk": session.pk})


def learner_url(enrolment) -> str:
    return reverse("cohorts:learner", kwargs={"pk": enrolment.pk})


def grid_data(day, half, marks: dict) -> dict:
    return {
        "jour": day.isoformat(),
        "demi": str(half),
        **{f"apprenant-{pk}": str(s) for pk, s in marks.items()},
    }


def internship_data(session, **changes) -> dict:
    return {
        "action": "internship",
        "company_name": "Agence Web du Bassin Minier",
        "siret": make_siret(77),
        "commune": "",
        "job_title": "Développeuse web",
        "tutor_name": "Claire Lefebvre",
        "tutor_email": "claire.lefebvre@example.org",
        "tutor_phone": "",
        "starts_on": (session.end_date - 8 * 7 * DAY).isoformat(),
        "ends_on": session.end_date.isoformat(),
        "agreement_status": AgreementStatus.DRAFT,
        "hired_afterwards": "unknown",
        **changes,
    }


COHORT_PAGES = ["cohort", "attendance", "attendance_csv"]


class TestAccess:
    def urls(self, session, learner) -> list[str]:
        return [reverse("cohorts:board"), learner_url(learner)] + [
            cohort_url(n, session) for n in COHORT_PAGES
        ]

    def test_anonymous_goes_to_login(self, client, session, learner):
        for url in self.urls(session, learner):
            response = client.get(url)
            assert (response.status_code, response.url) == (302, f"{LOGIN_URL}?next={url}")
        assert client.post(cohort_url("attendance", session)).status_code == 302
        assert client.post(learner_url(learner), {"action": "undo"}).status_code == 302

    @pytest.mark.parametrize(
        "role", [Role.CANDIDATE, Role.PRESCRIBER, Role.FUNDER, Role.REVIEWER, Role.NATIONAL_TEAM]
    )
    def test_other_roles_are_refused(self, client, role, session, learner, yesterday):
        client.force_login(MembershipFactory(role=role).user)
        for url in self.urls(session, learner):
            assert client.get(url).status_code == 403, url
        assert (
            client.post(
                cohort_url("attendance", session), grid_data(yesterday, 1, {learner.pk: U})
            ).status_code
            == 403
        )
        drop_out = {"action": "drop_out", "drop_out-on": yesterday.isoformat(), "drop_out-reason": "health"}
        assert client.post(learner_url(learner), drop_out).status_code == 403
        assert not Attendance.objects.exists()
        learner.refresh_from_db()
        assert learner.status == Status.ENROLLED

    def test_the_learner_never_sees_their_organisations_page(self, client, learner):
        client.force_login(learner.candidate.user)
        assert client.get(learner_url(learner)).status_code == 403

    def test_another_organisation_gets_404(self, client, outsider, session, learner, yesterday):
        client.force_login(outsider)
        for name in COHORT_PAGES:
            assert client.get(cohort_url(name, session)).status_code == 404, name
        assert client.get(learner_url(learner)).status_code == 404
        assert (
            client.post(
                cohort_url("attendance", session), grid_data(yesterday, 1, {learner.pk: U})
            ).status_code
            == 404
        )
        for data in (
            {"action": "drop_out", "drop_out-on": yesterday.isoformat(), "drop_out-reason": "health"},
            internship_data(session),
        ):
            assert client.post(learner_url(learner), data).status_code == 404
        assert not Attendance.objects.exists() and not Internship.objects.exists()
        learner.refresh_from_db()
        assert learner.status == Status.ENROLLED
        assert "Printemps" not in content(client.get(reverse("cohorts:board")))

    def test_unknown_ids_are_404(self, client, member):
        client.force_login(member)
        assert client.get(reverse("cohorts:cohort", kwargs={"pk": 999999})).status_code == 404
        assert client.get(reverse("cohorts:learner", kwargs={"pk": 999999})).status_code == 404

    def test_the_member_opens_every_page(self, client, member, session, learner):
        client.force_login(member)
        for url in self.urls(session, learner):
            assert client.get(url).status_code == 200, url

    def test_the_space_and_the_selection_link_to_the_cohorts(self, client, member):
        client.force_login(member)
        assert reverse("cohorts:board") in content(client.get(reverse("accounts:space")))
        assert reverse("cohorts:board") in content(client.get(reverse("admissions:selection_sessions")))


class TestBoardAndCohort:
    def test_the_board_lists_the_running_cohort(self, client, member, session, learner):
        client.force_login(member)
        page = content(client.get(reverse("cohorts:board")))
        assert "<h1>Promotions</h1>" in page and "En cours" in page
        assert f'href="{cohort_url("cohort", session)}">Développeur web – Printemps</a>' in page

    def test_an_organisation_without_learners_is_told(self, client, outsider):
        client.force_login(outsider)
        assert "Aucun apprenant pour l’instant" in content(client.get(reverse("cohorts:board")))

    def test_the_cohort_shows_status_attendance_and_internship_of_each_learner(
        self, client, member, session, learner
    ):
        other = enrol(session, "Alix", "Durand")
        Attendance.objects.bulk_create(
            [
                Attendance(enrolment=learner, day=session.start_date, half=Half.MORNING, status=P),
                Attendance(enrolment=learner, day=session.start_date, half=Half.AFTERNOON, status=U),
            ]
        )
        InternshipFactory(
            enrolment=other, company_name="Studio Lensois", agreement_status=AgreementStatus.SENT
        )
        client.force_login(member)
        page = content(client.get(cohort_url("cohort", session)))
        row = page[page.index(f'id="learner-{learner.pk}"') :].split("</tr>")[0]
        assert "Inès Dupont" in row and "En formation" in row
        assert "50 %" in row and "sur 2 demi-journées" in row and "1 demi-journée" in row
        assert "Pas encore de stage" in row
        other_row = page[page.index(f'id="learner-{other.pk}"') :].split("</tr>")[0]
        assert "Envoyée pour signature" in other_row and "Studio Lensois" in other_row
        assert 'id="internship-alert"' not in page  # 14 weeks before the classroom ends

    def test_learners_without_signed_internship_are_pointed_out_weeks_before_the_classroom_end(
        self, client, member
    ):
        session = running_session(100, course__organisation=member.memberships.get().organisation)
        waiting, placed = enrol(session, "Noé", "Martin"), enrol(session, "Léa", "Petit")
        InternshipFactory(enrolment=placed, agreement_status=AgreementStatus.SIGNED)
        client.force_login(member)
        page = content(client.get(cohort_url("cohort", session)))
        assert "1 personne n’a pas encore de stage signé" in page
        assert "À relancer" in page[page.index(f'id="learner-{waiting.pk}"') :].split("</tr>")[0]
        assert "À relancer" not in page[page.index(f'id="learner-{placed.pk}"') :].split("</tr>")[0]

    @pytest.mark.parametrize("learners", [1, 6])
    def test_the_cohort_page_query_count_does_not_grow_with_learners(
        self, client, member, session, learners, django_assert_max_num_queries
    ):
        for index in range(learners):
            InternshipFactory(enrolment=enrol(session, f"Personne{index}"))
        client.force_login(member)
        with django_assert_max_num_queries(10):
            assert client.get(cohort_url("cohort", session)).status_code == 200


class TestAttendanceGrid:
    def test_opens_on_today_with_everyone_present(self, client, member, session, learner):
        client.force_login(member)
        page = content(client.get(cohort_url("attendance", session)))
        assert f'value="{timezone.localdate().isoformat()}"' in page
        assert f'name="apprenant-{learner.pk}" value="{P}" checked' in page
        assert "Pas encore enregistré" in page and "Inès Dupont" in page

    def test_one_post_saves_the_whole_half_day_then_shows_it(
        self, client, member, session, learner, yesterday
    ):
        other = enrol(session, "Alix", "Durand")
        client.force_login(member)
        response = client.post(
            cohort_url("attendance", session),
            grid_data(yesterday, Half.MORNING, {learner.pk: P, other.pk: U}),
        )
        assert response.status_code == 302
        assert response.url == f"{cohort_url('attendance', session)}?jour={yesterday.isoformat()}&demi=1"
        assert set(Attendance.objects.values_list("enrolment_id", "day", "half", "status")) == {
            (learner.pk, yesterday, Half.MORNING, P),
            (other.pk, yesterday, Half.MORNING, U),
        }
        page = content(client.get(response.url))
        assert "Présence enregistrée pour 2 personnes." in page and "Appel enregistré" in page
        assert f'name="apprenant-{other.pk}" value="{U}" checked' in page

    def test_saving_the_same_half_day_twice_updates(self, client, member, session, learner, yesterday):
        client.force_login(member)
        url = cohort_url("attendance", session)
        client.post(url, grid_data(yesterday, Half.AFTERNOON, {learner.pk: U}))
        client.post(url, grid_data(yesterday, Half.AFTERNOON, {learner.pk: E}))
        assert list(Attendance.objects.values_list("enrolment_id", "half", "status")) == [
            (learner.pk, Half.AFTERNOON, E)
        ]

    @pytest.mark.parametrize("status", ["9", "absent", ""])
    def test_an_unknown_status_saves_nothing_and_says_so(
        self, client, member, session, learner, yesterday, status
    ):
        other = enrol(session, "Alix", "Durand")
        client.force_login(member)
        data = grid_data(yesterday, Half.MORNING, {learner.pk: P}) | {f"apprenant-{other.pk}": status}
        response = client.post(cohort_url("attendance", session), data)
        assert response.status_code == 200
        page = content(response)
        assert "Corrigez les lignes signalées ci-dessous : rien n’a été enregistré." in page
        assert f'id="apprenant-{other.pk}-error"' in page
        assert not Attendance.objects.exists()

    @pytest.mark.parametrize(
        ("day", "half"),
        [("demain", "1"), ("2000-01-01", "1"), (None, "3"), (None, "")],
    )
    def test_a_wrong_half_day_saves_nothing(self, client, member, session, learner, yesterday, day, half):
        client.force_login(member)
        data = grid_data(yesterday, half, {learner.pk: U}) | ({"jour": day} if day else {})
        response = client.post(cohort_url("attendance", session), data)
        assert response.status_code == 302
        assert not Attendance.objects.exists()
        assert "fr-alert--error" in content(client.get(response.url))

    def test_a_day_to_come_is_not_offered(self, client, member, session, learner):
        client.force_login(member)
        tomorrow = (timezone.localdate() + DAY).isoformat()
        page = content(client.get(cohort_url("attendance", session), {"jour": tomorrow, "demi": "1"}))
        assert "La présence ne peut pas être saisie pour un jour à venir." in page
        assert "attendance-form" not in page

    def test_a_learner_who_left_before_that_day_is_not_on_the_grid(
        self, client, member, session, learner, yesterday
    ):
        enrolment_drop_out(
            enrolment=learner, on=yesterday - DAY, reason=DropOutReason.HEALTH, acting_user=member
        )
        stayed = enrol(session, "Alix", "Durand")
        client.force_login(member)
        page = content(
            client.get(cohort_url("attendance", session), {"jour": yesterday.isoformat(), "demi": "1"})
        )
        assert f"apprenant-{stayed.pk}" in page and f"apprenant-{learner.pk}" not in page
        # Posting a mark for them anyway changes nothing: the grid only reads the learners on the roll.
        client.post(cohort_url("attendance", session), grid_data(yesterday, 1, {learner.pk: U, stayed.pk: P}))
        assert list(Attendance.objects.values_list("enrolment_id", flat=True)) == [stayed.pk]

    def test_the_csv_lists_every_half_day_marked(self, client, member, session, learner, yesterday):
        Attendance.objects.create(enrolment=learner, day=yesterday, half=Half.AFTERNOON, status=E)
        client.force_login(member)
        response = client.get(cohort_url("attendance_csv", session))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="presences-developpeur-web-printemps.csv"' in response["Content-Disposition"]
        lines = response.content.decode().lstrip("\ufeff").splitlines()
        assert lines == [
            "Nom;Prénom;Adresse e-mail;Jour;Demi-journée;Présence",
            f"Dupont;Inès;{learner.candidate.user.email};{yesterday:%d/%m/%Y};Après-midi;Absence justifiée",
        ]


class TestLearnerPage:
    def post(self, client, enrolment, action, **fields):
        data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
        return client.post(learner_url(enrolment), data)

    def test_records_a_drop_out_with_its_reason(self, client, member, learner, yesterday):
        client.force_login(member)
        response = self.post(
            client, learner, "drop_out", on=yesterday.isoformat(), reason="money", comment="Loyer"
        )
        assert response.status_code == 302
        learner.refresh_from_db()
        assert (learner.status, learner.dropped_out_on, learner.drop_out_reason) == (
            Status.DROPPED_OUT,
            yesterday,
            DropOutReason.MONEY,
        )
        page = content(client.get(learner_url(learner)))
        assert "Le départ est enregistré." in page and "Difficultés financières" in page
        assert "Annuler ce changement" in page

    def test_a_drop_out_in_the_future_is_refused_in_french(self, client, member, learner):
        client.force_login(member)
        tomorrow = (timezone.localdate() + DAY).isoformat()
        response = self.post(client, learner, "drop_out", on=tomorrow, reason="health")
        assert response.status_code == 200
        assert "La date ne peut pas être dans le futur." in content(response)
        learner.refresh_from_db()
        assert learner.status == Status.ENROLLED

    def test_an_unknown_reason_or_action_is_refused(self, client, member, learner, yesterday):
        client.force_login(member)
        response = self.post(client, learner, "drop_out", on=yesterday.isoformat(), reason="bored")
        assert "Choisissez un motif dans la liste." in content(response)
        response = client.post(learner_url(learner), {"action": "delete"}, follow=True)
        assert "Action inconnue." in content(response)
        learner.refresh_from_db()
        assert learner.status == Status.ENROLLED

    def test_completion_asks_the_certification_only_if_the_course_leads_to_one(
        self, client, member, session, learner
    ):
        client.force_login(member)
        assert "complete-certification_obtained" not in content(client.get(learner_url(learner)))
        session.course.rncp_code = "RNCP31114"
        session.course.save(update_fields=["rncp_code"])
        assert "complete-certification_obtained" in content(client.get(learner_url(learner)))
        today = timezone.localdate().isoformat()
        response = self.post(client, learner, "complete", on=today, certification_obtained="yes")
        assert response.status_code == 302
        learner.refresh_from_db()
        assert (learner.status, learner.certification_obtained) == (Status.COMPLETED, True)
        self.post(client, learner, "certification", certification_obtained="no")
        learner.refresh_from_db()
        assert learner.certification_obtained is False

    def test_undo_brings_the_learner_back(self, client, member, learner, yesterday):
        client.force_login(member)
        self.post(client, learner, "drop_out", on=yesterday.isoformat(), reason="health")
        assert "Dites pourquoi ce changement est annulé." in content(
            self.post(client, learner, "undo", reason="")
        )
        self.post(client, learner, "undo", reason="Erreur de saisie")
        learner.refresh_from_db()
        assert learner.status == Status.ENROLLED

    def test_records_the_internship(self, client, member, session, learner):
        client.force_login(member)
        response = client.post(learner_url(learner), internship_data(session, siret="732 829 320 00074"))
        assert response.status_code == 302
        internship = learner.internships.get()
        assert (internship.siret, internship.tutor_name, internship.agreement_status) == (
            "73282932000074",
            "Claire Lefebvre",
            AgreementStatus.DRAFT,
        )
        page = content(client.get(learner_url(learner)))
        assert "Le stage est enregistré." in page and "Modifier le stage" in page
        client.post(
            learner_url(learner), internship_data(session, agreement_status="signed", hired_afterwards="yes")
        )
        internship.refresh_from_db()
        assert (internship.agreement_status, internship.hired_afterwards) == (AgreementStatus.SIGNED, True)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"siret": "73282932000075"},
                "Ce numéro SIRET n’est pas valide (sa clé de contrôle est fausse).",
            ),
            ({"siret": "12345"}, "Un numéro SIRET compte exactement 14 chiffres."),
            ({"ends_on": "2020-01-01"}, "Le stage doit finir après son début."),
            (
                {"hired_afterwards": "yes"},
                "Seul un stage dont la convention a été signée peut mener à une embauche.",
            ),
            ({"commune": "Nulle-Part-sur-Mer"}, "Nous ne trouvons pas la commune « Nulle-Part-sur-Mer »."),
            ({"agreement_status": "lost"}, "Choisissez l’état de la convention."),
            ({"tutor_email": "claire"}, "Saisissez une adresse e-mail comme nom@exemple.org."),
        ],
    )
    def test_bad_internship_input_is_refused_in_french(
        self, client, member, session, learner, changes, message
    ):
        client.force_login(member)
        response = client.post(learner_url(learner), internship_data(session, **changes))
        assert response.status_code == 200
        assert message in content(response)
        assert not Internship.objects.exists()
