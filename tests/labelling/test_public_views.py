"""Public labelling pages: the calls, the register of labels in force and its export, the label page
with the national team's actions."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role
from gen.catalogue.models import Job
from gen.labelling.models import CommitteeDecision, Label, LabellingCall
from gen.labelling.services.applications import application_submit
from gen.labelling.services.committee import decision_record
from gen.labelling.services.labels import label_suspend, label_withdraw
from gen.labelling.services.reviews import review_assign
from gen.territories.models import Commune
from tests.factories import (
    CourseFactory,
    LabelApplicationFactory,
    LabelFactory,
    LabellingCallFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

CALLS_URL = reverse("labelling:calls")
REGISTER_URL = reverse("labelling:register")
CSV_URL = reverse("labelling:register_csv")


@pytest.fixture
def team():
    return MembershipFactory(role=Role.NATIONAL_TEAM, user__first_name="Alix", user__last_name="Durand").user


@pytest.fixture
def reviewer():
    return MembershipFactory(role=Role.REVIEWER).user


def commune(insee_code: str) -> Commune:
    return Commune.objects.get(insee_code=insee_code)


def submitted(call):
    return application_submit(LabelApplicationFactory(call=call, complete=True), acting_user=None)


def decided(call, *, outcome, team, reviewer, title="Développeur web", town="62498"):
    application = application_submit(
        LabelApplicationFactory(call=call, complete=True, course__title=title, course__commune=commune(town)),
        acting_user=None,
    )
    review_assign(application, reviewer=reviewer, acting_user=team)
    decision_record(
        application,
        outcome=outcome,
        reasons="Partenariats solides avec les employeurs du bassin minier.",
        decided_on=timezone.localdate(),
        acting_user=team,
    )
    return application


# Calls


class TestCalls:
    def test_open_calls_come_first_with_their_countdown_then_past_ones(self, client, now):
        LabellingCallFactory(
            title="Appel 2025",
            deadline=now - datetime.timedelta(days=200),
            opens_at=now - datetime.timedelta(days=260),
            state=LabellingCall.State.DECIDED,
        )
        open_call = LabellingCallFactory(title="Appel Hauts-de-France 2027", region_codes=["32"])
        submitted(open_call)
        LabelApplicationFactory(call=open_call)  # a draft is not "received"
        LabellingCallFactory(title="Appel en préparation", state=LabellingCall.State.DRAFT)

        response = client.get(CALLS_URL)

        content = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Appels à labellisation</h1>" in content
        assert content.index("Appel Hauts-de-France 2027") < content.index("Appels passés")
        assert content.index("Appels passés") < content.index("Appel 2025")
        assert "30 jours restants" in content
        assert "Hauts-de-France" in content
        assert "1 dossier reçu" in content
        assert "Décidé" in content
        assert "Appel en préparation" not in content

    def test_the_list_reads_a_fixed_number_of_queries(self, client, django_assert_max_num_queries):
        for number in range(6):
            submitted(LabellingCallFactory(title=f"Appel {number}", region_codes=["32", "84"]))

        with django_assert_max_num_queries(4):
            response = client.get(CALLS_URL)
        assert len(response.context["current"]) == 6

    def test_no_open_call_says_so(self, client):
        response = client.get(CALLS_URL)
        assert "Aucun appel n’est ouvert en ce moment" in response.content.decode()

    def test_the_page_of_a_call_shows_its_text_dates_rate_and_criteria(self, client):
        call = LabellingCallFactory(
            title="Appel national 2027", text="Formations de six mois.\n\nDeuxième paragraphe."
        )

        response = client.get(call.get_absolute_url())

        content = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Appel national 2027</h1>" in content
        assert "<p>Formations de six mois.</p>" in content
        assert "Appel national" in content
        assert "80&nbsp;% du budget annuel de la formation" in content
        assert "Approche pédagogique" in content
        assert "Pédagogie active, projets" in content
        assert "Ouvert" in content and "30 jours restants" in content
        assert 'id="results-title"' not in content

    def test_a_draft_is_hidden_from_the_public_and_previewed_by_the_team(self, client, team):
        draft = LabellingCallFactory(title="Appel en préparation", state=LabellingCall.State.DRAFT)
        url = draft.get_absolute_url()

        assert client.get(url).status_code == 404
        client.force_login(MembershipFactory(role=Role.ORGANISATION).user)
        assert client.get(url).status_code == 404
        client.force_login(team)
        response = client.get(url)
        assert response.status_code == 200
        assert "seule l’équipe nationale voit cette page" in response.content.decode()

    def test_unknown_call_is_404(self, client):
        assert client.get(reverse("labelling:call", kwargs={"slug": "nulle-part"})).status_code == 404

    def test_a_decided_call_lists_its_granted_courses_and_counts(self, client, team, reviewer):
        call = LabellingCallFactory(title="Appel 2026")
        granted = decided(call, outcome=CommitteeDecision.Outcome.GRANTED, team=team, reviewer=reviewer)
        decided(
            call, outcome=CommitteeDecision.Outcome.REFUSED, team=team, reviewer=reviewer, title="Refusée"
        )
        LabellingCall.objects.filter(pk=call.pk).update(state=LabellingCall.State.DECIDED)

        response = client.get(call.get_absolute_url())

        content = response.content.decode()
        label = granted.labels.get()
        assert "1 dossier labellisé" in content
        assert "1 dossier refusé" in content
        assert f'<a href="{reverse("labelling:label", args=[label.pk])}">Développeur web</a>' in content
        assert "Refusée" not in content
        assert f"{REGISTER_URL}?appel={call.slug}" in content

    def test_pages_answer_only_get_and_head(self, client):
        call = LabellingCallFactory()
        assert client.post(CALLS_URL).status_code == 405
        assert client.post(call.get_absolute_url()).status_code == 405
        assert client.head(CALLS_URL).status_code == 200


# Register


@pytest.fixture
def register_labels(today):
    """Two labels in force in Hauts-de-France, one in Auvergne-Rhône-Alpes, and some not in force."""
    web = Job.objects.get(code="M1855")
    lens = CourseFactory(
        title="Développeur web Lens", commune=commune("62498"), jobs=[web], organisation__name="Pop School"
    )
    lille = CourseFactory(title="Technicien réseaux Lille", commune=commune("59350"))
    lyon = CourseFactory(
        title="Data analyste Lyon", commune=commune("69123"), organisation__name="Pixel Campus"
    )
    suspended = CourseFactory(title="Suspendue Roubaix", commune=commune("59512"))
    Label.objects.filter(course=suspended).update(status=Label.Status.SUSPENDED)
    LabelFactory(
        course=CourseFactory(title="Expirée Lens", commune=commune("62498"), labelled=False),
        valid_from=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=100),
    )
    return {"lens": lens, "lille": lille, "lyon": lyon}


class TestRegister:
    def test_anonymous_visitors_see_the_labels_in_force_and_counts_by_region(self, client, register_labels):
        response = client.get(REGISTER_URL)

        content = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Registre des labels en vigueur</h1>" in content
        assert "3 labels en vigueur" in content
        for course in register_labels.values():
            assert f'<a href="{course.get_absolute_url()}">{course.title}</a>' in content
        assert "Suspendue Roubaix" not in content
        assert "Expirée Lens" not in content
        counts = {row["name"]: row["labels"] for row in response.context["counts"]}
        assert counts == {"Auvergne-Rhône-Alpes": 1, "Hauts-de-France": 2}
        table = content[content.index('id="counts-by-region"') :]
        number = '<span class="gen-count__number">{}</span>'
        assert table.index("Auvergne-Rhône-Alpes") < table.index(number.format(1))
        assert table.index("Hauts-de-France") < table.index(number.format(2))
        assert table.index(number.format(1)) < table.index('style="width: 50%"')
        assert table.index(number.format(2)) < table.index('style="width: 100%"')

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"region": "32"}, {"Développeur web Lens", "Technicien réseaux Lille"}),
            ({"metier": "M1855"}, {"Développeur web Lens"}),
            ({"region": "84", "metier": "M1855"}, set()),
        ],
    )
    def test_filters(self, client, register_labels, query, expected):
        response = client.get(REGISTER_URL, query)

        shown = {label.course.title for label in response.context["page"]}
        assert shown == expected
        assert not response.context["form"].errors

    def test_filter_by_organisation_and_by_call(self, client, register_labels, team, reviewer):
        organisation = register_labels["lyon"].organisation
        assert {
            label.course.title
            for label in client.get(REGISTER_URL, {"organisme": organisation.slug}).context["page"]
        } == {"Data analyste Lyon"}

        call = LabellingCallFactory(title="Appel 2026")
        decided(
            call,
            outcome=CommitteeDecision.Outcome.GRANTED,
            team=team,
            reviewer=reviewer,
            title="Issue de l’appel",
        )
        response = client.get(REGISTER_URL, {"appel": call.slug})
        assert [label.course.title for label in response.context["page"]] == ["Issue de l’appel"]
        assert "Appel 2026" in response.content.decode()

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ({"region": "ZZ"}, "Choisissez une région dans la liste."),
            (
                {"region": "32' OR 1=1; DROP TABLE labelling_label; --"},
                "Choisissez une région dans la liste.",
            ),
            ({"metier": "x" * 5000}, "Choisissez un métier dans la liste."),
            ({"organisme": "../../etc/passwd"}, "Choisissez un organisme dans la liste."),
            ({"appel": "<script>alert(1)</script>"}, "Choisissez un appel dans la liste."),
        ],
    )
    def test_bad_filter_values_are_ignored_with_a_french_message(
        self, client, register_labels, query, message
    ):
        response = client.get(REGISTER_URL, {**query, "page": "abc"})

        content = response.content.decode()
        assert response.status_code == 200
        assert message in content
        assert "la liste n’en tient pas compte" in content
        assert "3 labels en vigueur" in content
        assert "x" * 100 not in content
        assert "<script>alert(1)</script>" not in content
        assert Label.objects.count() == 5

    def test_pages_of_25(self, client, django_assert_max_num_queries):
        lens = commune("62498")
        for number in range(30):
            CourseFactory(title=f"Formation {number:02d}", commune=lens)

        with django_assert_max_num_queries(8):
            first = client.get(REGISTER_URL)
        second = client.get(REGISTER_URL, {"page": "2"})
        far = client.get(REGISTER_URL, {"page": "999"})

        assert len(first.context["page"]) == 25
        assert len(second.context["page"]) == 5
        assert far.context["page"].number == 2
        assert "30 labels en vigueur" in second.content.decode()

    def test_empty_register_says_so(self, client):
        response = client.get(REGISTER_URL, {"region": "84"})
        assert "Aucun label en vigueur ne correspond à ces filtres" in response.content.decode()

    def test_the_header_links_to_the_register(self, client):
        response = client.get(REGISTER_URL)
        assert (
            f'<a class="fr-nav__link" href="{REGISTER_URL}" aria-current="page">Labels</a>'
            in response.content.decode()
        )


class TestRegisterCsv:
    def read(self, response) -> list[list[str]]:
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))

    def test_the_export_has_french_headers_and_the_filtered_rows(self, client, register_labels, today):
        response = client.get(CSV_URL, {"region": "32"})

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="registre-labels-gen-{today:%Y-%m-%d}.csv"'
        )
        header, *rows = self.read(response)
        assert header == [
            "Formation",
            "Organisme",
            "SIRET",
            "Commune",
            "Département",
            "Région",
            "Métiers (ROME)",
            "Label valable à partir du",
            "Label valable jusqu’au",
            "Appel à labellisation",
            "Page de la formation",
        ]
        assert sorted(row[0] for row in rows) == ["Développeur web Lens", "Technicien réseaux Lille"]
        lens = next(row for row in rows if row[0] == "Développeur web Lens")
        course = register_labels["lens"]
        label = course.labels.get()
        assert lens[1:7] == [
            "Pop School",
            course.organisation.siret,
            "Lens",
            "Pas-de-Calais",
            "Hauts-de-France",
            "M1855",
        ]
        assert lens[7:9] == [label.valid_from.isoformat(), label.valid_until.isoformat()]
        assert lens[10] == f"http://testserver{course.get_absolute_url()}"

    def test_bad_filters_are_ignored_and_formulas_are_neutralised(self, client):
        CourseFactory(title='=HYPERLINK("http://pirate.example")', commune=commune("62498"))

        response = client.get(CSV_URL, {"region": "x" * 5000})

        assert response.status_code == 200
        _header, row = self.read(response)
        assert row[0] == '\'=HYPERLINK("http://pirate.example")'

    def test_the_register_page_links_to_the_export_with_its_filters(self, client, register_labels):
        response = client.get(REGISTER_URL, {"region": "32", "page": "1"})
        assert f'href="{CSV_URL}?region=32"' in response.content.decode()


# Label page and the national team's actions


@pytest.fixture
def granted_label(team, reviewer):
    call = LabellingCallFactory(title="Appel 2026")
    application = decided(call, outcome=CommitteeDecision.Outcome.GRANTED, team=team, reviewer=reviewer)
    return application.labels.get()


class TestLabelPage:
    def test_anonymous_visitors_see_the_label_its_decision_and_history_without_names(
        self, client, granted_label, team
    ):
        label_suspend(granted_label, reason="Contrôle en cours sur les présences.", acting_user=team)

        response = client.get(reverse("labelling:label", args=[granted_label.pk]))

        content = response.content.decode()
        assert response.status_code == 200
        assert "Label de « Développeur web »" in content
        assert "Label : Suspendu" in content
        assert "<dd>Accordé</dd>" in content
        assert "Partenariats solides avec les employeurs" in content
        assert "Contrôle en cours sur les présences." in content
        assert "Statut précédent" in content
        assert "Alix Durand" not in content
        assert "label-change-form" not in content
        assert "absente du catalogue" in content  # a suspended label takes the course out

    def test_a_label_from_before_the_platform(self, client):
        label = CourseFactory(title="Ancienne formation").labels.get()
        content = client.get(reverse("labelling:label", args=[label.pk])).content.decode()
        assert "accordé avant l’ouverture de la plateforme" in content
        assert "Aucun changement depuis l’attribution du label." in content
        assert f'<a href="{label.course.get_absolute_url()}">Ancienne formation</a>' in content

    def test_unknown_label_is_404(self, client):
        assert client.get(reverse("labelling:label", args=[999999])).status_code == 404

    def test_the_team_sees_the_actions_and_who_did_what(self, client, granted_label, team):
        label_suspend(granted_label, reason="Contrôle en cours.", acting_user=team)
        client.force_login(team)

        content = client.get(reverse("labelling:label", args=[granted_label.pk])).content.decode()

        assert "Alix Durand" in content
        assert 'value="reinstate"' in content and 'value="withdraw"' in content
        assert 'value="suspend"' not in content

    def test_the_team_suspends_with_a_reason(self, client, granted_label, team):
        client.force_login(team)
        url = reverse("labelling:label_change", args=[granted_label.pk])

        response = client.post(url, {"action": "suspend", "reason": "  Plainte d’apprenants.  "}, follow=True)

        granted_label.refresh_from_db()
        assert granted_label.status == Label.Status.SUSPENDED
        assert granted_label.status_reason == "Plainte d’apprenants."
        transition = granted_label.transitions.get()
        assert (transition.actor, transition.from_state, transition.to_state) == (team, "active", "suspended")
        assert response.redirect_chain == [(reverse("labelling:label", args=[granted_label.pk]), 302)]
        assert "Le label est suspendu." in response.content.decode()

    def test_the_team_reinstates_then_withdraws(self, client, granted_label, team):
        label_suspend(granted_label, reason="Contrôle.", acting_user=team)
        client.force_login(team)
        url = reverse("labelling:label_change", args=[granted_label.pk])

        client.post(url, {"action": "reinstate", "reason": "Contrôle satisfaisant."})
        granted_label.refresh_from_db()
        assert granted_label.status == Label.Status.ACTIVE
        client.post(url, {"action": "withdraw", "reason": "Formation arrêtée."})
        granted_label.refresh_from_db()
        assert granted_label.status == Label.Status.WITHDRAWN
        content = client.get(reverse("labelling:label", args=[granted_label.pk])).content.decode()
        assert "son statut ne peut plus changer" in content

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"action": "suspend", "reason": "   "}, "Indiquez le motif de ce changement."),
            ({"action": "suspend"}, "Indiquez le motif de ce changement."),
            (
                {"action": "reinstate", "reason": "Déjà actif."},
                "Cette action n’est pas possible pour ce label.",
            ),
            ({"action": "x" * 5000, "reason": "Motif."}, "Cette action n’est pas possible pour ce label."),
            ({"reason": "Motif."}, "Choisissez une action."),
            (
                {"action": "suspend", "reason": "x" * 2001},
                "Le motif est trop long : 2000 caractères au maximum.",
            ),
        ],
    )
    def test_bad_actions_show_french_errors(self, client, granted_label, team, data, message):
        client.force_login(team)

        response = client.post(reverse("labelling:label_change", args=[granted_label.pk]), data)

        assert response.status_code == 200
        assert message in response.content.decode()
        granted_label.refresh_from_db()
        assert granted_label.status == Label.Status.ACTIVE
        assert not granted_label.transitions.exists()

    def test_a_label_changed_meanwhile_is_refused_with_a_french_message(self, client, granted_label, team):
        client.force_login(team)
        label_withdraw(granted_label, reason="Arrêt.", acting_user=team)

        response = client.post(
            reverse("labelling:label_change", args=[granted_label.pk]),
            {"action": "suspend", "reason": "Motif."},
        )

        assert response.status_code == 200
        content = response.content.decode()
        assert "Cette action n’est pas possible pour ce label." in content
        assert "son statut ne peut plus changer" in content

    def test_a_service_refusal_shows_on_the_form(self, client, granted_label, team, monkeypatch):
        """Two people at once: the view read the label as active, the service finds it withdrawn."""
        client.force_login(team)
        stale = Label.objects.get(pk=granted_label.pk)
        label_withdraw(granted_label, reason="Arrêt.", acting_user=team)
        monkeypatch.setattr("gen.labelling.views.labels.label_for_page", lambda pk: stale)

        response = client.post(
            reverse("labelling:label_change", args=[granted_label.pk]),
            {"action": "suspend", "reason": "Motif."},
        )

        assert response.status_code == 200
        assert "Ce changement n’est pas possible depuis l’état actuel" in response.content.decode()
        granted_label.refresh_from_db()
        assert granted_label.status == Label.Status.WITHDRAWN

    @pytest.mark.parametrize("role", [Role.ORGANISATION, Role.REVIEWER, Role.FUNDER, Role.CANDIDATE])
    def test_other_users_get_403(self, client, granted_label, role):
        client.force_login(MembershipFactory(role=role).user)

        response = client.post(
            reverse("labelling:label_change", args=[granted_label.pk]),
            {"action": "withdraw", "reason": "Non."},
        )

        assert response.status_code == 403
        granted_label.refresh_from_db()
        assert granted_label.status == Label.Status.ACTIVE

    def test_anonymous_posts_go_to_the_login_page(self, client, granted_label):
        url = reverse("labelling:label_change", args=[granted_label.pk])

        response = client.post(url, {"action": "withdraw", "reason": "Non."})

        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
        granted_label.refresh_from_db()
        assert granted_label.status == Label.Status.ACTIVE

    def test_changes_only_by_post(self, client, granted_label, team):
        client.force_login(team)
        assert client.get(reverse("labelling:label_change", args=[granted_label.pk])).status_code == 405

    def test_unknown_label_action_is_404_for_the_team(self, client, team):
        client.force_login(team)
        response = client.post(
            reverse("labelling:label_change", args=[999999]), {"action": "suspend", "reason": "x"}
        )
        assert response.status_code == 404
