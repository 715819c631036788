"""Where the classroom part of a session ends: the session's end minus the internship at 35 h a week."""

import datetime

import pytest

from gen.cohorts.schedule import classroom_end
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db
START = datetime.date(2027, 1, 4)
END = datetime.date(2027, 7, 2)


@pytest.mark.parametrize(
    ("hours_in_company", "expected"),
    [
        (280, END - datetime.timedelta(weeks=8)),  # two months full time
        (70, END - datetime.timedelta(weeks=2)),
        (100, END - datetime.timedelta(weeks=3)),  # a started week counts whole
        (0, END),  # no internship: classes until the end
        (35 * 52, START),  # never before the session starts
    ],
)
def test_classroom_ends_the_internship_weeks_before_the_session(hours_in_company, expected):
    session = SessionFactory(start_date=START, end_date=END, course__hours_in_company=hours_in_company)
    assert classroom_end(session) == expected
