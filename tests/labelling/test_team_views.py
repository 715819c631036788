"""The national team's pages (calls, ranking, committee) and the reviewers' (assignments, scoring)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role
from gen.catalogue.models import Course
from gen.labelling.models import (
    CommitteeDecision,
    Label,
    LabelApplication,
    LabellingCall,
    ReviewAssignment,
    Score,
)
from gen.labelling.services.applications import application_submit
from gen.labelling.services.calls import DEFAULT_CRITERIA
from gen.labelling.services.reviews import review_assign, review_save
from tests.dates import french_date
from tests.factories import (
    LabelApplicationFactory,
    LabellingCallFactory,
    MembershipFactory,
    UserFactory,
)
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
IN_THREE_DAYS = "in three days"  # replaced by the date when the test runs


@pytest.fixture
def team():
    return MembershipFactory(role=Role.NATIONAL_TEAM).user


@pytest.fixture
def reviewer():
    return MembershipFactory(role=Role.REVIEWER, user__first_name="Alix", user__last_name="Durand").user


@pytest.fixture
def other_reviewer():
    return MembershipFactory(role=Role.REVIEWER, user__first_name="Sacha", user__last_name="Petit").user


def submitted(**kwargs) -> LabelApplication:
    return application_submit(LabelApplicationFactory(complete=True, **kwargs), acting_user=None)


def under_review(reviewer, team, **kwargs) -> LabelApplication:
    application = submitted(**kwargs)
    review_assign(application, reviewer=reviewer, acting_user=team)
    application.refresh_from_db()
    return application


def score_every_criterion(assignment: ReviewAssignment, value: int, *, submit: bool = True) -> None:
    comment = "" if value >= 3 else "Engagements trop vagues."
    criteria = assignment.application.call.criteria.all()
    review_save(
        assignment,
        scores={criterion.pk: (value, comment) for criterion in criteria},
        submit=submit,
        acting_user=assignment.reviewer,
    )


def content(response) -> str:
    return response.content.decode()


@pytest.fixture
def dossier(team, reviewer) -> LabelApplication:
    return under_review(reviewer, team, course__title="Développeur web à Lens")


@pytest.fixture
def assignment(dossier) -> ReviewAssignment:
    return dossier.review_assignments.get()


@pytest.fixture
def team_pages(dossier) -> list[str]:
    return [
        reverse("labelling:team_calls"),
        reverse("labelling:call_new"),
        reverse("labelling:team_call", kwargs={"slug": dossier.call.slug}),
        reverse("labelling:decision", kwargs={"pk": dossier.pk}),
    ]


@pytest.fixture
def team_actions(dossier, assignment) -> list[str]:
    slug = dossier.call.slug
    return [
        reverse("labelling:call_publish", kwargs={"slug": slug}),
        reverse("labelling:call_close", kwargs={"slug": slug}),
        reverse("labelling:call_mark_decided", kwargs={"slug": slug}),
        reverse("labelling:team_assign", kwargs={"pk": dossier.pk}),
        reverse("labelling:team_unassign", kwargs={"pk": dossier.pk, "assignment_pk": assignment.pk}),
    ]


@pytest.fixture
def reviewer_pages(assignment) -> list[str]:
    return [reverse("labelling:assignments"), reverse("labelling:review", kwargs={"pk": assignment.pk})]


OTHER_THAN_TEAM = [Role.REVIEWER, Role.ORGANISATION, Role.PRESCRIBER, Role.FUNDER, Role.CANDIDATE]
OTHER_THAN_REVIEWER = [Role.NATIONAL_TEAM, Role.ORGANISATION, Role.PRESCRIBER, Role.FUNDER, Role.CANDIDATE]


class TestAccess:
    def test_anonymous_goes_to_login_everywhere(self, client, team_pages, team_actions, reviewer_pages):
        for url in [*team_pages, *reviewer_pages]:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.url == f"{LOGIN_URL}?next={url}"
        for url in team_actions:
            response = client.post(url)
            assert response.status_code == 302, url
            assert response.url.startswith(f"{LOGIN_URL}?next=")
        assert ReviewAssignment.objects.count() == 1

    @pytest.mark.parametrize("role", OTHER_THAN_TEAM)
    def test_only_the_national_team_opens_its_pages(self, client, role, team_pages, team_actions):
        client.force_login(MembershipFactory(role=role).user)
        for url in team_pages:
            assert client.get(url).status_code == 403, url
        for url in team_actions:
            assert client.post(url).status_code == 403, url

    def test_a_user_without_role_is_refused(self, client, team_pages, reviewer_pages):
        client.force_login(UserFactory())
        for url in [*team_pages, *reviewer_pages]:
            assert client.get(url).status_code == 403, url

    def test_the_national_team_opens_its_pages(self, client, team, team_pages):
        client.force_login(team)
        for url in team_pages:
            assert client.get(url).status_code == 200, url

    def test_changes_are_posts_only(self, client, team, team_actions):
        client.force_login(team)
        for url in team_actions:
            assert client.get(url).status_code == 405, url

    @pytest.mark.parametrize("role", OTHER_THAN_REVIEWER)
    def test_only_reviewers_open_reviewer_pages(self, client, role, reviewer_pages):
        client.force_login(MembershipFactory(role=role).user)
        for url in reviewer_pages:
            assert client.get(url).status_code == 403, url

    def test_the_reviewer_opens_their_pages(self, client, reviewer, reviewer_pages):
        client.force_login(reviewer)
        for url in reviewer_pages:
            assert client.get(url).status_code == 200, url

    def test_a_reviewer_never_sees_another_reviewers_assignment(self, client, assignment, other_reviewer):
        client.force_login(other_reviewer)
        url = reverse("labelling:review", kwargs={"pk": assignment.pk})
        assert client.get(url).status_code == 404
        criterion = assignment.application.call.criteria.first()
        response = client.post(url, {f"score_{criterion.pk}": "5", "action": "submit"})
        assert response.status_code == 404
        assert not Score.objects.exists()
        listing = content(client.get(reverse("labelling:assignments")))
        assert "Développeur web à Lens" not in listing
        assert "Aucun dossier à instruire pour l’instant" in listing


class TestCalls:
    def test_lists_every_call_with_its_state_deadline_and_dossiers_per_state(self, client, team, reviewer):
        call = LabellingCallFactory(title="Appel national 2027")
        LabelApplicationFactory(call=call)
        submitted(call=call)
        submitted(call=call)
        under_review(reviewer, team, call=call)
        LabellingCallFactory(
            title="Appel Hauts-de-France", state=LabellingCall.State.DRAFT, region_codes=["32"]
        )
        client.force_login(team)

        page = content(client.get(reverse("labelling:team_calls")))

        assert '<h1 class="fr-mb-0">Appels à labellisation</h1>' in page
        assert "Appel national 2027" in page
        assert "1 en brouillon · 2 déposés · 1 en instruction · 0 décidés" in page
        deadline = timezone.localtime(call.deadline)
        assert f"au {french_date(deadline)} à {deadline:%H:%M}" in page  # "au 6 avril 2027 à 14:05"
        assert "Appel Hauts-de-France" in page and "Hauts-de-France</dd>" in page
        assert "Brouillon" in page and "Publier l’appel" in page
        assert "Publié" in page and "Clore l’appel" in page
        assert reverse("labelling:call_new") in page

    @pytest.mark.parametrize("calls", [1, 4])
    def test_query_count_does_not_grow_with_calls(self, client, team, calls):
        for number in range(calls):
            submitted(call=LabellingCallFactory(title=f"Appel {number}", region_codes=["32", "11"]))
        client.force_login(team)
        client.get(reverse("labelling:team_calls"))  # the session and the roles, once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("labelling:team_calls")).status_code == 200
        # Session, user, roles, the calls with their counts, their regions.
        assert len(queries) == 5


def call_data(**changes) -> dict:
    data = {
        "title": "Appel à labellisation 2028",
        "text": "Appel national pour les formations aux métiers du numérique.",
        "opens_at": "2028-01-15T09:00",
        "deadline": "2028-03-31T23:59",
        "regions": ["32", "11"],
        "max_seed_grant_percent": "75",
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "2",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "20",
        "criteria-0-title": "Publics prioritaires",
        "criteria-0-description": "Part de personnes de niveau bac ou infra.",
        "criteria-0-weight": "4",
        "criteria-1-title": "Budget",
        "criteria-1-description": "",
        "criteria-1-weight": "1",
        "criteria-1-DELETE": "on",
        "criteria-2-title": "Sorties en emploi",
        "criteria-2-description": "",
        "criteria-2-weight": "2",
    }
    data.update(changes)
    return data


class TestCallNew:
    def test_form_comes_with_the_default_criteria_and_80_percent(self, client, team):
        client.force_login(team)
        page = content(client.get(reverse("labelling:call_new")))
        assert "<h1>Nouvel appel à labellisation</h1>" in page
        assert 'name="max_seed_grant_percent" value="80"' in page
        for position, (title, _description, weight) in enumerate(DEFAULT_CRITERIA):
            assert title.replace("'", "&#x27;") in page
            assert f'name="criteria-{position}-weight" value="{weight}"' in page
        assert "Hauts-de-France" in page

    def test_creates_a_draft_call_with_its_regions_rate_and_edited_criteria(self, client, team):
        client.force_login(team)
        response = client.post(reverse("labelling:call_new"), call_data())

        call = LabellingCall.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("labelling:team_call", kwargs={"slug": call.slug})
        assert call.state == LabellingCall.State.DRAFT
        assert call.max_seed_grant_rate == Decimal("0.75")
        assert sorted(call.regions.values_list("code", flat=True)) == ["11", "32"]
        assert timezone.localtime(call.deadline).strftime("%Y-%m-%d %H:%M") == "2028-03-31 23:59"
        assert list(call.criteria.values_list("position", "title", "weight")) == [
            (1, "Publics prioritaires", 4),
            (2, "Sorties en emploi", 2),
        ]
        page = content(client.get(response.url))
        assert "L’appel est créé comme brouillon" in page

    def test_empty_regions_make_a_national_call(self, client, team):
        client.force_login(team)
        data = call_data()
        del data["regions"]
        client.post(reverse("labelling:call_new"), data)
        assert not LabellingCall.objects.get().regions.exists()

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"deadline": "2028-01-01T09:00"}, "La date limite doit suivre l’ouverture."),
            (
                {"max_seed_grant_percent": "120"},
                "Assurez-vous que cette valeur est inférieure ou égale à 100.",
            ),
            ({"opens_at": "demain"}, "Saisissez une date et une heure valides."),
            ({"title": ""}, "Ce champ est obligatoire."),
            ({"criteria-0-weight": "0"}, "Assurez-vous que cette valeur est supérieure ou égale à 1."),
            (
                {"criteria-0-DELETE": "on", "criteria-2-title": "", "criteria-2-weight": "1"},
                "Un appel doit compter au moins un critère.",
            ),
        ],
    )
    def test_bad_input_is_refused_in_french(self, client, team, changes, message):
        client.force_login(team)
        response = client.post(reverse("labelling:call_new"), call_data(**changes))
        assert response.status_code == 200
        assert "L’appel n’est pas créé" in content(response)
        assert message in content(response)
        assert not LabellingCall.objects.exists()


class TestCallStates:
    def test_publish_a_draft(self, client, team):
        call = LabellingCallFactory(state=LabellingCall.State.DRAFT)
        client.force_login(team)
        response = client.post(reverse("labelling:call_publish", kwargs={"slug": call.slug}), follow=True)
        call.refresh_from_db()
        assert call.state == LabellingCall.State.PUBLISHED
        assert response.redirect_chain[-1][0] == reverse("labelling:team_calls")
        assert "L’appel est publié : les organismes peuvent désormais candidater." in content(response)

    def test_closing_before_the_deadline_is_refused_in_french(self, client, team):
        call = LabellingCallFactory()
        client.force_login(team)
        response = client.post(
            reverse("labelling:call_close", kwargs={"slug": call.slug}), {"next": "call"}, follow=True
        )
        call.refresh_from_db()
        assert call.state == LabellingCall.State.PUBLISHED
        assert response.redirect_chain[-1][0] == reverse("labelling:team_call", kwargs={"slug": call.slug})
        assert "Un appel ne peut être clos qu’après sa date limite." in content(response)

    def test_close_after_the_deadline(self, client, team):
        now = timezone.now()
        call = LabellingCallFactory(
            opens_at=now - datetime.timedelta(days=40), deadline=now - datetime.timedelta(days=1)
        )
        client.force_login(team)
        response = client.post(reverse("labelling:call_close", kwargs={"slug": call.slug}), follow=True)
        call.refresh_from_db()
        assert call.state == LabellingCall.State.CLOSED
        assert "L’appel est clos" in content(response)

    def test_marking_decided_waits_for_every_decision(self, client, team, reviewer):
        call = LabellingCallFactory()
        under_review(reviewer, team, call=call)
        LabellingCall.objects.filter(pk=call.pk).update(state=LabellingCall.State.CLOSED)
        client.force_login(team)
        response = client.post(
            reverse("labelling:call_mark_decided", kwargs={"slug": call.slug}), follow=True
        )
        call.refresh_from_db()
        assert call.state == LabellingCall.State.CLOSED
        assert "1 dossiers attendent encore une décision." in content(response)

    def test_unknown_call_is_404(self, client, team):
        client.force_login(team)
        assert client.post(reverse("labelling:call_publish", kwargs={"slug": "nope"})).status_code == 404
        assert client.get(reverse("labelling:team_call", kwargs={"slug": "nope"})).status_code == 404


class TestCallRanking:
    def test_dossiers_are_ranked_by_weighted_score_with_their_reviews(
        self, client, team, reviewer, other_reviewer
    ):
        call = LabellingCallFactory()
        weak = under_review(reviewer, team, call=call, course__title="Formation moyenne")
        best = under_review(reviewer, team, call=call, course__title="Formation excellente")
        good = under_review(reviewer, team, call=call, course__title="Formation solide")
        unscored = submitted(call=call, course__title="Formation sans instruction")
        score_every_criterion(weak.review_assignments.get(), 2)
        score_every_criterion(best.review_assignments.get(), 5)
        score_every_criterion(good.review_assignments.get(), 4)
        review_assign(best, reviewer=other_reviewer, acting_user=team)
        client.force_login(team)

        page = content(client.get(reverse("labelling:team_call", kwargs={"slug": call.slug})))

        positions = [
            page.index(title)
            for title in (
                "Formation excellente",
                "Formation solide",
                "Formation moyenne",
                "Formation sans instruction",
            )
        ]
        assert positions == sorted(positions)
        assert "5,00 sur 5" in page and "4,00 sur 5" in page and "2,00 sur 5" in page
        assert "1 sur 2, 1 manquante" in page
        assert "0 sur 0, 0 manquante" in page
        assert "1 instruction manquante" in page
        assert "Aucune instruction rendue pour l’instant" in page
        assert reverse("labelling:application", kwargs={"pk": best.pk}) in page
        assert reverse("labelling:decision", kwargs={"pk": best.pk}) in page
        # The pending review can be withdrawn, the submitted one cannot.
        pending = best.review_assignments.get(reviewer=other_reviewer)
        done = best.review_assignments.get(reviewer=reviewer)
        unassign = "labelling:team_unassign"
        assert reverse(unassign, kwargs={"pk": best.pk, "assignment_pk": pending.pk}) in page
        assert reverse(unassign, kwargs={"pk": best.pk, "assignment_pk": done.pk}) not in page
        assert unscored.pk

    @pytest.mark.parametrize("dossiers", [1, 4])
    def test_query_count_does_not_grow_with_dossiers(self, client, team, reviewer, dossiers):
        call = LabellingCallFactory()
        for _ in range(dossiers):
            score_every_criterion(under_review(reviewer, team, call=call).review_assignments.get(), 4)
        client.force_login(team)
        url = reverse("labelling:team_call", kwargs={"slug": call.slug})
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # Session, user, roles, call, its regions, dossiers, reviews, scores, reviewers, decisions.
        assert len(queries) == 10


class TestAssignReviewer:
    def url(self, application):
        return reverse("labelling:team_assign", kwargs={"pk": application.pk})

    def test_assigning_puts_the_dossier_under_review(self, client, team, reviewer):
        application = submitted()
        client.force_login(team)
        page = content(client.get(reverse("labelling:team_call", kwargs={"slug": application.call.slug})))
        assert f'<option value="{reviewer.pk}">Alix Durand ({reviewer.email})</option>' in page
        assert team.email not in page  # only reviewers are offered

        response = client.post(self.url(application), {f"assign-{application.pk}-reviewer": reviewer.pk})

        assert response.status_code == 302
        assert response.url.endswith(f"#dossier-{application.pk}")
        application.refresh_from_db()
        assert application.state == LabelApplication.State.UNDER_REVIEW
        assert application.review_assignments.get().reviewer == reviewer
        assert "Alix Durand instruit désormais le dossier" in content(client.get(response.url))

    def test_conflict_of_interest_is_refused_with_the_services_message(self, client, team, reviewer):
        application = submitted()
        MembershipFactory(user=reviewer, role=Role.ORGANISATION, organisation=application.course.organisation)
        client.force_login(team)

        response = client.post(self.url(application), {f"assign-{application.pk}-reviewer": reviewer.pk})

        assert response.status_code == 200
        assert "Cet instructeur appartient à l’organisme du dossier et ne peut pas l’instruire." in content(
            response
        )
        assert not ReviewAssignment.objects.exists()

    @pytest.mark.parametrize("value", ["", "abc", "999999"])
    def test_bad_choice_is_refused(self, client, team, reviewer, value):
        application = submitted()
        client.force_login(team)
        response = client.post(self.url(application), {f"assign-{application.pk}-reviewer": value})
        assert response.status_code == 200
        assert "Ce champ est obligatoire." in content(response) or "Sélectionnez un choix valide" in content(
            response
        )
        assert not ReviewAssignment.objects.exists()

    def test_a_national_team_member_who_is_not_a_reviewer_cannot_be_assigned(self, client, team, reviewer):
        application = submitted()
        client.force_login(team)
        response = client.post(self.url(application), {f"assign-{application.pk}-reviewer": team.pk})
        assert "Sélectionnez un choix valide" in content(response)
        assert not ReviewAssignment.objects.exists()

    def test_withdraw_a_review_not_yet_submitted(self, client, team, dossier, assignment):
        client.force_login(team)
        url = reverse("labelling:team_unassign", kwargs={"pk": dossier.pk, "assignment_pk": assignment.pk})
        response = client.post(url, follow=True)
        assert not ReviewAssignment.objects.exists()
        assert "Alix Durand n’instruit plus le dossier « Développeur web à Lens »." in content(response)

    def test_a_submitted_review_cannot_be_withdrawn(self, client, team, dossier, assignment):
        score_every_criterion(assignment, 4)
        client.force_login(team)
        url = reverse("labelling:team_unassign", kwargs={"pk": dossier.pk, "assignment_pk": assignment.pk})
        response = client.post(url, follow=True)
        assert ReviewAssignment.objects.filter(pk=assignment.pk).exists()
        assert "Une instruction rendue ne peut pas être retirée." in content(response)

    def test_an_assignment_of_another_dossier_is_404(self, client, team, dossier, assignment, reviewer):
        other = under_review(reviewer, team)
        client.force_login(team)
        url = reverse("labelling:team_unassign", kwargs={"pk": other.pk, "assignment_pk": assignment.pk})
        assert client.post(url).status_code == 404
        assert ReviewAssignment.objects.filter(pk=assignment.pk).exists()


class TestDecision:
    def url(self, application):
        return reverse("labelling:decision", kwargs={"pk": application.pk})

    def test_shows_scores_by_reviewer_and_criterion_with_comments(self, client, team, dossier, assignment):
        criteria = list(dossier.call.criteria.all())
        scores = {criterion.pk: (4, "") for criterion in criteria}
        scores[criteria[0].pk] = (2, "Peu de femmes visées.")
        review_save(assignment, scores=scores, submit=True, acting_user=assignment.reviewer)
        client.force_login(team)

        page = content(client.get(self.url(dossier)))

        assert "<h1>Développeur web à Lens</h1>" in page
        assert "Notes par instructeur" in page
        assert "Alix Durand" in page
        assert "Peu de femmes visées." in page
        assert criteria[1].title.replace("'", "&#x27;") in page
        # (2 × 3 + 4 × 12) / 15
        assert "Score pondéré : 3,60 sur 5" in page
        assert "Décision du comité de labellisation" in page
        assert 'value="granted"' in page
        assert reverse("labelling:application", kwargs={"pk": dossier.pk}) in page

    def test_pending_reviews_show_no_scores(self, client, team, dossier, assignment):
        score_every_criterion(assignment, 1, submit=False)
        client.force_login(team)
        page = content(client.get(self.url(dossier)))
        assert "Instruction pas encore rendue." in page
        assert "Engagements trop vagues." not in page
        assert "Score pondéré : aucune instruction rendue pour l’instant" in page

    def test_granting_creates_the_label_lists_the_course_and_tells_the_organisation(
        self, client, team, dossier, assignment, today, django_capture_on_commit_callbacks
    ):
        score_every_criterion(assignment, 5)
        member = MembershipFactory(role=Role.ORGANISATION, organisation=dossier.course.organisation).user
        client.force_login(team)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                self.url(dossier),
                {
                    "outcome": "granted",
                    "reasons": "Partenariats solides avec les employeurs du bassin de Lens.",
                    "decided_on": today.isoformat(),
                },
            )

        assert response.status_code == 302
        assert response.url == self.url(dossier)
        decision = CommitteeDecision.objects.get()
        assert (decision.outcome, decision.decided_by, decision.decided_on) == ("granted", team, today)
        label = Label.objects.get(course=dossier.course)
        assert label.status == Label.Status.ACTIVE and label.application == dossier
        assert Course.objects.get(pk=dossier.course.pk).is_listed
        dossier.refresh_from_db()
        assert dossier.state == LabelApplication.State.DECIDED
        run_queued_tasks()
        assert len(mail.outbox) == 1
        assert member.email in mail.outbox[0].to
        assert "Développeur web à Lens" in mail.outbox[0].subject
        assert "Partenariats solides" in mail.outbox[0].body

        page = content(client.get(response.url))
        assert "Le label est accordé pour trois ans. L’organisme en est informé par courriel." in page
        assert f"Accordé par le comité du {french_date(today)}" in page
        assert "Partenariats solides avec les employeurs du bassin de Lens." in page
        assert "Le comité s’est prononcé sur ce dossier." in page
        assert 'name="outcome"' not in page

    def test_deferring_keeps_the_dossier_under_review_without_e_mail(
        self, client, team, dossier, today, django_capture_on_commit_callbacks
    ):
        client.force_login(team)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                self.url(dossier),
                {"outcome": "deferred", "reasons": "Budget à préciser.", "decided_on": today.isoformat()},
                follow=True,
            )
        dossier.refresh_from_db()
        assert dossier.state == LabelApplication.State.UNDER_REVIEW
        assert run_queued_tasks() == 0 and not mail.outbox
        assert not Label.objects.filter(course=dossier.course).exists()
        page = content(response)
        assert "Le dossier est ajourné" in page
        assert "Ajourné par le comité du" in page
        assert 'name="outcome"' in page  # a later committee decides

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"reasons": "   "}, "Indiquez les motifs de la décision."),
            ({"reasons": ""}, "Indiquez les motifs de la décision."),
            ({"outcome": "maybe"}, "Sélectionnez un choix valide. maybe n’en fait pas partie."),
            ({"outcome": ""}, "Ce champ est obligatoire."),
            ({"decided_on": "hier"}, "Saisissez une date valide."),
            ({"decided_on": IN_THREE_DAYS}, "La date du comité ne peut pas être dans le futur."),
        ],
    )
    def test_bad_input_is_refused_in_french(self, client, team, dossier, today, changes, message):
        client.force_login(team)
        data = {"outcome": "granted", "reasons": "Très bon dossier.", "decided_on": today.isoformat()}
        data.update(changes)
        if data["decided_on"] == IN_THREE_DAYS:
            data["decided_on"] = (today + datetime.timedelta(days=3)).isoformat()
        response = client.post(self.url(dossier), data)
        assert response.status_code == 200
        assert message in content(response)
        assert not CommitteeDecision.objects.exists()
        assert not Label.objects.filter(course=dossier.course).exists()

    def test_a_dossier_not_under_review_cannot_be_decided(self, client, team, today):
        application = submitted()
        client.force_login(team)
        page = content(client.get(self.url(application)))
        assert "Confiez d’abord le dossier à au moins un instructeur" in page
        assert 'name="outcome"' not in page

        response = client.post(
            self.url(application),
            {"outcome": "granted", "reasons": "Très bon dossier.", "decided_on": today.isoformat()},
        )
        assert response.status_code == 200
        assert "Seuls les dossiers en instruction passent en comité." in content(response)
        assert not CommitteeDecision.objects.exists()

    def test_a_draft_dossier_cannot_be_decided_and_an_unknown_one_is_404(self, client, team):
        client.force_login(team)
        draft = LabelApplicationFactory()
        page = content(client.get(self.url(draft)))
        assert "Ce dossier est encore un brouillon" in page
        assert 'name="outcome"' not in page
        assert client.get(reverse("labelling:decision", kwargs={"pk": draft.pk + 1000})).status_code == 404


class TestAssignments:
    def test_lists_only_my_assignments_with_call_and_state(self, client, team, reviewer, other_reviewer):
        mine = under_review(reviewer, team, course__title="Formation à instruire")
        done = under_review(reviewer, team, course__title="Formation instruite")
        score_every_criterion(done.review_assignments.get(), 4)
        under_review(other_reviewer, team, course__title="Formation d’un collègue")
        client.force_login(reviewer)

        page = content(client.get(reverse("labelling:assignments")))

        assert "<h1>Mes instructions</h1>" in page
        assert "Formation à instruire" in page and "Formation instruite" in page
        assert "Formation d’un collègue" not in page
        assert "À faire" in page and "Rendue le" in page
        assert mine.call.title in page
        assert reverse("labelling:review", kwargs={"pk": mine.review_assignments.get().pk}) in page
        assert page.index("Formation à instruire") < page.index("Formation instruite")


class TestReview:
    def url(self, assignment):
        return reverse("labelling:review", kwargs={"pk": assignment.pk})

    def grid(self, assignment, value="4", comment="", **changes) -> dict:
        data = {"action": "submit"}
        for criterion in assignment.application.call.criteria.all():
            data[f"score_{criterion.pk}"] = value
            data[f"comment_{criterion.pk}"] = comment
        data.update(changes)
        return data

    def test_shows_the_dossier_read_only_and_the_grid(self, client, reviewer, assignment):
        client.force_login(reviewer)
        page = content(client.get(self.url(assignment)))
        assert "<h1>Développeur web à Lens</h1>" in page
        assert "France Travail Lens, Mission Locale de Lens-Liévin" in page
        assert "Six entreprises du numérique de l&#x27;agglomération" in page
        assert "Jeunes de moins de 26 ans : 50 %" in page
        assert "300\xa0000 €" in page
        assert "6\xa0250 €" in page  # cost per learner: 300 000 € for 48 learners
        assert "33 % du budget, 80 % au plus" in page
        assert "programme.pdf" in page and "budget.pdf" in page
        for criterion in assignment.application.call.criteria.all():
            assert f'name="score_{criterion.pk}"' in page
            assert f'name="comment_{criterion.pk}"' in page
        assert "Rendre l’instruction" in page and "Enregistrer le brouillon" in page

    def test_save_a_draft_then_submit(self, client, reviewer, assignment):
        client.force_login(reviewer)
        first = assignment.application.call.criteria.first()
        response = client.post(
            self.url(assignment),
            {f"score_{first.pk}": "2", f"comment_{first.pk}": "Peu de stages.", "action": "save"},
        )
        assert response.status_code == 302 and response.url == self.url(assignment)
        assignment.refresh_from_db()
        assert assignment.submitted_at is None
        assert list(assignment.scores.values_list("score", "comment")) == [(2, "Peu de stages.")]
        page = content(client.get(self.url(assignment)))
        assert "Vos notes sont enregistrées." in page
        assert re.search(rf'name="score_{first.pk}" value="2"[^>]* checked', page)
        assert "Peu de stages." in page

        response = client.post(self.url(assignment), self.grid(assignment, value="4"))

        assert response.status_code == 302 and response.url == reverse("labelling:assignments")
        assignment.refresh_from_db()
        assert assignment.submitted_at is not None
        assert assignment.scores.count() == len(DEFAULT_CRITERIA)
        assert "Votre instruction est rendue. Merci." in content(client.get(response.url))

    def test_a_submitted_review_is_read_only(self, client, reviewer, assignment):
        score_every_criterion(assignment, 4)
        client.force_login(reviewer)
        page = content(client.get(self.url(assignment)))
        assert "Vous avez rendu cette instruction le" in page
        assert "Rendre l’instruction" not in page
        assert "<td>4/5</td>" in page

        response = client.post(
            self.url(assignment), self.grid(assignment, value="1", comment="Non."), follow=True
        )

        assert "Cette instruction a été rendue et ne peut plus être modifiée." in content(response)
        assert set(assignment.scores.values_list("score", flat=True)) == {4}

    def test_submitting_needs_every_criterion(self, client, reviewer, assignment):
        client.force_login(reviewer)
        first = assignment.application.call.criteria.first()
        response = client.post(self.url(assignment), {f"score_{first.pk}": "4", "action": "submit"})
        assert response.status_code == 200
        assert "Notez chaque critère avant de rendre l’instruction." in content(response)
        assignment.refresh_from_db()
        assert assignment.submitted_at is None
        assert not assignment.scores.exists()

    @pytest.mark.parametrize(
        ("value", "comment", "message"),
        [
            ("7", "", "Une note va de 0 à 5."),
            ("-1", "", "Une note va de 0 à 5."),
            ("abc", "", "Une note va de 0 à 5."),
            ("2", "", "Justifiez toute note inférieure à 3 par un commentaire."),
            ("", "Bon dossier.", "Choisissez une note pour accompagner votre commentaire."),
        ],
    )
    def test_bad_scores_are_refused_next_to_the_criterion(
        self, client, reviewer, assignment, value, comment, message
    ):
        client.force_login(reviewer)
        criteria = list(assignment.application.call.criteria.all())
        bad = criteria[2]
        data = self.grid(assignment, **{f"score_{bad.pk}": value, f"comment_{bad.pk}": comment})

        response = client.post(self.url(assignment), data)

        assert response.status_code == 200
        page = content(response)
        assert "Votre instruction n’est pas enregistrée" in page
        assert message in page
        # The message sits in the block of that criterion.
        block = page[page.index(f'id="criterion-{bad.pk}"') : page.index(f'id="criterion-{criteria[3].pk}"')]
        assert message in block
        assert not assignment.scores.exists()
        assignment.refresh_from_db()
        assert assignment.submitted_at is None


class TestMySpaceLinks:
    def test_each_role_gets_the_link_to_its_labelling_pages(self, client):
        user = UserFactory()
        MembershipFactory(user=user, role=Role.ORGANISATION)
        MembershipFactory(user=user, role=Role.NATIONAL_TEAM)
        MembershipFactory(user=user, role=Role.REVIEWER)
        client.force_login(user)
        page = content(client.get(reverse("accounts:space")))
        assert f'href="{reverse("labelling:dossiers")}">Mes dossiers de labellisation</a>' in page
        assert f'href="{reverse("labelling:team_calls")}">Appels à labellisation</a>' in page
        assert f'href="{reverse("labelling:assignments")}">Mes instructions</a>' in page

    def test_no_labelling_link_without_the_role(self, client):
        client.force_login(MembershipFactory(role=Role.PRESCRIBER).user)
        page = content(client.get(reverse("accounts:space")))
        for name in ("labelling:dossiers", "labelling:team_calls", "labelling:assignments"):
            assert f'href="{reverse(name)}"' not in page
