"""A national admission round on PostgreSQL: 100,000 candidates, ~300,000 wishes, 10,000 sessions of 24.

    make bench    # or: DATABASE_URL=postgres://…/gen_bench .venv/bin/python bench/admissions_round.py

The first run builds the campaign "bench-100k" from `gen.matching.synthetic.national_round` (users,
candidates, applications with frozen call orders, wishes: bulk SQL, one password hash for all; not
timed) under an organisation of its own; later runs reuse it. Then it times the round as
`gen admissions-round --apply` runs it (load, solve, write, e-mails), in a transaction rolled back
at the end so that every run measures the same thing. Target: the whole round in 30 s or less.
"""

import datetime
import io
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gen.settings.dev")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from gen.accounts.models import User  # noqa: E402
from gen.admissions.models import (  # noqa: E402
    Application,
    Campaign,
    CampaignSession,
    Candidate,
    Offer,
    OfferTransition,
    Selection,
    Wish,
)
from gen.admissions.services.rounds import round_apply, round_load, round_solve  # noqa: E402
from gen.catalogue.models import Course, Session  # noqa: E402
from gen.matching.synthetic import national_round  # noqa: E402
from gen.notifications.models import OutboxMessage  # noqa: E402
from gen.notifications.services import email_enqueue  # noqa: E402
from gen.organisations.models import Organisation  # noqa: E402
from gen.organisations.validators import luhn_is_valid  # noqa: E402
from gen.territories.models import Commune  # noqa: E402

SLUG = "bench-100k"
CANDIDATES = 100_000
SESSIONS_PER_COURSE = 10
EMAIL = "round-bench-{}@bench.gen.example.org"
ENQUEUED = 1_000


class Rollback(Exception):
    pass


def build() -> Campaign:
    campaign = Campaign.objects.filter(slug=SLUG).first()
    if campaign is not None:
        return campaign
    started = time.perf_counter()
    synthetic = national_round(CANDIDATES)
    commune = Commune.objects.order_by("-population").first()
    if commune is None:
        sys.exit("No communes: load the reference data first (gen load-territories).")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name="Bench 100k", slug=SLUG, wishes_close_on=datetime.date(2000, 1, 1), max_wishes=5
        )
        session_ids = _sessions(campaign, len(synthetic.capacity), commune)
        candidate_ids = _candidates(commune)
        counts = np.diff(synthetic.wish_ptr)
        wish_candidate = np.repeat(candidate_ids, counts)
        wish_number = np.arange(len(wish_candidate)) - np.repeat(synthetic.wish_ptr[:-1], counts) + 1
        wish_session = session_ids[synthetic.wish_session]
        _applications(wish_candidate, wish_session, synthetic.wish_rank + 1)
        _wishes(campaign, wish_candidate, wish_session, wish_number)
    with connection.cursor() as cursor:
        for model in (User, Candidate, Session, Selection, CampaignSession, Application, Wish):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    print(f"Built the campaign {SLUG!r} in {time.perf_counter() - started:.0f} s.")
    return campaign


def _siret() -> str:
    for number in range(10**8, 10**9):
        siren = str(number)
        if luhn_is_valid(siren):
            return next(siren + f"0001{d}" for d in range(10) if luhn_is_valid(siren + f"0001{d}"))
    raise RuntimeError("no SIRET")


