"""What the catalogue lists follows labels and sessions, and moves on with the date."""

import datetime

import pytest
from django.core.management import call_command

from gen.catalogue.models import Course
from gen.catalogue.services import courses_refresh_listing, listing_changes
from gen.labelling.models import Label
from tests.factories import CourseFactory, LabelFactory, SessionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_a_course_is_listed_while_its_label_is_in_force(today):
    course = CourseFactory(labelled=False)
    label = LabelFactory(course=course, valid_from=today - 10 * DAY, valid_until=today + 10 * DAY)
    course.refresh_from_db()
    assert course.is_listed

    courses_refresh_listing(today=today + 11 * DAY)
    course.refresh_from_db()
    assert not course.is_listed

    Label.objects.filter(pk=label.pk).update(status=Label.Status.SUSPENDED)
    courses_refresh_listing(today=today)
    course.refresh_from_db()
    assert not course.is_listed


def test_next_session_start_moves_on_when_a_session_starts(today):
    course = CourseFactory()
    SessionFactory(course=course, start_date=today + 5 * DAY)
    SessionFactory(course=course, start_date=today + 180 * DAY)
    course.refresh_from_db()
    assert course.next_session_start == today + 5 * DAY

    courses_refresh_listing(today=today + 6 * DAY)
    course.refresh_from_db()
    assert course.next_session_start == today + 180 * DAY

    courses_refresh_listing(today=today + 181 * DAY)
    course.refresh_from_db()
    assert course.next_session_start is None


def test_refresh_is_one_statement_touching_only_stale_courses(django_assert_num_queries):
    for _ in range(5):
        SessionFactory()
    assert courses_refresh_listing() == 0  # the factories refreshed them already
    Course.objects.update(is_listed=False)
    labelled = Course.objects.filter(labels__isnull=False).count()

    with django_assert_num_queries(1):  # one UPDATE of the stale rows, with both subqueries
        assert courses_refresh_listing() == labelled


def test_command_reports_then_applies_the_changes(capsys, today):
    course = CourseFactory()
    SessionFactory(course=course, start_date=today + 30 * DAY)
    Course.objects.filter(pk=course.pk).update(is_listed=False, next_session_start=None)
    assert listing_changes() == {"entering": 1, "leaving": 0, "next start moved": 1}

    call_command("refresh_catalogue")
    assert "Would change: 1 entering, 0 leaving, 1 next start moved" in capsys.readouterr().out
    assert not Course.objects.get(pk=course.pk).is_listed

    call_command("refresh_catalogue", "--apply")
    assert "Changed: 1 entering" in capsys.readouterr().out
    assert Course.objects.get(pk=course.pk).is_listed
    assert listing_changes() == {"entering": 0, "leaving": 0, "next start moved": 0}
