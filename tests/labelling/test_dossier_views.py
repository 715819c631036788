"""The organisation's dossier pages: list, new dossier, sections, co-fundings, attachments, submission."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from gen.accounts.models import Role
from gen.catalogue.models import Course, Job
from gen.labelling.models import CoFunding, CommitteeDecision, LabelApplication, LabellingCall
from gen.labelling.services.applications import application_submit
from gen.labelling.services.committee import decision_record
from gen.labelling.services.reviews import review_assign, review_save
from gen.territories.models import Commune
from tests.factories import (
    CourseFactory,
    LabelApplicationFactory,
    LabellingCallFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def pdf(name="programme.pdf", content=b"%PDF-1.7 a small programme", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def organisation():
    return OrganisationFactory(activity_declaration_number="32590000000")


@pytest.fixture
def member(organisation):
    return MembershipFactory(role=Role.ORGANISATION, organisation=organisation).user


@pytest.fixture
def draft(organisation):
    return LabelApplicationFactory(course__organisation=organisation)


@pytest.fixture
def complete(organisation):
    return LabelApplicationFactory(course__organisation=organisation, complete=True)


@pytest.fixture
def team():
    return MembershipFactory(role=Role.NATIONAL_TEAM).user


@pytest.fixture
def reviewer():
    return MembershipFactory(role=Role.REVIEWER).user


def page_url(application) -> str:
    return reverse("labelling:application", kwargs={"pk": application.pk})


def section_url(application, section: str) -> str:
    return reverse("labelling:application_section", kwargs={"pk": application.pk, "section": section})


def text_of(response) -> str:
    return response.content.decode()


# Who may open what


def test_dossiers_list_wants_a_login_then_the_organisation_role(client):
    url = reverse("labelling:dossiers")
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(LOGIN)

    client.force_login(MembershipFactory(role=Role.CANDIDATE).user)
    assert client.get(url).status_code == 403
    client.force_login(MembershipFactory(role=Role.NATIONAL_TEAM).user)
    assert client.get(url).status_code == 403


def test_dossiers_list_shows_the_member_dossiers_and_open_calls_of_all_their_organisations(
    client, member, draft, django_assert_max_num_queries
):
    other_organisation = OrganisationFactory(name="Simplon Lens")
    MembershipFactory(user=member, role=Role.ORGANISATION, organisation=other_organisation)
    second_course = CourseFactory(organisation=other_organisation, title="Technicien cybersécurité")
    stranger = LabelApplicationFactory(course__title="Formation d'un autre organisme")
    LabellingCallFactory(title="Appel fermé", state=LabellingCall.State.CLOSED)
    client.force_login(member)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("labelling:dossiers"))

    assert response.status_code == 200
    text = text_of(response)
    assert draft.course.title in text and "Brouillon" in text
    assert stranger.course.title not in text
    assert "Appel fermé" not in text
    # The open call of the existing dossier offers the other course, not the one already in it.
    new_dossier_buttons = [
        (call, course)
        for call, courses in response.context["calls"]
        if call == draft.call
        for course in courses
    ]
    assert new_dossier_buttons == [(draft.call, second_course)]
    assert "Commencer un dossier" in text and "Simplon Lens" in text


def test_a_member_starts_a_dossier_for_their_course_in_an_open_call(client, member, organisation):
    call = LabellingCallFactory()
    course = CourseFactory(organisation=organisation, labelled=False)
    client.force_login(member)

    response = client.post(reverse("labelling:application_new"), {"call": call.pk, "course": course.pk})

    application = LabelApplication.objects.get(call=call, course=course)
    assert response.status_code == 302 and response.url == page_url(application)
    assert application.state == LabelApplication.State.DRAFT


def test_a_dossier_cannot_be_started_for_another_organisation_or_a_closed_call(client, member, organisation):
    open_call = LabellingCallFactory()
    closed = LabellingCallFactory(title="Appel clos", state=LabellingCall.State.CLOSED)
    own = CourseFactory(organisation=organisation, labelled=False)
    client.force_login(member)
    url = reverse("labelling:application_new")

    assert client.post(url, {"call": open_call.pk, "course": CourseFactory().pk}).status_code == 404
    assert client.post(url, {"call": "abc", "course": own.pk}).status_code == 404
    assert client.get(url).status_code == 405
    response = client.post(url, {"call": closed.pk, "course": own.pk}, follow=True)
    assert "Cet appel n’est pas ouvert aux candidatures." in text_of(response)
    assert not LabelApplication.objects.exists()


def test_the_dossier_page_is_for_members_the_national_team_and_assigned_reviewers(
    client, member, complete, team, reviewer
):
    url = page_url(complete)
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(LOGIN)

    for outsider in (
        MembershipFactory(role=Role.ORGANISATION).user,
        MembershipFactory(role=Role.REVIEWER).user,
        UserFactory(),
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 404

    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200 and response.context["can_edit"]

    application = application_submit(complete, acting_user=member)
    review_assign(application, reviewer=reviewer, acting_user=team)
    for reader in (team, reviewer):
        client.force_login(reader)
        response = client.get(url)
        assert response.status_code == 200 and not response.context["can_edit"]
        assert "Enregistrer le brouillon" not in text_of(response)


def test_the_dossier_page_shows_sections_checklist_budget_and_course_facts(client, member, draft):
    client.force_login(member)

    text = text_of(client.get(page_url(draft)))

    assert "La formation telle qu’elle se déroulera" in text
    assert "Engagements sur les publics prioritaires" in text
    assert "Il manque encore" in text and "pièce jointe : Programme pédagogique" in text
    assert "560 heures de cours, puis 280 heures de stage en entreprise" in text
    assert draft.course.jobs.get().code in text
    assert "Au plus 80 % du budget annuel." in text


def test_the_dossier_page_reads_a_fixed_number_of_queries(
    client, member, complete, team, reviewer, django_assert_max_num_queries
):
    for number in range(5):
        CoFunding.objects.create(application=complete, funder_name=f"Financeur {number}", amount=1000)
    application = application_submit(complete, acting_user=member)
    review_assign(application, reviewer=reviewer, acting_user=team)
    client.force_login(member)

    with django_assert_max_num_queries(14):
        response = client.get(page_url(application))

    assert response.status_code == 200 and "Financeur 4" in text_of(response)


# Sections


def test_a_member_saves_each_section_as_a_draft(client, member, draft):
    client.force_login(member)

    response = client.post(
        section_url(draft, "course"), {"course-places_per_session": "20", "course-sessions_per_year": "3"}
    )
    assert response.status_code == 302 and response.url.endswith("#course")
    client.post(
        section_url(draft, "publics"),
        {
            "publics-share_low_qualification": "60",
            "publics-share_young": "50",
            "publics-share_women": "40",
            "publics-share_qpv_zrr": "20",
            "publics-share_job_seekers": "70",
        },
    )
    client.post(
        section_url(draft, "partners"),
        {
            "partners-sourcing_partners": "France Travail Lens",
            "partners-employer_partners": "Six entreprises",
        },
    )
    response = client.post(
        section_url(draft, "budget"),
        {"budget-annual_budget": "300000", "budget-seed_grant_requested": "120000"},
        follow=True,
    )

    draft.refresh_from_db()
    assert (draft.places_per_session, draft.sessions_per_year) == (20, 3)
    assert (draft.share_women, draft.share_job_seekers) == (40, 70)
    assert draft.sourcing_partners == "France Travail Lens"
    assert (draft.annual_budget, draft.seed_grant_requested) == (Decimal(300000), Decimal(120000))
    text = text_of(response)
    assert "« Budget » : enregistré comme brouillon." in text
    assert "5\xa0000 €" in text  # 300 000 € for 60 learners a year
    assert "40 % du budget annuel (au plus 80 %)" in text


@pytest.mark.parametrize(
    "value", ["soixante", "-5", "101", "12.5"], ids=["not a number", "negative", "over 100", "decimal"]
)
def test_shares_must_be_whole_numbers_from_0_to_100(client, member, draft, value):
    client.force_login(member)

    response = client.post(
        section_url(draft, "publics"), {"publics-share_women": value, "publics-share_young": "50"}
    )

    assert response.status_code == 200
    assert "Saisissez un nombre entier entre 0 et 100." in text_of(response)
    draft.refresh_from_db()
    assert draft.share_women is None and draft.share_young is None


def test_a_budget_of_zero_is_refused(client, member, draft):
    client.force_login(member)

    response = client.post(section_url(draft, "budget"), {"budget-annual_budget": "0"})

    assert "Le budget annuel doit être supérieur à 0 €." in text_of(response)
    draft.refresh_from_db()
    assert draft.annual_budget is None


def test_a_seed_grant_over_the_cap_is_refused_with_the_service_message(client, member, draft):
    client.force_login(member)

    response = client.post(
        section_url(draft, "budget"),
        {"budget-annual_budget": "100000", "budget-seed_grant_requested": "90000"},
    )

    assert response.status_code == 200
    assert "La subvention d’amorçage ne peut pas dépasser 80 % du budget" in text_of(response)
    draft.refresh_from_db()
    assert draft.annual_budget is None and draft.seed_grant_requested is None


def test_bad_amounts_and_unknown_sections(client, member, draft):
    client.force_login(member)

    response = client.post(section_url(draft, "budget"), {"budget-annual_budget": "beaucoup"})
    assert "Saisissez un montant en euros" in text_of(response)
    response = client.post(section_url(draft, "budget"), {"budget-seed_grant_requested": "-1"})
    assert "La subvention d’amorçage ne peut pas être négative." in text_of(response)
    assert client.post(section_url(draft, "secret"), {}).status_code == 404
    assert client.get(section_url(draft, "budget")).status_code == 405


def test_the_budget_preview_computes_the_cost_per_learner_without_saving(client, member, draft):
    client.force_login(member)
    url = reverse("labelling:application_budget_preview", kwargs={"pk": draft.pk})

    response = client.get(
        url,
        {"budget-annual_budget": "96000", "budget-seed_grant_requested": "90000"},
        headers={"HX-Request": "true"},
    )

    text = text_of(response)
    assert "2\xa0000 €" in text  # 96 000 € for 48 learners
    assert "94 % du budget annuel (au plus 80 %)" in text and "Au-dessus du maximum" in text
    assert "<html" not in text
    draft.refresh_from_db()
    assert draft.annual_budget is None


# Co-fundings and attachments


def test_co_fundings_are_added_and_removed(client, member, draft):
    client.force_login(member)
    add = reverse("labelling:co_funding_add", kwargs={"pk": draft.pk})

    client.post(add, {"cofunding-funder_name": "Région Hauts-de-France", "cofunding-amount": "80000"})
    response = client.post(add, {"cofunding-funder_name": "FSE+", "cofunding-amount": "0"})
    assert "Le montant doit être positif." in text_of(response)
    co_funding = CoFunding.objects.get()
    assert (co_funding.funder_name, co_funding.amount) == ("Région Hauts-de-France", Decimal(80000))

    response = client.post(
        reverse("labelling:co_funding_remove", kwargs={"pk": draft.pk, "co_funding_pk": co_funding.pk}),
        follow=True,
    )
    assert "Cofinancement retiré." in text_of(response)
    assert not CoFunding.objects.exists()


def test_a_pdf_is_attached_downloaded_and_removed(client, member, draft, team):
    client.force_login(member)

    client.post(
        reverse("labelling:attachment_add", kwargs={"pk": draft.pk}),
        {"attachment-kind": "programme", "attachment-file": pdf("Programme 2027.pdf")},
    )

    attachment = draft.attachments.get()
    url = reverse("labelling:attachment", kwargs={"pk": draft.pk, "attachment_pk": attachment.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Programme 2027.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.7 a small programme"

    client.force_login(team)
    assert client.get(url).status_code == 200
    client.force_login(MembershipFactory(role=Role.ORGANISATION).user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302

    client.force_login(member)
    client.post(
        reverse("labelling:attachment_remove", kwargs={"pk": draft.pk, "attachment_pk": attachment.pk})
    )
    assert not draft.attachments.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            pdf(
                "programme.docx",
                b"PK\x03\x04 word",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            "Seuls les fichiers PDF sont acceptés.",
        ),
        (pdf("programme.pdf", b"MZ\x90\x00 not a pdf at all"), "Seuls les fichiers PDF sont acceptés."),
        (
            pdf("gros.pdf", b"%PDF-1.7" + b"0" * (6 * 1024 * 1024)),
            "Ce fichier est trop volumineux : 5 Mo au plus.",
        ),
    ],
    ids=["docx", "renamed non-pdf", "6 MB"],
)
def test_only_small_pdf_files_are_accepted(client, member, draft, upload, message):
    client.force_login(member)

    response = client.post(
        reverse("labelling:attachment_add", kwargs={"pk": draft.pk}),
        {"attachment-kind": "programme", "attachment-file": upload},
    )

    assert response.status_code == 200
    assert message in text_of(response)
    assert not draft.attachments.exists()


# Changes refused


def test_posting_to_another_organisation_dossier_is_a_404_and_changes_nothing(client, member):
    other = LabelApplicationFactory(complete=True)
    co_funding = CoFunding.objects.create(application=other, funder_name="Région", amount=1000)
    attachment = other.attachments.first()
    client.force_login(member)
    pk = other.pk

    posts = [
        (section_url(other, "course"), {"course-places_per_session": "1"}),
        (
            reverse("labelling:co_funding_add", kwargs={"pk": pk}),
            {"cofunding-funder_name": "X", "cofunding-amount": "1"},
        ),
        (reverse("labelling:co_funding_remove", kwargs={"pk": pk, "co_funding_pk": co_funding.pk}), {}),
        (
            reverse("labelling:attachment_add", kwargs={"pk": pk}),
            {"attachment-kind": "other", "attachment-file": pdf()},
        ),
        (reverse("labelling:attachment_remove", kwargs={"pk": pk, "attachment_pk": attachment.pk}), {}),
        (reverse("labelling:application_submit", kwargs={"pk": pk}), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url

    other.refresh_from_db()
    assert other.places_per_session == 24 and other.state == LabelApplication.State.DRAFT
    assert other.co_fundings.count() == 1 and other.attachments.count() == 2


def test_readers_who_are_not_members_may_not_change_a_dossier(client, complete, team):
    client.force_login(team)

    assert client.post(section_url(complete, "course"), {"course-places_per_session": "1"}).status_code == 403
    assert client.post(reverse("labelling:application_submit", kwargs={"pk": complete.pk})).status_code == 403
    complete.refresh_from_db()
    assert complete.places_per_session == 24


def test_posting_to_a_submitted_dossier_shows_a_french_message_and_changes_nothing(client, member, complete):
    application = application_submit(complete, acting_user=member)
    co_funding = CoFunding.objects.create(application=application, funder_name="Région", amount=1000)
    attachment = application.attachments.first()
    client.force_login(member)
    pk = application.pk

    posts = [
        (
            section_url(application, "budget"),
            {"budget-annual_budget": "1", "budget-seed_grant_requested": "0"},
        ),
        (section_url(application, "publics"), {"publics-share_women": "abc"}),
        (
            reverse("labelling:co_funding_add", kwargs={"pk": pk}),
            {"cofunding-funder_name": "X", "cofunding-amount": "1"},
        ),
        (reverse("labelling:co_funding_remove", kwargs={"pk": pk, "co_funding_pk": co_funding.pk}), {}),
        (
            reverse("labelling:attachment_add", kwargs={"pk": pk}),
            {"attachment-kind": "other", "attachment-file": pdf()},
        ),
        (reverse("labelling:attachment_remove", kwargs={"pk": pk, "attachment_pk": attachment.pk}), {}),
        (reverse("labelling:application_submit", kwargs={"pk": pk}), {}),
    ]
    for url, data in posts:
        response = client.post(url, data, follow=True)
        assert "Un dossier déposé ne peut plus être modifié." in text_of(response), url

    application.refresh_from_db()
    assert application.annual_budget == Decimal(300000) and application.share_women == 40
    assert application.co_fundings.count() == 1 and application.attachments.count() == 2
    assert application.transitions.count() == 1


# Submission


def test_submitting_asks_for_confirmation_then_the_dossier_is_submitted_and_read_only(
    client, member, complete
):
    client.force_login(member)
    url = reverse("labelling:application_submit", kwargs={"pk": complete.pk})

    assert "Confirmer le dépôt" in text_of(client.get(url))
    response = client.post(url, follow=True)

    complete.refresh_from_db()
    assert complete.state == LabelApplication.State.SUBMITTED and complete.submitted_at
    text = text_of(response)
    assert "Votre dossier est déposé." in text and "Déposé" in text
    assert "Enregistrer le brouillon" not in text and "Retirer" not in text
    assert "Ce dossier est déposé : il ne peut plus être modifié." in text


def test_an_incomplete_dossier_is_refused_with_what_is_missing(client, member, draft):
    client.force_login(member)
    url = reverse("labelling:application_submit", kwargs={"pk": draft.pk})

    assert "Confirmer le dépôt" not in text_of(client.get(url))
    response = client.post(url)

    text = text_of(response)
    assert "Le dossier n’a pas pu être déposé" in text
    assert "Le dossier est incomplet" in text and "budget annuel (€)" in text
    draft.refresh_from_db()
    assert draft.state == LabelApplication.State.DRAFT


def test_a_dossier_cannot_be_submitted_after_the_deadline(client, member, organisation):
    now = timezone.now()
    call = LabellingCallFactory(
        opens_at=now - datetime.timedelta(days=40), deadline=now - datetime.timedelta(minutes=1)
    )
    application = LabelApplicationFactory(call=call, course__organisation=organisation, complete=True)
    client.force_login(member)

    response = client.post(reverse("labelling:application_submit", kwargs={"pk": application.pk}))

    assert "La date limite de cet appel est passée" in text_of(response)
    application.refresh_from_db()
    assert application.state == LabelApplication.State.DRAFT


# What the organisation sees after submission


def test_the_organisation_follows_its_dossier_but_never_sees_reviewers_scores_or_comments(
    client, member, complete, team
):
    reviewer = MembershipFactory(
        role=Role.REVIEWER, user__first_name="Dominique", user__last_name="Instructrice"
    ).user
    application = application_submit(complete, acting_user=member)
    assignment = review_assign(application, reviewer=reviewer, acting_user=team)
    criteria = list(application.call.criteria.all())
    review_save(
        assignment,
        scores={criterion.pk: (2, "Commentaire confidentiel de l'instructrice") for criterion in criteria},
        submit=True,
        acting_user=reviewer,
    )
    client.force_login(member)

    text = text_of(client.get(page_url(application)))
    assert "En instruction" in text and "Étape 3 sur 4" in text
    assert "L’équipe nationale" in text
    for secret in ("Dominique", "Instructrice", reviewer.email, "Commentaire confidentiel", "sur 5"):
        assert secret not in text

    decision_record(
        application,
        outcome=CommitteeDecision.Outcome.GRANTED,
        reasons="Un projet solide, ancré dans son territoire.",
        decided_on=timezone.localdate(),
        acting_user=team,
    )
    text = text_of(client.get(page_url(application)))
    assert "Décidé" in text and "Accordé" in text and "Un projet solide, ancré dans son territoire." in text
    for secret in ("Dominique", "Instructrice", reviewer.email, "Commentaire confidentiel"):
        assert secret not in text
    list_text = text_of(client.get(reverse("labelling:dossiers")))
    assert "Accordé" in list_text and "Instructrice" not in list_text


class TestOrganisationSection:
    """The dossier's first section: the organisation's identity, its activity declaration number."""

    def test_the_number_is_saved_on_the_organisation(self, client):
        application = LabelApplicationFactory(course__organisation__activity_declaration_number="")
        member = MembershipFactory(role=Role.ORGANISATION, organisation=application.course.organisation).user
        client.force_login(member)
        url = reverse("labelling:application", kwargs={"pk": application.pk})
        page = client.get(url).content.decode()
        assert application.course.organisation.siret in page
        assert "le numéro de déclaration d’activité de l’organisme" in page  # still missing

        section = reverse(
            "labelling:application_section", kwargs={"pk": application.pk, "section": "organisation"}
        )
        client.post(section, {"organisation-activity_declaration_number": "3259012345"})
        application.course.organisation.refresh_from_db()
        assert application.course.organisation.activity_declaration_number == ""

        client.post(section, {"organisation-activity_declaration_number": "32590123456"})
        application.course.organisation.refresh_from_db()
        assert application.course.organisation.activity_declaration_number == "32590123456"

    def test_a_short_number_is_refused_in_french(self, client):
        application = LabelApplicationFactory()
        member = MembershipFactory(role=Role.ORGANISATION, organisation=application.course.organisation).user
        client.force_login(member)
        section = reverse(
            "labelling:application_section", kwargs={"pk": application.pk, "section": "organisation"}
        )

        response = client.post(section, {"organisation-activity_declaration_number": "12AB"})

        assert (
            "Un numéro de déclaration d’activité compte exactement 11 chiffres." in response.content.decode()
        )


class TestCourseSection:
    """The course as it will run: the course's hours, modality, place and métiers, with the places."""

    @staticmethod
    def course_post(**changes) -> dict:
        data = {
            "course-summary": "Six mois pour devenir développeur web.",
            "course-hours_in_centre": "600",
            "course-hours_in_company": "300",
            "course-modality": "mixed",
            "course-address": "3 place du Théâtre",
            "course-commune": "Lille",
            "course-jobs": [str(Job.objects.get(code="M1855").pk), str(Job.objects.get(code="E1206").pk)],
            "course-places_per_session": "20",
            "course-sessions_per_year": "3",
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    def test_the_member_edits_the_course_with_the_places_in_one_post(self, client, member, draft):
        client.force_login(member)
        text = text_of(client.get(page_url(draft)))
        assert (
            "Heures en centre de formation" in text
            and "Systèmes d’information et de télécommunication" in text
        )

        response = client.post(section_url(draft, "course"), self.course_post(), follow=True)

        assert "« La formation telle qu’elle se déroulera » : enregistré comme brouillon." in text_of(
            response
        )
        course = draft.course
        course.refresh_from_db()
        draft.refresh_from_db()
        assert (course.hours_in_centre, course.hours_in_company, course.modality) == (600, 300, "mixed")
        assert course.commune.name == "Lille" and course.address == "3 place du Théâtre"
        assert course.latitude == course.commune.latitude
        assert set(course.jobs.values_list("code", flat=True)) == {"M1855", "E1206"}
        assert course.summary == "Six mois pour devenir développeur web."
        assert "lille" in course.search_text
        assert (draft.places_per_session, draft.sessions_per_year) == (20, 3)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"course-hours_in_centre": "abc"}, "Saisissez un nombre entier."),
            ({"course-hours_in_centre": "0"}, "Saisissez les heures en centre de formation : au moins 1."),
            ({"course-hours_in_company": "-10"}, "Saisissez les heures en entreprise : 0 ou plus."),
            ({"course-commune": "Atlantide"}, "Nous ne trouvons pas la commune « Atlantide »."),
            ({"course-jobs": None}, "Choisissez au moins un métier (ROME)."),
            ({"course-jobs": ["999999"]}, "Choisissez les métiers dans la liste."),
            ({"course-places_per_session": "0"}, "Une session compte au moins une place."),
        ],
        ids=[
            "hours not a number",
            "no hours",
            "negative hours",
            "unknown town",
            "no job",
            "unknown job",
            "places",
        ],
    )
    def test_bad_input_is_refused_in_french_and_changes_nothing(
        self, client, member, draft, changes, message
    ):
        client.force_login(member)
        course = draft.course
        jobs, commune = list(course.jobs.all()), course.commune

        response = client.post(section_url(draft, "course"), self.course_post(**changes))

        assert response.status_code == 200 and message in text_of(response)
        course.refresh_from_db()
        draft.refresh_from_db()
        assert (course.hours_in_centre, course.modality, course.commune.name) == (
            560,
            "in_person",
            commune.name,
        )
        assert list(course.jobs.all()) == jobs and course.address == "1 rue de la République"
        assert draft.places_per_session == 24

    def test_a_submitted_dossier_or_a_reader_cannot_change_the_course(self, client, member, complete, team):
        application = application_submit(complete, acting_user=member)
        course = application.course
        client.force_login(member)

        response = client.post(section_url(application, "course"), self.course_post(), follow=True)

        assert "Un dossier déposé ne peut plus être modifié." in text_of(response)
        assert "Heures en centre de formation" not in text_of(response)
        client.force_login(team)
        assert client.post(section_url(application, "course"), self.course_post()).status_code == 403
        client.force_login(MembershipFactory(role=Role.ORGANISATION).user)
        assert client.post(section_url(application, "course"), self.course_post()).status_code == 404
        course.refresh_from_db()
        assert course.hours_in_centre == 560 and course.modality == "in_person"
        assert not course.jobs.filter(code="E1206").exists()

    def test_a_course_without_trades_cannot_be_submitted(self, client, member, complete):
        complete.course.jobs.clear()
        client.force_login(member)

        response = client.post(reverse("labelling:application_submit", kwargs={"pk": complete.pk}))

        assert "les métiers (ROME) de la formation" in text_of(response)
        complete.refresh_from_db()
        assert complete.state == LabelApplication.State.DRAFT


