"""`gen expire-labels`: a dry run says what would expire; --apply expires it."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from gen.catalogue.models import Course
from gen.labelling.models import Label
from gen.territories.models import Commune
from tests.factories import CourseFactory, LabelFactory

pytestmark = pytest.mark.django_db


def ended(course, *, status=Label.Status.ACTIVE, days_ago=1) -> Label:
    today = timezone.localdate()
    return LabelFactory(
        course=course,
        status=status,
        valid_from=today - datetime.timedelta(days=1100),
        valid_until=today - datetime.timedelta(days=days_ago),
    )


@pytest.fixture
def labels(today):
    lens = Commune.objects.get(insee_code="62498")
    gone = CourseFactory(
        title="Développeur web", labelled=False, commune=lens, organisation__name="Pop School"
    )
    renewed = CourseFactory(title="Data analyste", commune=lens, organisation__name="Pixel Campus")
    return {
        "ended": ended(gone),
        "ended_suspended": ended(renewed, status=Label.Status.SUSPENDED, days_ago=10),
        "in_force": renewed.labels.get(status=Label.Status.ACTIVE),
        "ends_today": LabelFactory(valid_until=today),
    }


def run(*args) -> str:
    out = StringIO()
    call_command("expire_labels", *args, stdout=out)
    return out.getvalue()


def test_dry_run_reports_without_changing_anything(labels, today):
    output = run()

    assert f"2 label(s) would expire today ({today:%Y-%m-%d})." in output
    assert "1 course(s) leave the catalogue:" in output
    assert "  - Développeur web – Pop School (Lens)" in output
    assert "Data analyste" not in output  # its renewed label is in force
    assert "Run with --apply" in output
    assert set(Label.objects.values_list("status", flat=True)) == {"active", "suspended"}
    assert not labels["ended"].transitions.exists()


def test_apply_expires_the_labels_and_logs_it(labels, today):
    output = run("--apply")

    assert f"Expired 2 label(s) on {today:%Y-%m-%d}." in output
    assert "  - Développeur web – Pop School (Lens)" in output
    for key in ("ended", "ended_suspended"):
        label = labels[key]
        label.refresh_from_db()
        assert label.status == Label.Status.EXPIRED
        assert label.transitions.get().to_state == "expired"
    for key in ("in_force", "ends_today"):
        labels[key].refresh_from_db()
        assert labels[key].status == Label.Status.ACTIVE
    assert not Course.objects.get(pk=labels["ended"].course_id).is_listed

    assert "0 label(s) would expire today" in run()


def test_nothing_to_expire():
    output = run()
    assert "0 label(s) would expire today" in output
    assert "No course leaves the catalogue." in output
    assert "--apply" not in output
