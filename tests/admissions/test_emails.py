"""Every e-mail admissions send, rendered once in French from real objects, through the real services."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.utils import translation

from gen.accounts.models import Role
from gen.admissions.models import Application, RefusalReason
from gen.admissions.services.applications import application_invite, application_rank, application_refuse
from gen.admissions.services.candidates import candidate_signup
from gen.admissions.services.offers import offer_accept, offers_expire, offers_publish, offers_remind
from gen.admissions.services.referrals import referral_create
from gen.notifications.models import OutboxMessage
from gen.territories.models import Commune
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    MembershipFactory,
    OfferFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

SERVICES_DIR = Path(__file__).resolve().parents[2] / "src" / "gen" / "admissions" / "services"
MOTIVATION = (
    "Sacha veut devenir technicien d'assistance informatique : il dépanne déjà les ordinateurs de sa famille, "
    "a monté son propre PC et suit des tutoriels en ligne. Il cherche une formation gratuite avec un stage."
)
INVITATION = "Réunion d'information le mardi 3 mars à 10 h, 12 rue de Lille à Lens."
COMMENT = "Les cours ont lieu en journée ; la session d'automne vous conviendra mieux."


def french(label) -> str:
    with translation.override("fr"):
        return str(label)


def kinds_sent_by_the_services() -> set[str]:
    source = "\n".join(path.read_text() for path in SERVICES_DIR.glob("*.py"))
    kinds = set(re.findall(r'tell_(?:candidate|offer)\([^,]+, "(\w+)"', source))
    kinds |= set(re.findall(r'template="admissions/emails/(\w+)"', source))
    return kinds


def test_every_kind_of_e_mail_the_services_send_has_a_subject_and_a_body():
    kinds = kinds_sent_by_the_services()

    assert {"received", "invited", "refused", "offer_made", "activate", "referred", "referral_news"} <= kinds
    for kind in kinds:
        get_template(f"admissions/emails/{kind}_subject.txt")
        get_template(f"admissions/emails/{kind}.txt")


@pytest.fixture
def sent() -> dict[str, list[OutboxMessage]]:
    """Every kind of e-mail, made by the services as in real life; the messages by kind."""
    lens = Commune.objects.get(insee_code="62498")
    session = SessionFactory(course__title="Technicien d'assistance informatique", name="Promotion automne")
    prescriber = MembershipFactory(
        role=Role.PRESCRIBER,
        organisation__kind="prescriber",
        organisation__name="Mission Locale de Lens",
        user__first_name="Nadia",
        user__last_name="Benali",
    )
    candidate_signup(email="alix@example.org", first_name="Alix", last_name="")
    candidate_signup(
        email=CandidateFactory(user__email="camille@example.org").user.email,
        first_name="Camille",
        last_name="Martin",
    )
    referred = referral_create(
        acting_user=prescriber.user,
        organisation=prescriber.organisation,
        session=session,
        email="sacha@example.org",
        first_name="Sacha",
        last_name="Petit",
        consent=True,
        motivation=MOTIVATION,
        availability="Dès maintenant.",
        profile={
            "birth_date": datetime.date(2003, 1, 9),
            "gender": "man",
            "diploma_level": "none",
            "is_job_seeker": True,
            "commune": lens,
            "lives_in_qpv_or_zrr": True,
            "is_scholarship_holder": False,
            "heard_from": "mission_locale",
        },
    )
    application_invite(application=referred, acting_user=None, reason=INVITATION)
    application_refuse(
        application=ApplicationFactory(session=session, candidate__user__email="dominique@example.org"),
        reason=RefusalReason.AVAILABILITY,
        comment=COMMENT,
        acting_user=None,
    )
    application_rank(application=referred, acting_user=None)
    (offer,) = offers_publish(session=session, acting_user=None)
    offers_remind(now=offer.deadline - datetime.timedelta(hours=2))
    offer_accept(offer=offer, acting_user=None)
    late = OfferFactory(application__candidate__user__email="eden@example.org")
    offers_expire(now=late.deadline + datetime.timedelta(seconds=1))
    messages = {}
    for message in OutboxMessage.objects.order_by("pk"):
        messages.setdefault(message.kind.removeprefix("admissions."), []).append(message)
    return messages


def test_each_e_mail_is_in_plain_french_with_full_links(sent):
    assert set(sent) == kinds_sent_by_the_services()
    for kind, messages in sent.items():
        for message in messages:
            text = f"{message.subject}\n{message.body}"
            assert message.subject and "\n" not in message.subject, kind
            assert "{" not in text and "%(" not in text and "&#" not in text, kind
            assert message.body.startswith("Bonjour"), kind
            assert "L’équipe GEN Plateforme" in message.body, kind
            assert not re.search(r"\b(the|your|Hello|application)\b", text), (kind, text)
            for link in re.findall(r"\S*/(?:candidat|comptes|formations|prescripteur)/\S*", message.body):
                assert link.startswith(settings.SITE_URL), (kind, link)


def test_what_each_e_mail_says(sent):
    def body(kind, to=None):
        return next(m.body for m in sent[kind] if to is None or m.to == to)

    assert re.search(r"/candidat/activer/\S+/\S+/", body("activate"))
    assert "Vous en avez déjà un" in body("already_registered")
    assert "/comptes/mot-de-passe/oubli/" in body("already_registered")
    assert "Mission Locale de Lens" in body("referred")
    assert "/candidat/activer/" in body("referred")
    assert "Bonjour Sacha," in body("received", to="sacha@example.org")
    assert INVITATION in body("invited")
    refused = body("refused")
    assert f"Motif : {french(RefusalReason.AVAILABILITY.label)}" in refused
    assert COMMENT in refused
    offer_made = body("offer_made")
    assert re.search(r"Répondez avant le \w+ \d+ \w+ \d{4} à 23 h 59", offer_made)
    assert "Rappel" in sent["offer_reminder"][0].subject
    assert "a expiré" in body("offer_expired")
    assert "Bienvenue !" in body("offer_accepted")


def test_the_prescriber_hears_the_news_but_not_the_motivation(sent):
    news = sent["referral_news"]

    assert {m.to for m in news} == {news[0].to}
    assert len(news) == 5  # received, invited, offer made, reminder, accepted
    for message in news:
        assert "Sacha Petit" in message.subject
        assert "Sacha veut devenir" not in message.body
        assert "/prescripteur/" in message.body
    bodies = "\n".join(m.body for m in news)
    assert "la personne est invitée à une réunion d’information" in bodies
    assert "la personne a accepté la place" in bodies


def test_a_person_already_registered_is_not_sent_an_activation_link_when_referred():
    candidate = CandidateFactory(user__email="sacha@example.org")
    prescriber = MembershipFactory(role=Role.PRESCRIBER, organisation__kind="prescriber")
    referral_create(
        acting_user=prescriber.user,
        organisation=prescriber.organisation,
        session=SessionFactory(),
        email=candidate.user.email,
        first_name="Sacha",
        last_name="Petit",
        consent=True,
        motivation=MOTIVATION,
        availability="Dès maintenant.",
        profile={},
    )

    body = OutboxMessage.objects.get(kind="admissions.referred").body
    assert "/candidat/activer/" not in body
    assert f"{settings.SITE_URL}/candidat/" in body


def test_the_refusal_reason_is_given_in_french():
    application = ApplicationFactory(state=Application.State.ASSESSING)
    application_refuse(application=application, reason=RefusalReason.TESTS, comment="", acting_user=None)

    body = OutboxMessage.objects.get(kind="admissions.refused").body
    assert f"Motif : {french(RefusalReason.TESTS.label)}" in body
    assert "Tests not passed" not in body
    assert "Message de l’organisme" not in body  # no comment, no heading for it
