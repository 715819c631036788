"""The signed single-use survey links: unguessable, expiring, tamper-proof, and stored only as a hash."""

import datetime

import pytest
from django.core import signing
from django.utils import timezone

from gen.outcomes.links import EXPIRED, INVALID, SALT, USED, LinkError, link_new, survey_of_link
from gen.outcomes.models import Survey
from gen.outcomes.services.surveys import survey_answer, survey_remind
from tests.outcomes.conftest import link_in_last_email, sent_survey

pytestmark = pytest.mark.django_db

JOB_SEEKING = {
    "situation": "job_seeking",
    "interim_six_months_or_more": None,
    "started_on": None,
    "employer": "",
    "job_title": "",
}


def code_of(signed: str) -> str:
    with pytest.raises(LinkError) as raised:
        survey_of_link(signed)
    return raised.value.code


def test_the_link_of_the_email_opens_its_survey():
    survey, signed = sent_survey()
    assert survey_of_link(signed) == survey


def test_only_a_hash_of_the_secret_is_stored():
    survey, signed = sent_survey()
    secret = signing.loads(signed, salt=SALT)["t"]
    assert len(secret) >= 43  # 32 random bytes, base64
    assert secret not in (survey.token_hash, survey.reminder_token_hash)
    assert len(survey.token_hash) == 64


def test_each_link_is_new_and_unguessable():
    first, second = link_new(1), link_new(1)
    assert first[0] != second[0] and first[1] != second[1]


def test_an_expired_link_is_refused():
    survey, signed = sent_survey()
    Survey.objects.filter(pk=survey.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert code_of(signed) == EXPIRED


def test_the_link_expires_thirty_days_after_sending():
    survey, signed = sent_survey(days_ago=31)
    assert survey.expires_at == survey.sent_at + datetime.timedelta(days=30)
    assert code_of(signed) == EXPIRED


def test_a_used_link_is_refused():
    _, signed = sent_survey()
    survey_answer(signed=signed, answers=JOB_SEEKING)
    assert code_of(signed) == USED


def test_a_tampered_signature_is_refused():
    _, signed = sent_survey()
    tampered = signed[:-1] + ("A" if signed[-1] != "A" else "B")
    assert code_of(tampered) == INVALID


def test_a_tampered_payload_is_refused():
    _, signed = sent_survey()
    payload, rest = signed.split(":", 1)
    assert code_of(payload[:-2] + "xy" + ":" + rest) == INVALID


def test_another_surveys_id_with_this_secret_is_refused():
    """Even signed with the site's key (someone who has it), the secret of one survey opens no other."""
    survey, signed = sent_survey()
    other, _ = sent_survey()
    secret = signing.loads(signed, salt=SALT)["t"]
    forged = signing.dumps({"s": other.pk, "t": secret}, salt=SALT)
    assert code_of(forged) == INVALID


def test_a_link_signed_for_another_purpose_is_refused():
    survey, signed = sent_survey()
    secret = signing.loads(signed, salt=SALT)["t"]
    assert code_of(signing.dumps({"s": survey.pk, "t": secret})) == INVALID


def test_a_survey_not_sent_has_no_working_link():
    survey, signed = sent_survey()
    secret = signing.loads(signed, salt=SALT)["t"]
    Survey.objects.filter(pk=survey.pk).update(sent_at=None, expires_at=None)
    assert code_of(signing.dumps({"s": survey.pk, "t": secret}, salt=SALT)) == INVALID


@pytest.mark.parametrize("garbage", ["", "x", "a:b:c", "::", "é" * 10, "A" * 5000])
def test_garbage_is_refused(garbage):
    sent_survey()
    assert code_of(garbage) == INVALID


@pytest.mark.parametrize("payload", [[1, 2], {"s": "1", "t": 2}], ids=["a-list", "a-wrong-types"])
def test_signed_garbage_is_refused(payload):
    # Signed when the test runs: a signature holds its timestamp, so a value made at import time would
    # differ from one pytest-xdist worker to the other (and so would the test's id).
    sent_survey()
    assert code_of(signing.dumps(payload, salt=SALT)) == INVALID


def test_the_reminder_has_its_own_link_and_the_first_one_keeps_working():
    survey, first = sent_survey(days_ago=8)
    assert survey_remind(survey_id=survey.pk, now=timezone.now())
    second = link_in_last_email()
    assert second != first
    assert survey_of_link(first) == survey_of_link(second) == survey
    survey_answer(signed=second, answers=JOB_SEEKING)
    assert code_of(first) == USED