class TestNewCourse:
    """A dossier for a course not yet in the catalogue: the course and the dossier created together."""

    url = reverse_lazy("labelling:application_new_course")

    @staticmethod
    def post_data(call, **changes) -> dict:
        prefix = f"new-{call.pk}"
        data = {
            "call": call.pk,
            f"{prefix}-title": "Technicien réseaux",
            f"{prefix}-commune": "62300",
            f"{prefix}-address": "12 rue de la Gare",
        }
        data.update({f"{prefix}-{name}": value for name, value in changes.items()})
        return data

    def test_anonymous_and_wrong_role(self, client):
        call = LabellingCallFactory()
        response = client.post(self.url, self.post_data(call))
        assert response.status_code == 302 and response.url.startswith(LOGIN)
        client.force_login(MembershipFactory(role=Role.REVIEWER).user)
        assert client.post(self.url, self.post_data(call)).status_code == 403
        client.force_login(MembershipFactory(role=Role.ORGANISATION).user)
        assert client.get(self.url).status_code == 405
        assert client.post(self.url, {"call": "abc"}).status_code == 404
        assert not Course.objects.exists()

    def test_the_list_offers_a_new_course_and_creates_it_with_its_dossier(self, client, member, organisation):
        call = LabellingCallFactory()
        client.force_login(member)
        text = text_of(client.get(reverse("labelling:dossiers")))
        assert "Une nouvelle formation" in text and "Créer la formation et son dossier" in text

        response = client.post(self.url, self.post_data(call), follow=True)

        course = Course.objects.get(title="Technicien réseaux")
        application = LabelApplication.objects.get(course=course, call=call)
        assert response.redirect_chain == [(page_url(application), 302)]
        assert "La formation est créée et son dossier commencé." in text_of(response)
        assert course.organisation == organisation and course.commune.name == "Lens"
        assert (course.hours_in_centre, course.hours_in_company) == (560, 280)
        assert application.state == LabelApplication.State.DRAFT

    def test_a_member_of_several_organisations_chooses_one_of_theirs(self, client, member, organisation):
        other = OrganisationFactory(name="Simplon Lens")
        MembershipFactory(role=Role.ORGANISATION, organisation=other, user=member)
        stranger = OrganisationFactory()
        call = LabellingCallFactory()
        client.force_login(member)

        response = client.post(self.url, self.post_data(call, organisation=stranger.pk))
        assert response.status_code == 200 and not Course.objects.exists()

        client.post(self.url, self.post_data(call, organisation=other.pk))
        assert Course.objects.get().organisation == other

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"title": ""}, "Donnez un titre à la formation."),
            ({"commune": "Atlantide"}, "Nous ne trouvons pas la commune « Atlantide »."),
            ({"commune": "Lyon"}, "Cet appel concerne d’autres régions que celle de la formation."),
        ],
        ids=["no title", "unknown town", "town outside the call's regions"],
    )
    def test_refusals_create_nothing(self, client, member, changes, message):
        call = LabellingCallFactory()
        call.regions.set([Commune.objects.get(insee_code="62498").departement.region])
        client.force_login(member)

        response = client.post(self.url, self.post_data(call, **changes))

        assert response.status_code == 200 and message in text_of(response)
        assert not Course.objects.exists() and not LabelApplication.objects.exists()

    def test_a_closed_call_creates_nothing(self, client, member):
        call = LabellingCallFactory(state=LabellingCall.State.CLOSED)
        client.force_login(member)

        response = client.post(self.url, self.post_data(call), follow=True)

        assert "Cet appel n’est pas ouvert aux candidatures." in text_of(response)
        assert not Course.objects.exists() and not LabelApplication.objects.exists()
