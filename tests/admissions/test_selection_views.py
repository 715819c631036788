"""The selection workspace of an organisation: sessions, applicants, an application, ranking, rates, offers."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role
from gen.admissions.models import (
    Application,
    ApplicationNote,
    Campaign,
    CampaignSession,
    Candidate,
    MinimumRate,
    Offer,
    RefusalReason,
    Selection,
)
from gen.admissions.publics import Public
from gen.admissions.services.offers import call_order_freeze, offer_decline, offers_publish
from gen.notifications.models import OutboxMessage
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    LabelApplicationFactory,
    LabelFactory,
    MembershipFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
State = Application.State
LOGIN_URL = reverse("accounts:login")
BULK_BASE_QUERIES = 6
BULK_QUERIES_PER_APPLICATION = 5


def content(response) -> str:
    return response.content.decode()


def input_value(page: str, name: str) -> str:
    """The value of the input named `name` in the page."""
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)[0]
    return re.search(r'value="([^"]*)"', tag)[1]


def error_shown(page: str) -> bool:
    return "fr-alert--error" in page


def applicant(session, first_name="Camille", last_name="Martin", *, state=State.RECEIVED, **fields):
    """An application to `session`; candidate fields go as `candidate__<field>`."""
    candidate_fields = {
        key.removeprefix("candidate__"): value
        for key, value in fields.items()
        if key.startswith("candidate__")
    }
    application_fields = {key: value for key, value in fields.items() if not key.startswith("candidate__")}
    candidate = CandidateFactory(
        user__first_name=first_name,
        user__last_name=last_name,
        user__email=f"{first_name}.{last_name}@example.org".lower(),
        **candidate_fields,
    )
    return ApplicationFactory(session=session, candidate=candidate, state=state, **application_fields)


def ranked(session, *names, **fields) -> list[Application]:
    start = session.applications.filter(rank__isnull=False).count()
    return [
        applicant(session, name, "Classé", state=State.RANKED, rank=start + position, **fields)
        for position, name in enumerate(names, start=1)
    ]


@pytest.fixture
def member():
    return MembershipFactory(
        role=Role.ORGANISATION, user__first_name="Dominique", user__last_name="Roux"
    ).user


@pytest.fixture
def session(member):
    organisation = member.memberships.get().organisation
    return SessionFactory(
        course__organisation=organisation, course__title="Développeur web", name="Printemps", capacity=2
    )


@pytest.fixture
def outsider():
    """A member of another training organisation."""
    return MembershipFactory(role=Role.ORGANISATION).user


@pytest.fixture
def application(session):
    return applicant(session, "Inès", "Dupont", candidate__gender="woman")


SESSION_PAGES = [
    "selection_session",
    "selection_export_csv",
    "selection_export_xlsx",
    "selection_ranking",
    "selection_rates",
    "selection_offers",
    "selection_publish",
]
SESSION_ACTIONS = [
    "selection_session",
    "selection_ranking",
    "selection_rank_by_score",
    "selection_rates",
    "selection_publish",
]


def session_url(name: str, session) -> str:
    return reverse(f"admissions:{name}", kwargs={"pk": session.pk})


def application_url(application) -> str:
    return reverse("admissions:selection_application", kwargs={"pk": application.pk})


class TestAccess:
    def test_anonymous_goes_to_login(self, client, session, application):
        urls = [reverse("admissions:selection_sessions"), application_url(application)]
        urls += [session_url(name, session) for name in SESSION_PAGES]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.url == f"{LOGIN_URL}?next={url}"
        for name in SESSION_ACTIONS:
            assert client.post(session_url(name, session)).status_code == 302

    @pytest.mark.parametrize(
        "role", [Role.CANDIDATE, Role.PRESCRIBER, Role.REVIEWER, Role.FUNDER, Role.NATIONAL_TEAM]
    )
    def test_other_roles_are_refused(self, client, role, session, application):
        client.force_login(MembershipFactory(role=role).user)
        assert client.get(reverse("admissions:selection_sessions")).status_code == 403
        assert client.get(application_url(application)).status_code == 403
        assert client.post(application_url(application), {"action": "rank"}).status_code == 403
        for name in SESSION_PAGES:
            assert client.get(session_url(name, session)).status_code == 403, name
        for name in SESSION_ACTIONS:
            assert client.post(session_url(name, session)).status_code == 403, name
        application.refresh_from_db()
        assert application.state == State.RECEIVED

    def test_the_candidate_never_sees_the_teams_page_of_their_application(self, client, application):
        client.force_login(application.candidate.user)
        assert client.get(application_url(application)).status_code == 403

    @pytest.mark.parametrize("name", SESSION_PAGES)
    def test_another_organisation_gets_404_on_every_session_page(self, client, outsider, session, name):
        client.force_login(outsider)
        assert client.get(session_url(name, session)).status_code == 404

    @pytest.mark.parametrize("name", SESSION_ACTIONS)
    def test_another_organisation_gets_404_on_every_session_action(self, client, outsider, session, name):
        first, second = ranked(session, "Alix", "Sacha")
        client.force_login(outsider)
        data = {"ids": [first.pk], "action": "refuse", "reason": "tests", "move": f"{second.pk}:up"}
        assert client.post(session_url(name, session), data).status_code == 404
        assert list(session.applications.order_by("rank").values_list("pk", "state")) == [
            (first.pk, State.RANKED),
            (second.pk, State.RANKED),
        ]
        assert not Selection.objects.exists() and not Offer.objects.exists()

    @pytest.mark.parametrize("action", ["score", "note", "invite", "assess", "rank", "refuse"])
    def test_another_organisation_gets_404_on_an_application(self, client, outsider, application, action):
        client.force_login(outsider)
        assert client.get(application_url(application)).status_code == 404
        data = {
            "action": action,
            "score-score": "12",
            "note-text": "Vu",
            "invite-message": "Lundi",
            "refuse-reason": "tests",
        }
        assert client.post(application_url(application), data).status_code == 404
        application.refresh_from_db()
        assert (application.state, application.score) == (State.RECEIVED, None)
        assert not ApplicationNote.objects.exists()

    def test_unknown_ids_are_404(self, client, member, session):
        client.force_login(member)
        assert (
            client.get(
                session_url("selection_session", session).replace(str(session.pk), "999999")
            ).status_code
            == 404
        )
        assert (
            client.get(reverse("admissions:selection_application", kwargs={"pk": 999999})).status_code == 404
        )

    def test_the_member_opens_every_page(self, client, member, session, application):
        client.force_login(member)
        for name in SESSION_PAGES:
            assert client.get(session_url(name, session)).status_code == 200, name
        assert client.get(application_url(application)).status_code == 200
        assert client.get(reverse("admissions:selection_sessions")).status_code == 200

    def test_the_space_links_to_the_selection(self, client, member):
        client.force_login(member)
        assert reverse("admissions:selection_sessions") in content(client.get(reverse("accounts:space")))


class TestSessions:
    def test_lists_the_organisations_sessions_with_counts_places_window_and_offers(
        self, client, member, session, outsider
    ):
        applicant(session, "Alix", "Durand")
        applicant(session, "Sacha", "Petit", state=State.INVITED)
        ranked(session, "Noé")
        published = SessionFactory(course=session.course, name="Automne", places_taken=1)
        Selection.objects.create(session=published, offers_published_at=timezone.now())
        someone_elses = SessionFactory(name="Promotion d’ailleurs")
        applicant(someone_elses, "Léa", "Autre")
        client.force_login(member)

        page = content(client.get(reverse("admissions:selection_sessions")))

        assert "<h1>Sélection des candidats</h1>" in page
        assert '<h2 id="course-' in page and ">Développeur web</h2>" in page
        assert page.count(">Développeur web</h2>") == 1  # both sessions under their course
        assert "Printemps<span" in page and "Automne<span" in page
        assert "Promotion d’ailleurs" not in page
        row = page[page.index(f'id="session-{session.pk}"') :].split("</tr>")[0]
        cells = [cell.split(">", 1)[1].split("</td>")[0].strip() for cell in row.split("<td")[1:]]
        # Window, places, total, then one count per state, then offers.
        assert cells[1] == "0 / 2"
        assert cells[2:10] == ["3", "1", "1", "0", "1", "0", "0", "0"]
        assert "Non publiées" in cells[10]
        opens, closes = session.application_opens_on, session.application_closes_on
        assert f"du {opens:%d/%m/%Y} au {closes:%d/%m/%Y}" in cells[0]
        published_row = page[page.index(f'id="session-{published.pk}"') :].split("</tr>")[0]
        assert "Publiées le" in published_row and "1 / 24" in published_row

    def test_an_organisation_without_session_is_told(self, client, outsider):
        client.force_login(outsider)
        assert "Aucune session pour l’instant" in content(
            client.get(reverse("admissions:selection_sessions"))
        )

    @pytest.mark.parametrize("sessions", [1, 4])
    def test_query_count_does_not_grow_with_sessions(self, client, member, session, sessions):
        for number in range(sessions):
            applicant(SessionFactory(course=session.course, name=f"S{number}"), "Alix", f"Durand{number}")
        client.force_login(member)
        client.get(reverse("admissions:selection_sessions"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admissions:selection_sessions")).status_code == 200
        # Session, user, roles, the sessions with their counts.
        assert len(queries) == 4


class TestApplicants:
    def test_the_table_shows_each_applicant(self, client, member, session):
        prescriber = MembershipFactory(
            role=Role.PRESCRIBER,
            user__first_name="Claire",
            user__last_name="Fabre",
            organisation__name="France Travail Lens",
        )
        young = session.start_date.replace(year=session.start_date.year - 20)
        referred = applicant(
            session,
            "Inès",
            "Dupont",
            state=State.ASSESSING,
            score=Decimal("14.5"),
            referrer=prescriber.user,
            referrer_organisation=prescriber.organisation,
            referral_consent_at=timezone.now(),
            candidate__birth_date=young,
            candidate__gender="woman",
            candidate__is_job_seeker=True,
        )
        applicant(session, "Alix", "Durand")
        client.force_login(member)

        page = content(client.get(session_url("selection_session", session)))

        assert "2 candidatures" in page
        row = page[page.index(f'id="application-{referred.pk}"') :].split("</tr>")[0]
        assert "Inès Dupont" in row and "inès.dupont@example.org" in row
        assert "<td>20</td>" in row
        for public in ("Femmes", "Demandeurs d’emploi", "Moins de 26 ans"):
            assert public in row
        assert "Boursiers" not in row
        assert "Tests et entretien" in row
        assert "14,5" in row or "14.5" in row
        assert f"{timezone.localtime(referred.created_at):%d/%m/%Y}" in row  # the day in Paris, not UTC
        assert "Claire Fabre" in row and "France Travail Lens" in row
        assert application_url(referred) in row
        assert session_url("selection_export_xlsx", session) in page

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"etat": "invited"}, {"Sacha"}),
            ({"public": "women"}, {"Inès"}),
            ({"public": "under_26"}, {"Noé"}),
            ({"public": "scholarship_holders"}, {"Sacha"}),
            ({"prescription": "oui"}, {"Alix"}),
            ({"prescription": "non"}, {"Inès", "Sacha", "Noé"}),
            ({"q": "dupont"}, {"Inès"}),
            ({"q": "sacha.petit@"}, {"Sacha"}),
            ({"q": "Noé Lambert"}, {"Noé"}),
            ({"etat": "nonsense", "q": "Inès"}, {"Inès"}),
        ],
    )
    def test_filters(self, client, member, session, query, expected):
        prescriber = MembershipFactory(role=Role.PRESCRIBER)
        names = {
            "Inès": applicant(session, "Inès", "Dupont", candidate__gender="woman"),
            "Sacha": applicant(
                session, "Sacha", "Petit", state=State.INVITED, candidate__is_scholarship_holder=True
            ),
            "Noé": applicant(
                session,
                "Noé",
                "Lambert",
                candidate__birth_date=session.start_date - datetime.timedelta(days=365 * 25),
            ),
            "Alix": applicant(
                session,
                "Alix",
                "Durand",
                referrer=prescriber.user,
                referrer_organisation=prescriber.organisation,
                referral_consent_at=timezone.now(),
            ),
        }
        client.force_login(member)

        page = content(client.get(session_url("selection_session", session), query))

        shown = {name for name, application in names.items() if f'id="application-{application.pk}"' in page}
        assert shown == expected

    def test_htmx_gets_the_table_alone(self, client, member, session, application):
        client.force_login(member)
        response = client.get(
            session_url("selection_session", session), {"q": "Inès"}, HTTP_HX_REQUEST="true"
        )
        page = content(response)
        assert page.lstrip().startswith('<section id="applicants"')
        assert f'id="application-{application.pk}"' in page and "<html" not in page

    def test_large_sessions_are_paginated(self, client, member, session):
        for number in range(55):
            applicant(session, "Candidat", f"N{number:02d}")
        client.force_login(member)

        first = content(client.get(session_url("selection_session", session)))
        second = content(client.get(session_url("selection_session", session), {"page": 2}))

        assert "55 candidatures" in first
        assert first.count('name="ids"') == 50 and second.count('name="ids"') == 5
        assert "Candidat N54" in second and "Candidat N54" not in first

    @pytest.mark.parametrize("applicants", [2, 8])
    def test_query_count_does_not_grow_with_applicants(self, client, member, session, applicants):
        prescriber = MembershipFactory(role=Role.PRESCRIBER)
        for number in range(applicants):
            applicant(
                session,
                "Alix",
                f"Durand{number}",
                referrer=prescriber.user,
                referrer_organisation=prescriber.organisation,
                referral_consent_at=timezone.now(),
            )
        client.force_login(member)
        client.get(session_url("selection_session", session))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(session_url("selection_session", session)).status_code == 200
        # Session, user, roles, the session, the count, the page of applicants, the counts per state.
        assert len(queries) == 7


class TestBulkActions:
    def post(self, client, session, **data):
        return client.post(session_url("selection_session", session) + "?etat=received", data)

    def test_invite_several_with_the_meeting(self, client, member, session):
        first, second = applicant(session, "Alix", "Durand"), applicant(session, "Sacha", "Petit")
        untouched = applicant(session, "Noé", "Lambert")
        client.force_login(member)

        response = self.post(
            client,
            session,
            ids=[first.pk, second.pk],
            action="invite",
            message="Mardi 3 mars à 9 h, 12 rue Roger Salengro",
        )

        assert response.status_code == 302
        assert response.url == session_url("selection_session", session) + "?etat=received"
        assert set(session.applications.filter(state=State.INVITED)) == {first, second}
        untouched.refresh_from_db()
        assert untouched.state == State.RECEIVED
        assert first.transitions.get().reason == "Mardi 3 mars à 9 h, 12 rue Roger Salengro"
        invitations = OutboxMessage.objects.filter(kind="admissions.invited")
        assert invitations.count() == 2 and "12 rue Roger Salengro" in invitations.first().body
        assert "2 candidatures mises à jour." in content(client.get(response.url))

    def test_refuse_with_reason_and_comment(self, client, member, session, application):
        client.force_login(member)
        self.post(
            client,
            session,
            ids=[application.pk],
            action="refuse",
            reason="tests",
            comment="Revenez l’an prochain.",
        )
        application.refresh_from_db()
        assert application.state == State.REFUSED
        assert (application.refusal_reason, application.refusal_comment) == (
            "tests",
            "Revenez l’an prochain.",
        )

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"action": "refuse"}, "Choisissez le motif du refus."),
            ({"action": "refuse", "reason": "nope"}, "Choisissez un motif dans la liste."),
            ({"action": "invite", "message": ""}, "Rédigez le message d’invitation"),
            ({"action": "explode"}, "Choisissez une action."),
            ({"action": ""}, "Choisissez une action."),
        ],
    )
    def test_bad_input_changes_nothing(self, client, member, session, application, data, message):
        client.force_login(member)
        response = self.post(client, session, ids=[application.pk], **data)
        assert response.status_code == 200
        assert "Rien n’a été modifié" in content(response) and message in content(response)
        application.refresh_from_db()
        assert application.state == State.RECEIVED

    def test_nothing_ticked(self, client, member, session, application):
        client.force_login(member)
        response = self.post(client, session, action="assess")
        assert "Cochez au moins une candidature dans le tableau." in content(response)
        application.refresh_from_db()
        assert application.state == State.RECEIVED

    @pytest.mark.parametrize("foreign_id", ["other-session", "not-a-number"])
    def test_ids_outside_the_session_are_not_touched(self, client, member, session, application, foreign_id):
        other = applicant(SessionFactory(course=session.course), "Léa", "Ailleurs")
        client.force_login(member)
        ids = [application.pk, other.pk if foreign_id == "other-session" else "abc"]

        response = self.post(client, session, ids=ids, action="refuse", reason="tests")

        assert "ne font pas partie de cette session : rien n’a été modifié" in content(response)
        assert set(Application.objects.values_list("state", flat=True)) == {State.RECEIVED}

    def test_what_cannot_be_done_is_reported_in_french(self, client, member, session):
        received = applicant(session, "Alix", "Durand")
        assessing = applicant(session, "Sacha", "Petit", state=State.ASSESSING)
        client.force_login(member)

        response = self.post(client, session, ids=[received.pk, assessing.pk], action="rank")

        assessing.refresh_from_db()
        assert (assessing.state, assessing.rank) == (State.RANKED, 1)
        page = content(client.get(response.url))
        assert "1 candidature mise à jour." in page
        assert "1 candidature n’a pas été modifiée : Alix Durand: " in page
        assert "Reçue → Classée" in page

    def test_a_bulk_ranking_follows_the_order_of_the_table(self, client, member, session):
        first, second, third = (
            applicant(session, name, "Durand", state=State.ASSESSING) for name in ("Alix", "Sacha", "Noé")
        )
        client.force_login(member)
        self.post(client, session, ids=[second.pk, third.pk, first.pk], action="rank")
        ranks = dict(session.applications.values_list("pk", "rank"))
        assert ranks == {second.pk: 1, third.pk: 2, first.pk: 3}

    @pytest.mark.parametrize("count", [1, 3])
    def test_query_count_of_a_bulk_action(self, client, member, session, count):
        """The ids are read once; then each application is its own transaction, of a fixed cost."""
        applications = [applicant(session, "Alix", f"Durand{number}") for number in range(count)]
        client.force_login(member)
        client.get(session_url("selection_session", session))
        with CaptureQueriesContext(connection) as queries:
            self.post(client, session, ids=[a.pk for a in applications], action="assess")
        assert set(session.applications.values_list("state", flat=True)) == {State.ASSESSING}
        assert len(queries) == BULK_BASE_QUERIES + BULK_QUERIES_PER_APPLICATION * count


class TestApplication:
    def test_shows_the_profile_without_help_texts_motivation_publics_and_history(
        self, client, member, session
    ):
        application = applicant(
            session,
            "Inès",
            "Dupont",
            candidate__gender="woman",
            candidate__diploma_level="3",
            candidate__is_scholarship_holder=True,
            candidate__birth_date=datetime.date(1990, 5, 17),
        )
        application.transitions.create(
            from_state="", to_state=State.RECEIVED, actor=application.candidate.user
        )
        client.force_login(member)

        page = content(client.get(application_url(application)))

        assert "<h1>Inès Dupont</h1>" in page
        assert "17 mai 1990" in page and "inès.dupont@example.org" in page
        assert "Femme" in page and "CAP, BEP" in page
        for field in (
            "birth_date",
            "gender",
            "diploma_level",
            "is_job_seeker",
            "lives_in_qpv_or_zrr",
            "commune",
        ):
            help_text = str(Candidate._meta.get_field(field).help_text)
            assert help_text.replace("'", "&#x27;") not in page, field
        assert "site de l&#x27;association de mon quartier" in page
        assert "Disponible dès maintenant" in page
        assert "Boursiers" in page and "Niveau bac ou infra" in page
        assert "Historique" in page and "Reçue" in page

    def test_notes_are_added_and_listed(self, client, member, application):
        client.force_login(member)
        response = client.post(
            application_url(application), {"action": "note", "note-text": "Très motivée à l’entretien."}
        )
        assert response.status_code == 302
        note = ApplicationNote.objects.get()
        assert (note.application, note.author, note.text) == (
            application,
            member,
            "Très motivée à l’entretien.",
        )
        page = content(client.get(application_url(application)))
        assert "Très motivée à l’entretien." in page and "L’observation est ajoutée." in page

    def test_an_empty_note_is_refused(self, client, member, application):
        client.force_login(member)
        response = client.post(application_url(application), {"action": "note", "note-text": "   "})
        assert response.status_code == 200 and "Écrivez d’abord votre observation." in content(response)
        assert not ApplicationNote.objects.exists()

    @pytest.mark.parametrize(
        ("typed", "saved"), [("14,5", Decimal("14.5")), ("20", Decimal("20")), ("0", Decimal("0"))]
    )
    def test_score(self, client, member, application, typed, saved):
        client.force_login(member)
        response = client.post(application_url(application), {"action": "score", "score-score": typed})
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.score == saved

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("21", "Une note va de 0 à 20."),
            ("-1", "Une note va de 0 à 20."),
            ("12,25", "Une décimale au plus"),
            ("douze", "Saisissez un nombre"),
            ("", "Saisissez une note."),
        ],
    )
    def test_a_bad_score_is_refused(self, client, member, application, typed, message):
        client.force_login(member)
        response = client.post(application_url(application), {"action": "score", "score-score": typed})
        assert response.status_code == 200 and message in content(response)
        application.refresh_from_db()
        assert application.score is None

    def test_invite_with_the_meeting(self, client, member, application):
        client.force_login(member)
        response = client.post(
            application_url(application),
            {"action": "invite", "invite-message": "Jeudi 5 mars, 14 h, salle 2"},
        )
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.state == State.INVITED
        assert application.transitions.get().reason == "Jeudi 5 mars, 14 h, salle 2"
        assert "Jeudi 5 mars, 14 h, salle 2" in OutboxMessage.objects.get(kind="admissions.invited").body

    def test_an_invitation_needs_its_message(self, client, member, application):
        client.force_login(member)
        response = client.post(application_url(application), {"action": "invite", "invite-message": ""})
        assert "Rédigez le message d’invitation" in content(response)
        application.refresh_from_db()
        assert application.state == State.RECEIVED

    def test_assess_then_rank(self, client, member, session, application):
        ranked(session, "Alix")
        client.force_login(member)
        client.post(application_url(application), {"action": "assess", "assess-reason": "Tests le 10"})
        application.refresh_from_db()
        assert application.state == State.ASSESSING
        client.post(application_url(application), {"action": "rank"})
        application.refresh_from_db()
        assert (application.state, application.rank) == (State.RANKED, 2)

    def test_refuse_with_a_reason_and_a_comment(self, client, member, application):
        client.force_login(member)
        client.post(
            application_url(application),
            {
                "action": "refuse",
                "refuse-reason": RefusalReason.AVAILABILITY,
                "refuse-comment": "Pensez à la session d’automne.",
            },
        )
        application.refresh_from_db()
        assert (application.state, application.refusal_reason) == (State.REFUSED, RefusalReason.AVAILABILITY)
        assert "Pensez à la session d’automne." in OutboxMessage.objects.get(kind="admissions.refused").body

    @pytest.mark.parametrize("reason", ["", "nope"])
    def test_a_refusal_needs_a_known_reason(self, client, member, application, reason):
        client.force_login(member)
        response = client.post(application_url(application), {"action": "refuse", "refuse-reason": reason})
        assert response.status_code == 200 and "Motif du refus" in content(response)
        application.refresh_from_db()
        assert application.state == State.RECEIVED

    def test_an_impossible_change_is_explained(self, client, member, application):
        client.force_login(member)
        response = client.post(application_url(application), {"action": "rank"}, follow=True)
        assert "Reçue → Classée" in content(response)
        application.refresh_from_db()
        assert application.state == State.RECEIVED

    def test_an_unknown_action_changes_nothing(self, client, member, application):
        client.force_login(member)
        response = client.post(application_url(application), {"action": "delete"}, follow=True)
        assert "Action inconnue." in content(response)

    def test_the_page_offers_only_possible_actions(self, client, member, session):
        (first,) = ranked(session, "Alix")
        client.force_login(member)
        page = content(client.get(application_url(first)))
        assert 'value="assess"' in page and 'value="refuse"' in page and 'value="invite"' not in page
        offers_publish(session=session, acting_user=member)
        page = content(client.get(application_url(first)))
        assert 'value="assess"' not in page and 'value="refuse"' not in page
        assert "Position dans l’ordre d’appel" in page and "En attente de réponse" in page


class TestRanking:
    def test_lists_the_ranked_in_rank_order(self, client, member, session):
        first, second = ranked(session, "Alix", "Sacha")
        applicant(session, "Noé", "Reçu")
        client.force_login(member)
        page = content(client.get(session_url("selection_ranking", session)))
        assert page.index(f'id="ranked-{first.pk}"') < page.index(f'id="ranked-{second.pk}"')
        assert "Noé Reçu" not in page

    def test_move_up(self, client, member, session):
        first, second, third = ranked(session, "Alix", "Sacha", "Noé")
        client.force_login(member)
        response = client.post(session_url("selection_ranking", session), {"move": f"{third.pk}:up"})
        assert response.status_code == 302
        assert list(session.applications.order_by("rank").values_list("pk", flat=True)) == [
            first.pk,
            third.pk,
            second.pk,
        ]

    def test_typed_places(self, client, member, session):
        first, second, third = ranked(session, "Alix", "Sacha", "Noé")
        client.force_login(member)
        data = {"save": "1", f"place_{first.pk}": "1", f"place_{second.pk}": "2", f"place_{third.pk}": "1"}
        client.post(session_url("selection_ranking", session), data)
        assert list(session.applications.order_by("rank").values_list("pk", flat=True)) == [
            third.pk,
            first.pk,
            second.pk,
        ]

    @pytest.mark.parametrize("place", ["0", "", "premier"])
    def test_bad_places_change_nothing(self, client, member, session, place):
        first, second = ranked(session, "Alix", "Sacha")
        client.force_login(member)
        response = client.post(
            session_url("selection_ranking", session),
            {"save": "1", f"place_{first.pk}": "2", f"place_{second.pk}": place},
        )
        assert response.status_code == 200 and "Le classement n’est pas enregistré" in content(response)
        assert list(session.applications.order_by("rank").values_list("pk", flat=True)) == [
            first.pk,
            second.pk,
        ]

    def test_a_move_of_an_application_not_ranked_here_changes_nothing(self, client, member, session):
        first, second = ranked(session, "Alix", "Sacha")
        (elsewhere,) = ranked(SessionFactory(course=session.course), "Léa")
        client.force_login(member)
        response = client.post(
            session_url("selection_ranking", session), {"move": f"{elsewhere.pk}:up"}, follow=True
        )
        assert "Ce déplacement n’est pas possible" in content(response)
        assert list(session.applications.order_by("rank").values_list("pk", flat=True)) == [
            first.pk,
            second.pk,
        ]

    def test_rank_by_score(self, client, member, session):
        low, unscored, high = ranked(session, "Alix", "Sacha", "Noé")
        Application.objects.filter(pk=low.pk).update(score=Decimal("9"))
        Application.objects.filter(pk=high.pk).update(score=Decimal("17.5"))
        client.force_login(member)
        response = client.post(session_url("selection_rank_by_score", session), follow=True)
        assert "Les candidats sont classés par note" in content(response)
        assert list(session.applications.order_by("rank").values_list("pk", flat=True)) == [
            high.pk,
            low.pk,
            unscored.pk,
        ]

    @pytest.mark.parametrize("freeze", [offers_publish, call_order_freeze])
    def test_frozen_with_the_call_order(self, client, member, session, freeze):
        first, second = ranked(session, "Alix", "Sacha")
        freeze(session=session, acting_user=member)
        client.force_login(member)
        page = content(client.get(session_url("selection_ranking", session)))
        assert "Le classement est figé" in page and 'name="move"' not in page
        response = client.post(
            session_url("selection_ranking", session), {"move": f"{second.pk}:up"}, follow=True
        )
        assert error_shown(content(response))
        response = client.post(session_url("selection_rank_by_score", session), follow=True)
        assert error_shown(content(response))
        assert list(session.applications.order_by("rank").values_list("pk", flat=True)) == [
            first.pk,
            second.pk,
        ]


def rates_data(**changes) -> dict:
    data = {"response_days": "7"}
    for precedence, public in enumerate(Public.values, start=1):
        data[f"rate_{public}"] = "0"
        data[f"precedence_{public}"] = str(precedence)
    data.update(changes)
    return data


class TestRates:
    def test_defaults_come_from_the_label_commitments(self, client):
        dossier = LabelApplicationFactory(complete=True)  # 60 % bac or below, 40 % women…
        LabelFactory(course=dossier.course, application=dossier)
        session = SessionFactory(course=dossier.course)
        member = MembershipFactory(role=Role.ORGANISATION, organisation=dossier.course.organisation).user
        client.force_login(member)

        page = content(client.get(session_url("selection_rates", session)))

        assert "voici les engagements du dossier de labellisation" in page
        assert (
            input_value(page, "rate_women") == "40" and input_value(page, "rate_bac_level_or_below") == "60"
        )
        assert input_value(page, "rate_scholarship_holders") == "0"
        assert "Engagement du label : 40 %" in page
        assert input_value(page, "response_days") == "5"

    def test_without_label_dossier_everything_starts_at_zero(self, client, member, session):
        client.force_login(member)
        page = content(client.get(session_url("selection_rates", session)))
        assert "ne donne aucun engagement de départ" in page
        assert input_value(page, "rate_women") == "0"

    def test_save_rates_precedence_and_days(self, client, member, session):
        client.force_login(member)
        data = rates_data(rate_women="40", precedence_women="1", rate_qpv_zrr="20", precedence_qpv_zrr="2")
        response = client.post(session_url("selection_rates", session), data)
        assert response.status_code == 302
        assert list(session.minimum_rates.values_list("public", "rate", "precedence")) == [
            ("women", 40, 1),
            ("qpv_zrr", 20, 2),
        ]
        assert Selection.objects.get(session=session).response_days == 7
        page = content(client.get(session_url("selection_rates", session)))
        assert (
            "Voici les taux enregistrés pour cette session." in page
            and input_value(page, "rate_women") == "40"
        )

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"rate_women": "150"}, "Un taux minimum est un pourcentage entre 0 et 100."),
            ({"rate_women": "-5"}, "Un taux minimum est un pourcentage entre 0 et 100."),
            ({"rate_women": "beaucoup"}, "Un taux minimum est un pourcentage entre 0 et 100."),
            (
                {
                    "rate_women": "40",
                    "rate_qpv_zrr": "20",
                    "precedence_women": "2",
                    "precedence_qpv_zrr": "2",
                },
                "Un autre public a déjà la priorité 2",
            ),
            ({"rate_women": "40", "precedence_women": ""}, "Donnez une place à ce public"),
            ({"rate_women": "40", "precedence_women": "9"}, "La priorité est un nombre de 1 à 6."),
            ({"response_days": "0"}, "Indiquez un nombre entier de jours, de 1 à 30."),
            ({"response_days": "45"}, "Indiquez un nombre entier de jours, de 1 à 30."),
        ],
    )
    def test_bad_rates_change_nothing(self, client, member, session, changes, message):
        client.force_login(member)
        response = client.post(session_url("selection_rates", session), rates_data(**changes))
        assert response.status_code == 200
        assert "Les règles ne sont pas enregistrées" in content(response) and message in content(response)
        assert not MinimumRate.objects.exists() and not Selection.objects.exists()

    def test_preview_shows_the_call_order_and_who_moves_up(self, client, member, session):
        men = ranked(session, "Alix", "Sacha", "Noé")
        (woman,) = ranked(session, "Inès", candidate__gender="woman")
        client.force_login(member)

        response = client.post(
            session_url("selection_rates", session),
            rates_data(rate_women="50", precedence_women="1", preview="1"),
            HTTP_HX_REQUEST="true",
        )

        page = content(response)
        assert page.lstrip().startswith('<section id="call-order"')
        order = [page.index(f'id="called-{application.pk}"') for application in [woman, *men]]
        assert order == sorted(order)
        woman_row = page[order[0] :].split("</tr>")[0]
        assert "Remonte de 3 places" in woman_row and "Femmes" in woman_row
        assert "Remonte" not in page[order[1] :].split("</tr>")[0]
        assert "liste d’attente" in page[order[2] :].split("</tr>")[0]  # two places
        assert not MinimumRate.objects.exists()

    def test_preview_of_bad_rates_asks_to_correct_them(self, client, member, session):
        ranked(session, "Alix")
        client.force_login(member)
        response = client.post(
            session_url("selection_rates", session),
            rates_data(rate_women="150", preview="1"),
            HTTP_HX_REQUEST="true",
        )
        assert "Corrigez les taux" in content(response)

    def test_the_page_previews_the_saved_rates(self, client, member, session):
        (man,) = ranked(session, "Alix")
        (woman,) = ranked(session, "Inès", candidate__gender="woman")
        MinimumRate.objects.create(session=session, public=Public.WOMEN, rate=50, precedence=1)
        client.force_login(member)
        page = content(client.get(session_url("selection_rates", session)))
        assert page.index(f'id="called-{woman.pk}"') < page.index(f'id="called-{man.pk}"')

    def test_frozen_once_offers_are_published(self, client, member, session):
        ranked(session, "Alix")
        offers_publish(session=session, acting_user=member)
        client.force_login(member)
        page = content(client.get(session_url("selection_rates", session)))
        assert "Les taux sont figés" in page and '<fieldset class="fr-fieldset" disabled' in page
        response = client.post(session_url("selection_rates", session), rates_data(rate_women="40"))
        assert error_shown(content(response))
        assert not MinimumRate.objects.exists()


class TestPublish:
    def test_the_confirmation_says_who_gets_an_offer(self, client, member, session):
        first, second, third = ranked(session, "Alix", "Sacha", "Noé")
        client.force_login(member)
        page = content(client.get(session_url("selection_publish", session)))
        assert "2 candidats reçoivent maintenant une proposition par courriel." in page
        assert "Ils ont 5 jours pour répondre" in page
        listed = page.split("Ils reçoivent une proposition")[1].split("</ol>")[0]
        assert "Alix Classé" in listed and "Sacha Classé" in listed and "Noé Classé" not in listed
        assert not Offer.objects.exists()

    def test_publish_sends_offers_in_call_order_up_to_the_places(self, client, member, session):
        first, second, third = ranked(session, "Alix", "Sacha", "Noé")
        client.force_login(member)
        response = client.post(session_url("selection_publish", session))
        assert response.status_code == 302 and response.url == session_url("selection_offers", session)
        assert {offer.application for offer in Offer.objects.all()} == {first, second}
        assert OutboxMessage.objects.filter(kind="admissions.offer_made").count() == 2
        assert "Les propositions sont publiées : 2 candidats en ont reçu une par courriel." in content(
            client.get(response.url)
        )

    def test_publishing_twice_sends_nothing_more(self, client, member, session):
        ranked(session, "Alix", "Sacha", "Noé")
        client.force_login(member)
        client.post(session_url("selection_publish", session))
        response = client.post(session_url("selection_publish", session), follow=True)
        assert "déjà publiées" in content(response)
        assert Offer.objects.count() == 2

    def test_nobody_ranked(self, client, member, session, application):
        client.force_login(member)
        assert "Personne n’est encore classé" in content(
            client.get(session_url("selection_publish", session))
        )
        response = client.post(session_url("selection_publish", session), follow=True)
        assert error_shown(content(response))
        assert not Offer.objects.exists()

    def test_a_session_of_a_national_campaign_waits_for_the_round(self, client, member, session):
        ranked(session, "Alix")
        campaign = Campaign.objects.create(
            name="Campagne nationale 2027", slug="campagne-2027", wishes_close_on=timezone.localdate()
        )
        CampaignSession.objects.create(campaign=campaign, session=session)
        client.force_login(member)
        page = content(client.get(session_url("selection_publish", session)))
        assert "Campagne nationale 2027" in page and "Publier les propositions et envoyer" not in page
        response = client.post(session_url("selection_publish", session), follow=True)
        assert error_shown(content(response))
        assert not Offer.objects.exists()


class TestOffers:
    def test_before_publishing(self, client, member, session):
        client.force_login(member)
        page = content(client.get(session_url("selection_offers", session)))
        assert "Les propositions ne sont pas encore publiées" in page
        assert session_url("selection_publish", session) in page

    def test_offers_places_waiting_list_and_declines(self, client, member, session):
        first, second, third, fourth = ranked(session, "Alix", "Sacha", "Noé", "Léa")
        offers_publish(session=session, acting_user=member)
        offer_decline(offer=first.offer, acting_user=first.candidate.user)
        client.force_login(member)

        page = content(client.get(session_url("selection_offers", session)))

        sent = page.split('id="offers-title"')[1].split("</table>")[0]
        for application in (first, second, third):
            assert f"{application.candidate}" in sent
        assert "Refusée" in sent and sent.count("En attente de réponse") == 2
        waiting = page.split('id="waiting-title"')[1].split("</table>")[0]
        assert "Léa Classé" in waiting and "<td>4</td>" in waiting
        lost = page.split('id="lost-title"')[1]
        assert "Alix Classé, refusée" in lost
        deadline = timezone.localtime(second.offer.deadline)
        assert f"{deadline:%d/%m/%Y}" in sent
