"""Stress data for the indicators' benchmark: 1,000,000 learners and about 3,000,000 outcome records.

    DATABASE_URL=postgres://…/gen_stats_bench .venv/bin/python bench/stats_data.py

On a PostgreSQL database holding the reference data (gen load-territories, gen load-rome), builds
under organisations of its own ("Fabrique du banc d'essai des statistiques …", idempotent: nothing is
done when they exist):
- 1,000 organisations in the 1,000 most populous communes, 5,000 courses (one or two digital métiers),
  50,000 sessions of 24 places starting from 2019 to 2025 (six months each);
- 2,500,000 candidates and 5,000,000 applications (100 per session): 20 accepted an offer, 2 declined
  one, the others were not selected — about 22 % of the applications received an offer;
- 1,000,000 enrolments (20 a session; 80 % completed, 20 % dropped out) with profiles near the seeds:
  60 % at bac level or below, 69 % under 30, 40 % women;
- the follow-up surveys due by today (end, 3, 6 and 12 months; 3 for those who dropped out), 78 %
  answered, and an outcome for each answer (about 70 % in employment at 6 months), plus earlier answers
  of learners who answered twice and outcomes recorded by organisations.
Everything is written by set-based SQL (generate_series, INSERT … SELECT) in a few minutes.
"""

import datetime
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gen.settings.dev")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from gen.catalogue.models import Course, Job, Session  # noqa: E402
from gen.organisations.models import Organisation  # noqa: E402
from gen.organisations.validators import luhn_is_valid  # noqa: E402
from gen.territories.models import Commune  # noqa: E402

NAME = "Fabrique du banc d'essai des statistiques"
SLUG = "banc-essai-statistiques"
ORGANISATIONS = 1_000
COURSES_PER_ORGANISATION = 5
SESSIONS_PER_COURSE = 10
LEARNERS_PER_SESSION = 20
DECLINED_PER_SESSION = 2
APPLICATIONS_PER_SESSION = 100
OTHER_CANDIDATES = 1_500_000
FIRST_YEAR, LAST_YEAR = 2019, 2025
EMAIL = "stats-bench-%s@bench.gen.example.org"
# Digital métiers most courses lead to (the first of them when a course has one).
JOBS = ["M1805", "M1810", "E1205", "M1806", "M1801", "M1802", "I1401", "M1803", "E1101", "M1811", "M1844"]


def sessions_count() -> int:
    return ORGANISATIONS * COURSES_PER_ORGANISATION * SESSIONS_PER_COURSE


def exists() -> bool:
    return Organisation.objects.filter(slug=f"{SLUG}-0").exists()


def _sirets(count: int) -> list[str]:
    sirets, number = [], 10**8
    while len(sirets) < count:
        number += 1
        siren = str(number)
        if luhn_is_valid(siren):
            sirets.extend(siren + f"0001{d}" for d in range(10) if luhn_is_valid(siren + f"0001{d}"))
    return sirets[:count]


