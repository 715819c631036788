"""The same link sent twice at the same instant (a double tap, two tabs): one answer only (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from gen.outcomes.links import USED, LinkError
from gen.outcomes.models import Outcome
from gen.outcomes.services.surveys import survey_answer
from tests.outcomes.conftest import sent_survey

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TRIES = 6


def test_simultaneous_answers_through_one_link_record_one_outcome(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks and concurrent transactions are PostgreSQL's.")
    survey, signed = sent_survey()
    barrier = threading.Barrier(TRIES)
    refused, lock = [], threading.Lock()

    def answer(situation: str) -> None:
        try:
            barrier.wait()
            survey_answer(
                signed=signed,
                answers={
                    "situation": situation,
                    "interim_six_months_or_more": None,
                    "started_on": None,
                    "employer": "",
                    "job_title": "",
                },
            )
        except LinkError as error:
            with lock:
                refused.append(error.code)
        finally:
            connection.close()

    situations = ["cdi", "training", "job_seeking", "inactive", "cdd_long", "work_study"]
    threads = [threading.Thread(target=answer, args=(situation,)) for situation in situations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert refused == [USED] * (TRIES - 1)
    assert Outcome.objects.filter(survey=survey).count() == 1
    survey.refresh_from_db()
    assert survey.answered_at is not None
