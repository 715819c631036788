import dataclasses
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gen.catalogue.models import Job
from gen.demo.models import DemoDataset
from gen.demo.people import DEMO_PASSWORD, DEMO_USERS
from gen.demo.scales import NATIONAL, SCALES
from gen.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def seed_demo(*args, **options) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_seed_demo_prints_the_logins_of_every_role(debug):
    output = seed_demo("--scale", "small")

    assert "Created the small demo" in output
    assert f"password for all: {DEMO_PASSWORD}" in output
    for user in DEMO_USERS:
        assert user.email in output
    for role in (
        "National team",
        "Reviewer",
        "Training organisation member (administrator)",
        "Prescriber",
        "Funder",
        "Candidate",
    ):
        assert role in output
    assert "Pop Académie numérique" in output


def test_seed_demo_twice_does_nothing_the_second_time(debug):
    seed_demo("--scale", "small")
    organisations = Organisation.objects.count()

    output = seed_demo("--scale", "small")

    assert "already there: nothing done" in output
    assert "demo-gen-2026" in output
    assert Organisation.objects.count() == organisations
    assert DemoDataset.objects.count() == 1


def test_seed_demo_of_another_scale_asks_for_reset(debug):
    seed_demo("--scale", "small")

    output = seed_demo("--scale", "national")

    assert "Use --reset to re-create it at the national scale." in output
    assert DemoDataset.objects.get().scale == "small"


def test_seed_demo_reset_recreates_the_data(debug, monkeypatch):
    # Without applicants (tested in test_admissions_demo), the national scale seeds in a second.
    monkeypatch.setitem(SCALES, "national", dataclasses.replace(NATIONAL, admissions_sessions=0))
    seed_demo("--scale", "small")

    output = seed_demo("--scale", "national", "--reset")

    assert "Created the national demo" in output
    assert DemoDataset.objects.get().scale == "national"


def test_seed_demo_refuses_to_create_demo_users_in_production(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--allow-demo-users"):
        seed_demo("--scale", "small")

    assert not DemoDataset.objects.exists()


def test_seed_demo_creates_demo_users_in_production_when_explicitly_allowed(settings):
    settings.DEBUG = False

    output = seed_demo("--scale", "small", "--allow-demo-users")

    assert "Created the small demo" in output


def test_seed_demo_without_reference_data_says_which_commands_to_run(debug):
    Job.objects.all().delete()

    with pytest.raises(CommandError, match="run `gen load-territories` and `gen load-rome` first"):
        seed_demo("--scale", "small")