def _catalogue() -> None:
    communes = list(Commune.objects.order_by("-population", "insee_code")[:ORGANISATIONS])
    if len(communes) < ORGANISATIONS:
        sys.exit("Load the communes first: gen load-territories.")
    jobs = {job.code: job for job in Job.objects.filter(code__in=JOBS)}
    if not jobs:
        sys.exit("Load the ROME métiers first: gen load-rome.")
    job_list = [jobs[code] for code in JOBS if code in jobs]
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"{NAME} {index}", slug=f"{SLUG}-{index}", siret=siret, commune=communes[index])
        for index, siret in enumerate(_sirets(ORGANISATIONS))
    )
    courses = Course.objects.bulk_create(
        Course(
            organisation=organisation,
            title=f"Développeur web {index}",
            slug=f"{SLUG}-formation-{index}",
            summary="Formation du banc d'essai des statistiques.",
            hours_in_centre=560,
            hours_in_company=280,
            address="1 rue du Banc",
            commune=organisation.commune,
        )
        for index, organisation in enumerate(
            organisation for organisation in organisations for _ in range(COURSES_PER_ORGANISATION)
        )
    )
    links = []
    for index, course in enumerate(courses):
        links.append(Course.jobs.through(course=course, job=job_list[index % len(job_list)]))
        if index % 3 == 0:
            links.append(Course.jobs.through(course=course, job=job_list[(index + 5) % len(job_list)]))
    Course.jobs.through.objects.bulk_create(links)
    years = LAST_YEAR - FIRST_YEAR + 1
    sessions = []
    for index, course in enumerate(courses):
        for number in range(SESSIONS_PER_COURSE):
            # Spread over the years and the months, so that every year has about as many sessions.
            slot = (index * SESSIONS_PER_COURSE + number) % (years * 12)
            start = datetime.date(FIRST_YEAR + slot // 12, slot % 12 + 1, 1 + index % 20)
            sessions.append(
                Session(
                    course=course,
                    name=f"Promotion {number + 1}",
                    start_date=start,
                    end_date=start + datetime.timedelta(days=182),
                    capacity=24,
                    places_taken=LEARNERS_PER_SESSION,
                    application_opens_on=start - datetime.timedelta(days=90),
                    application_closes_on=start - datetime.timedelta(days=30),
                )
            )
    Session.objects.bulk_create(sessions, batch_size=5000)


STEPS = {
    "sessions index": f"""
        CREATE TEMP TABLE bench_session AS
        SELECT row_number() OVER (ORDER BY s.id) - 1 AS idx, s.id, s.start_date, s.end_date, c.commune_id
        FROM catalogue_session s JOIN catalogue_course c ON c.id = s.course_id
        JOIN organisations_organisation o ON o.id = c.organisation_id WHERE o.slug LIKE '{SLUG}-%%';
        CREATE UNIQUE INDEX ON bench_session (idx); ANALYZE bench_session;
    """,
    "users": """
        INSERT INTO accounts_user (email, password, first_name, last_name, is_active, is_staff, is_superuser,
                                   date_joined)
        SELECT format(%(email)s, i), '!', '', '', true, false, false, now()
        FROM generate_series(0, %(candidates)s - 1) AS i;
    """,
    "candidates": """
        SELECT setseed(0.2026);
        CREATE TEMP TABLE bench_user AS
        SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id FROM accounts_user WHERE email LIKE %(like)s;
        INSERT INTO admissions_candidate
            (user_id, birth_date, gender, diploma_level, is_job_seeker, commune_id, lives_in_qpv_or_zrr,
             is_scholarship_holder, heard_from, consent_at, privacy_notice_version, created_at, updated_at)
        SELECT u.id,
               -- learners: 40 %% under 26 and 69 %% under 30 on their session's first day
               CASE WHEN s.idx IS NULL THEN date '2002-01-01' - (random() * 12000)::int
                    ELSE (s.start_date - make_interval(years => CASE
                              WHEN a.r < 0.40 THEN 18 + floor(a.r / 0.40 * 8)::int
                              WHEN a.r < 0.69 THEN 26 + floor((a.r - 0.40) / 0.29 * 4)::int
                              ELSE 30 + floor((a.r - 0.69) / 0.31 * 26)::int END))::date
                         - (random() * 360)::int END,
               CASE WHEN random() < 0.40 THEN 'woman' WHEN random() < 0.95 THEN 'man' ELSE 'unsaid' END,
               CASE WHEN a.d < 0.15 THEN 'none' WHEN a.d < 0.35 THEN '3' WHEN a.d < 0.60 THEN '4'
                    WHEN a.d < 0.80 THEN '5' WHEN a.d < 0.92 THEN '6' ELSE '7' END,
               random() < 0.65, coalesce(s.commune_id, %(commune)s), random() < 0.20, random() < 0.15,
               'france_travail', now(), '2026-11', now(), now()
        FROM bench_user u
        CROSS JOIN LATERAL (SELECT random() + 0 * u.idx AS r, random() + 0 * u.idx AS d) a
        LEFT JOIN bench_session s ON u.idx < %(learners)s AND s.idx = u.idx / %(per_session)s
        ORDER BY u.idx;
        CREATE TEMP TABLE bench_candidate AS
        SELECT u.idx, c.id FROM bench_user u JOIN admissions_candidate c ON c.user_id = u.id;
        CREATE UNIQUE INDEX ON bench_candidate (idx); ANALYZE bench_candidate;
    """,
    "applications": """
        INSERT INTO admissions_application
            (candidate_id, session_id, state, motivation, availability, rank, call_position, refusal_reason,
             refusal_comment, created_at, updated_at)
        SELECT c.id, s.id,
               CASE WHEN j < %(per_session)s THEN 'admitted' WHEN j < %(offered)s THEN 'ranked' ELSE 'refused' END,
               'Motivation du banc d''essai.', 'Disponible.',
               CASE WHEN j < %(offered)s THEN j + 1 END, CASE WHEN j < %(offered)s THEN j + 1 END,
               CASE WHEN j < %(offered)s THEN '' ELSE 'motivation' END, '',
               s.start_date - 60, s.start_date - 60
        FROM bench_session s CROSS JOIN generate_series(0, %(applications)s - 1) AS j
        JOIN bench_candidate c ON c.idx = CASE
            WHEN j < %(per_session)s THEN s.idx * %(per_session)s + j
            ELSE %(learners)s + (s.idx * (%(applications)s - %(per_session)s) + j - %(per_session)s) %% %(others)s END;
    """,
    "offers": """
        INSERT INTO admissions_offer (application_id, session_id, state, sent_at, deadline, answered_at)
        SELECT a.id, a.session_id, CASE WHEN a.state = 'admitted' THEN 'accepted' ELSE 'declined' END,
               a.created_at + interval '20 days', a.created_at + interval '25 days',
               a.created_at + interval '22 days'
        FROM admissions_application a JOIN bench_session s ON s.id = a.session_id WHERE a.rank IS NOT NULL;
    """,
    "enrolments": """
        SELECT setseed(0.2027);
        INSERT INTO cohorts_enrolment (application_id, session_id, candidate_id, status, enrolled_at,
                                       dropped_out_on, drop_out_reason, drop_out_comment, completed_on)
        SELECT a.id, a.session_id, a.candidate_id, CASE WHEN x.r < 0.8 THEN 'completed' ELSE 'dropped_out' END,
               a.created_at + interval '22 days',
               CASE WHEN x.r >= 0.8 THEN s.start_date + (x.r * 500 - 390)::int END,
               CASE WHEN x.r >= 0.8 THEN (ARRAY['job', 'other_training', 'health', 'personal', 'money',
                                                'motivation'])[1 + (x.r * 30)::int %% 6] ELSE '' END,
               '', CASE WHEN x.r < 0.8 THEN s.end_date END
        FROM admissions_application a JOIN bench_session s ON s.id = a.session_id
        CROSS JOIN LATERAL (SELECT random() + 0 * a.id AS r) x
        WHERE a.state = 'admitted';
    """,
    "surveys": """
        SELECT setseed(0.2028);
        INSERT INTO outcomes_survey (enrolment_id, milestone, due_on, sent_at, expires_at, answered_at,
                                     token_hash, reminder_token_hash)
        SELECT e.id, m.milestone, m.due_on,
               CASE WHEN m.due_on < %(today)s THEN m.due_on + time '09:00' END,
               CASE WHEN m.due_on < %(today)s THEN m.due_on + interval '30 days' END,
               CASE WHEN m.due_on + 3 < %(today)s AND random() < 0.78 THEN m.due_on + interval '3 days 10 hours' END,
               CASE WHEN m.due_on < %(today)s THEN md5(e.id::text || m.milestone) ELSE '' END, ''
        FROM cohorts_enrolment e JOIN bench_session s ON s.id = e.session_id
        CROSS JOIN LATERAL (
            SELECT milestone, (coalesce(e.completed_on, e.dropped_out_on) + make_interval(months => months))::date
                   AS due_on
            FROM (VALUES ('end', 0), ('month_3', 3), ('month_6', 6), ('month_12', 12)) AS v(milestone, months)
            WHERE e.status = 'completed' OR milestone <> 'end'
        ) m;
    """,
    "outcomes": """
        SELECT setseed(0.2029);
        CREATE TEMP TABLE bench_answer AS
        SELECT sv.id AS survey_id, sv.enrolment_id, sv.milestone, sv.answered_at, sv.sent_at, random() AS r1,
               random() AS r2, random() AS r3,
               CASE sv.milestone WHEN 'end' THEN 0.45 WHEN 'month_3' THEN 0.60 WHEN 'month_6' THEN 0.70
                    ELSE 0.75 END AS employed
        FROM outcomes_survey sv JOIN cohorts_enrolment e ON e.id = sv.enrolment_id
        JOIN bench_session s ON s.id = e.session_id WHERE sv.sent_at IS NOT NULL;
        CREATE TEMP TABLE bench_situation AS
        SELECT *, CASE WHEN r1 < employed THEN
                    CASE WHEN r2 < 0.43 THEN 'cdi' WHEN r2 < 0.60 THEN 'cdd_long' WHEN r2 < 0.71 THEN 'cdd_short'
                         WHEN r2 < 0.78 THEN 'interim' WHEN r2 < 0.88 THEN 'work_study'
                         WHEN r2 < 0.92 THEN 'subsidised' ELSE 'business_creation' END
                  ELSE CASE WHEN r2 < 0.33 THEN 'training' WHEN r2 < 0.90 THEN 'job_seeking' ELSE 'inactive' END
                  END AS situation
        FROM bench_answer;
        -- The learner's answer, current unless the organisation recorded something later (below).
        INSERT INTO outcomes_outcome (enrolment_id, milestone, situation, interim_six_months_or_more, employer,
                                      job_title, source, source_note, survey_id, recorded_at, is_current)
        SELECT enrolment_id, milestone, situation, CASE WHEN situation = 'interim' THEN r3 < 0.5 END, '', '',
               'learner_survey', '', survey_id, answered_at, true
        FROM bench_situation WHERE answered_at IS NOT NULL;
        -- 5 %% answered twice: their first answer, kept but no longer current.
        INSERT INTO outcomes_outcome (enrolment_id, milestone, situation, employer, job_title, source,
                                      source_note, survey_id, recorded_at, is_current)
        SELECT enrolment_id, milestone, 'job_seeking', '', '', 'learner_survey', '', survey_id,
               answered_at - interval '1 hour', false
        FROM bench_situation WHERE answered_at IS NOT NULL AND r3 < 0.05;
        -- 10 %% of those who did not answer: an outcome the organisation learnt from the employer.
        INSERT INTO outcomes_outcome (enrolment_id, milestone, situation, interim_six_months_or_more, employer,
                                      job_title, source, source_note, recorded_at, is_current)
        SELECT enrolment_id, milestone, situation, CASE WHEN situation = 'interim' THEN r3 < 0.5 END, '', '',
               'employer', '', sent_at + interval '40 days', true
        FROM bench_situation WHERE answered_at IS NULL AND r3 < 0.10;
    """,
}


def build() -> None:
    if exists():
        return
    started = time.perf_counter()
    params = {
        "email": EMAIL,
        "like": EMAIL.replace("%s", "%"),
        "candidates": sessions_count() * LEARNERS_PER_SESSION + OTHER_CANDIDATES,
        "learners": sessions_count() * LEARNERS_PER_SESSION,
        "others": OTHER_CANDIDATES,
        "per_session": LEARNERS_PER_SESSION,
        "offered": LEARNERS_PER_SESSION + DECLINED_PER_SESSION,
        "applications": APPLICATIONS_PER_SESSION,
        "commune": Commune.objects.order_by("-population").values_list("pk", flat=True).first(),
        "today": timezone.localdate(),
    }
    with transaction.atomic():
        _catalogue()
        print(f"catalogue: {time.perf_counter() - started:.0f} s", flush=True)
        with connection.cursor() as cursor:
            for step, sql in STEPS.items():
                cursor.execute(sql, params)
                print(f"{step}: {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        for table in (
            "accounts_user",
            "admissions_candidate",
            "admissions_application",
            "admissions_offer",
            "cohorts_enrolment",
            "outcomes_survey",
            "outcomes_outcome",
            "catalogue_session",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"Stress data built in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    if connection.vendor != "postgresql":
        sys.exit("The stress data is for PostgreSQL: set DATABASE_URL.")
    build()
