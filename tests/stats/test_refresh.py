"""`gen refresh-stats` counts every session again, from scratch."""

import datetime
import io

from django.core.management import call_command

from gen.stats.filters import Filters
from gen.stats.models import SessionFigures
from gen.stats.selectors import refreshed_at, totals
from tests.factories import SessionFactory


def test_the_command_counts_every_session_including_those_without_learners(network):
    SessionFactory()
    out = io.StringIO()
    call_command("refresh_stats", "--apply", stdout=out)
    assert "4 sessions, 9 learners, 7 situations known at 6 months (5 in employment)" in out.getvalue()
    assert SessionFigures.objects.count() == 4
    assert refreshed_at() is not None


def test_without_apply_the_command_writes_nothing(network):
    network.lille_2024.enrolments.filter(status="enrolled").delete()
    out = io.StringIO()
    call_command("refresh_stats", stdout=out)
    assert "8 learners" in out.getvalue()
    assert "Dry run: nothing written." in out.getvalue()
    assert SessionFigures.objects.get(session=network.lille_2024).learners == 7


def test_figures_follow_the_records_only_once_refreshed(network):
    filters = Filters(period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31))
    network.lille_2024.enrolments.filter(status="enrolled").delete()
    assert totals(filters)["learners"].value == 7
    call_command("refresh_stats", "--apply", stdout=io.StringIO())
    assert totals(filters)["learners"].value == 6


def test_a_deleted_session_leaves_the_figures(network):
    network.paris_2025.enrolments.all().delete()
    network.paris_2025.applications.all().delete()
    network.paris_2025.delete()
    assert not SessionFigures.objects.filter(session_id=network.paris_2025.pk).exists()