def _sessions(campaign: Campaign, count: int, commune: Commune) -> np.ndarray:
    organisation = Organisation.objects.create(
        name="Fabrique du banc d'essai", slug="fabrique-banc-essai", siret=_siret(), commune=commune
    )
    courses = Course.objects.bulk_create(
        Course(
            organisation=organisation,
            title=f"Développeur web {index}",
            slug=f"banc-essai-developpeur-web-{index}",
            summary="Formation du banc d'essai du tour national.",
            hours_in_centre=560,
            address="1 rue du Banc",
            commune=commune,
        )
        for index in range(-(-count // SESSIONS_PER_COURSE))
    )
    start = datetime.date(2027, 3, 1)
    sessions = Session.objects.bulk_create(
        Session(
            course=courses[index // SESSIONS_PER_COURSE],
            name=f"Promotion {index % SESSIONS_PER_COURSE + 1}",
            start_date=start,
            end_date=start + datetime.timedelta(days=180),
            application_opens_on=datetime.date(2026, 9, 1),
            application_closes_on=datetime.date(2027, 1, 31),
        )
        for index in range(count)
    )
    now = timezone.now()
    Selection.objects.bulk_create(
        Selection(session=session, call_order_frozen_at=now) for session in sessions
    )
    CampaignSession.objects.bulk_create(
        CampaignSession(campaign=campaign, session=session) for session in sessions
    )
    return np.array([session.pk for session in sessions], dtype=np.int64)


def _candidates(commune: Commune) -> np.ndarray:
    password = make_password("bench-round-2026")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {User._meta.db_table}
                (email, password, first_name, last_name, is_active, is_staff, is_superuser, date_joined)
            SELECT format(%s, i), %s, '', '', true, false, false, now() FROM generate_series(1, %s) AS i
            """,
            [EMAIL.replace("{}", "%s"), password, CANDIDATES],
        )
        cursor.execute(
            f"""
            INSERT INTO {Candidate._meta.db_table}
                (user_id, birth_date, gender, diploma_level, is_job_seeker, commune_id, lives_in_qpv_or_zrr,
                 is_scholarship_holder, heard_from, consent_at, privacy_notice_version, created_at, updated_at)
            SELECT id, date '1998-04-01', 'woman', '4', true, %s, false, false, 'france_travail', now(),
                   '2026-11', now(), now()
            FROM {User._meta.db_table} WHERE email LIKE %s ORDER BY id
            RETURNING id
            """,
            [commune.pk, EMAIL.format("%")],
        )
        return np.sort(np.array([row[0] for row in cursor.fetchall()], dtype=np.int64))


def _applications(candidate: np.ndarray, session: np.ndarray, position: np.ndarray) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {Application._meta.db_table}
                (candidate_id, session_id, state, motivation, availability, rank, call_position,
                 refusal_reason, refusal_comment, created_at, updated_at)
            SELECT c, s, 'ranked', 'Motivation du banc d''essai.', 'Disponible.', p, p, '', '', now(), now()
            FROM unnest(%s::bigint[], %s::bigint[], %s::integer[]) AS w(c, s, p)
            """,
            [candidate.tolist(), session.tolist(), position.tolist()],
        )


def _wishes(campaign: Campaign, candidate: np.ndarray, session: np.ndarray, number: np.ndarray) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {Wish._meta.db_table} (campaign_id, candidate_id, application_id, rank)
            SELECT %s, w.c, a.id, w.n
            FROM unnest(%s::bigint[], %s::bigint[], %s::integer[]) AS w(c, s, n)
            JOIN {Application._meta.db_table} a ON a.candidate_id = w.c AND a.session_id = w.s
            """,
            [campaign.pk, candidate.tolist(), session.tolist(), number.tolist()],
        )


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started


def rolled_back(function, *args, **kwargs):
    """Time `function` in a transaction rolled back afterwards, so every run starts from the same data."""
    with connection.cursor() as cursor:  # what earlier rollbacks left behind would skew the plans
        for model in (Offer, OfferTransition, OutboxMessage, CampaignSession, Selection):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    try:
        with transaction.atomic():
            value, seconds = timed(function, *args, **kwargs)
            raise Rollback
    except Rollback:
        return value, seconds


def enqueue_one_by_one(campaign: Campaign, count: int) -> None:
    session = Session.objects.filter(campaign_session__campaign=campaign).select_related(
        "course__organisation"
    )[0]
    context = {
        "campaign": campaign,
        "session": session,
        "deadline": timezone.now(),
        "space_url": "/",
        "wishes_url": "/",
    }
    for index in range(count):
        email_enqueue(
            to=EMAIL.format(index), template="admissions/emails/round_offer", context=context, kind="bench"
        )


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("This benchmark runs on PostgreSQL: set DATABASE_URL.")
    campaign = build()
    loaded, load_seconds = timed(round_load, campaign)
    result, solve_seconds = timed(round_solve, loaded)
    applied, apply_seconds = rolled_back(round_apply, campaign=campaign, acting_user=None)
    _, command_seconds = rolled_back(
        call_command, "admissions_round", SLUG, "--apply", stdout=io.StringIO(), verbosity=0
    )
    _, enqueue_seconds = rolled_back(enqueue_one_by_one, campaign, ENQUEUED)
    print(
        f"{connection.vendor}, campaign {SLUG!r}: {result.candidates:,} candidates, {loaded.wishes:,} wishes, "
        f"{len(loaded.session_ids):,} sessions; {result.placed:,} placed "
        f"({result.placed_first_wish:,} on their first wish), {result.unplaced:,} without a place, "
        f"{result.allocation.rounds} proposal rounds.\n"
    )
    rows = [("dry run: load", load_seconds), ("dry run: solve", solve_seconds)]
    rows += [(f"apply: {step}", seconds) for step, seconds in applied.seconds.items()]
    rows += [
        ("apply: whole round (one transaction)", apply_seconds),
        ("gen admissions-round --apply", command_seconds),
        (f"e-mails one by one: {ENQUEUED:,} × email_enqueue", enqueue_seconds),
    ]
    width = max(len(step) for step, _ in rows)
    print(f"| {'step':<{width}} | {'seconds':>8} |")
    print(f"|{'-' * (width + 2)}|{'-' * 10}|")
    for step, seconds in rows:
        print(f"| {step:<{width}} | {seconds:8.2f} |")
    per_message = enqueue_seconds / ENQUEUED
    print(
        f"\nTarget: the whole round in 30 s or less. Rendering each e-mail ({per_message * 1000:.2f} ms each) "
        f"would add {per_message * result.placed:.0f} s. Every transaction is rolled back: nothing is kept."
    )


if __name__ == "__main__":
    main()
