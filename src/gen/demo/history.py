"""The network's past at the stress scale: years of cohorts, so that the statistics have a million
learners to count (bench/indicators.py).

Each of the scale's first `history_courses` courses gets SESSIONS_PER_COURSE sessions that started from
FIRST_YEAR and ended before the scale's own calendar (January of last year), each with its applicants:
LEARNERS_PER_SESSION admitted, two who declined an offer, the others not selected (20 % of the
applications admitted). The learners completed the course or dropped out and were surveyed at the end
and 3, 6 and 12 months later; most answered, some twice, and organisations recorded what they learnt
of some who did not. Profiles and outcomes land near the seeds: 60 % at bac level or below, 69 % under
30, about 70 % in a job or business 6 months after leaving.

Written by set-based SQL (generate_series, INSERT … SELECT) on PostgreSQL, seeded so that the same
demo seed gives the same past: about four minutes for a million learners and three million outcome
records, where the row-by-row writers of the other steps would take hours. The candidates' addresses
start with HISTORY_EMAIL_PREFIX, which is how `clear` finds them.
"""

import datetime

from django.db import connection

from gen.admissions.models.candidates import PRIVACY_NOTICE_VERSION
from gen.catalogue.models import Course, Session
from gen.demo.context import DEMO_DOMAIN, DemoContext, demo_organisations
from gen.demo.sessions import MONTHS

FIRST_YEAR = 2019
SESSIONS_PER_COURSE = 5
CAPACITY = 24
LEARNERS_PER_SESSION = 20
# Offers declined per session: the two candidates called after the learners.
DECLINED_PER_SESSION = 2
APPLICATIONS_PER_SESSION = 100
# Candidates who were never admitted, per session: each applied to about 2.7 sessions.
OTHER_CANDIDATES_PER_SESSION = 30
SESSION_LENGTH = datetime.timedelta(days=182)
HISTORY_EMAIL_PREFIX = "historique-"


class NeedsPostgreSQL(Exception):
    pass


def build(ctx: DemoContext) -> None:
    if not ctx.scale.history_courses:
        return
    if connection.vendor != "postgresql":
        raise NeedsPostgreSQL("The past cohorts of the stress scale are written with PostgreSQL's bulk SQL.")
    sessions = _sessions(ctx)
    learners = len(sessions) * LEARNERS_PER_SESSION
    params = {
        "email": f"{HISTORY_EMAIL_PREFIX}%s@{DEMO_DOMAIN}",
        "like": f"{HISTORY_EMAIL_PREFIX}%@{DEMO_DOMAIN}",
        "seed": (ctx.seed % 10_000) / 10_000,
        "session_ids": [session.pk for session in sessions],
        "sessions": len(sessions),
        "learners": learners,
        "others": len(sessions) * OTHER_CANDIDATES_PER_SESSION,
        "per_session": LEARNERS_PER_SESSION,
        "offered": LEARNERS_PER_SESSION + DECLINED_PER_SESSION,
        "applications": APPLICATIONS_PER_SESSION,
        "notice": PRIVACY_NOTICE_VERSION,
        "today": ctx.today,
    }
    with connection.cursor() as cursor:
        for sql in ctx.progress(STEPS.values(), total=len(STEPS), desc="Past cohorts", unit="steps"):
            cursor.execute(sql, params)
        cursor.execute(COUNTS)
        for name, count in zip(COUNTED, cursor.fetchone(), strict=True):
            ctx.counts[name] += count


def _sessions(ctx: DemoContext) -> list[Session]:
    """Sessions spread over the months from FIRST_YEAR to June two years ago, each ending before the
    scale's own calendar starts."""
    months = (ctx.today.year - 2 - FIRST_YEAR) * 12 + 6
    courses = Course.objects.filter(organisation__in=demo_organisations()).order_by("pk")
    sessions = []
    for index, course in enumerate(courses[: ctx.scale.history_courses].only("pk")):
        for number in range(SESSIONS_PER_COURSE):
            slot = (index * SESSIONS_PER_COURSE + number) % months
            year, month = FIRST_YEAR + slot // 12, slot % 12 + 1
            start = datetime.date(year, month, 1 + index % 20)
            sessions.append(
                Session(
                    course=course,
                    name=f"Promotion {MONTHS[month - 1]} {year}",
                    start_date=start,
                    end_date=start + SESSION_LENGTH,
                    capacity=CAPACITY,
                    places_taken=LEARNERS_PER_SESSION,
                    application_opens_on=start - datetime.timedelta(days=90),
                    application_closes_on=start - datetime.timedelta(days=30),
                )
            )
    return Session.objects.bulk_create(sessions, batch_size=ctx.scale.batch_size)


COUNTED = ("past sessions", "past applications", "past learners", "past follow-up surveys", "past outcomes")
COUNTS = """
    SELECT (SELECT count(*) FROM history_session),
           (SELECT count(*) FROM admissions_application WHERE session_id IN (SELECT id FROM history_session)),
           (SELECT count(*) FROM cohorts_enrolment WHERE session_id IN (SELECT id FROM history_session)),
           (SELECT count(*) FROM outcomes_survey sv JOIN cohorts_enrolment e ON e.id = sv.enrolment_id
            WHERE e.session_id IN (SELECT id FROM history_session)),
           (SELECT count(*) FROM outcomes_outcome o JOIN cohorts_enrolment e ON e.id = o.enrolment_id
            WHERE e.session_id IN (SELECT id FROM history_session))
"""

STEPS = {
    "sessions": """
        CREATE TEMP TABLE history_session ON COMMIT DROP AS
        SELECT ordinality - 1 AS idx, s.id, s.start_date, s.end_date, c.commune_id
        FROM unnest(%(session_ids)s::bigint[]) WITH ORDINALITY AS ids(id, ordinality)
        JOIN catalogue_session s ON s.id = ids.id JOIN catalogue_course c ON c.id = s.course_id;
        CREATE UNIQUE INDEX ON history_session (idx);
        ANALYZE history_session;
    """,
    "users": """
        INSERT INTO accounts_user (email, password, first_name, last_name, is_active, is_staff, is_superuser,
                                   date_joined)
        SELECT format(%(email)s, i), '!', '', '', true, false, false, now()
        FROM generate_series(0, %(learners)s + %(others)s - 1) AS i;
    """,
    # The learners (the first users, LEARNERS_PER_SESSION per session in order) live near their session;
    # their age on the first day: 40 % under 26, 69 % under 30. 60 % at bac level or below.
    "candidates": """
        SELECT setseed(%(seed)s);
        CREATE TEMP TABLE history_user ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id FROM accounts_user WHERE email LIKE %(like)s;
        INSERT INTO admissions_candidate
            (user_id, birth_date, gender, diploma_level, is_job_seeker, commune_id, lives_in_qpv_or_zrr,
             is_scholarship_holder, heard_from, consent_at, privacy_notice_version, created_at, updated_at)
        SELECT u.id,
               CASE WHEN s.idx IS NULL THEN date '2002-01-01' - (random() * 12000)::int
                    ELSE (s.start_date - make_interval(years => CASE
                              WHEN a.age < 0.40 THEN 18 + floor(a.age / 0.40 * 8)::int
                              WHEN a.age < 0.69 THEN 26 + floor((a.age - 0.40) / 0.29 * 4)::int
                              ELSE 30 + floor((a.age - 0.69) / 0.31 * 26)::int END))::date
                         - (random() * 360)::int END,
               CASE WHEN a.gender < 0.34 THEN 'woman' WHEN a.gender < 0.97 THEN 'man' ELSE 'unsaid' END,
               CASE WHEN a.diploma < 0.15 THEN 'none' WHEN a.diploma < 0.35 THEN '3'
                    WHEN a.diploma < 0.60 THEN '4' WHEN a.diploma < 0.80 THEN '5'
                    WHEN a.diploma < 0.92 THEN '6' ELSE '7' END,
               random() < 0.65,
               coalesce(s.commune_id, (SELECT commune_id FROM history_session WHERE idx = u.idx %% %(sessions)s)),
               random() < 0.25, random() < 0.25, 'france_travail', now(), %(notice)s, now(), now()
        FROM history_user u
        CROSS JOIN LATERAL (SELECT random() + 0 * u.idx AS age, random() + 0 * u.idx AS gender,
                                   random() + 0 * u.idx AS diploma) a
        LEFT JOIN history_session s ON u.idx < %(learners)s AND s.idx = u.idx / %(per_session)s
        ORDER BY u.idx;
        CREATE TEMP TABLE history_candidate ON COMMIT DROP AS
        SELECT u.idx, c.id FROM history_user u JOIN admissions_candidate c ON c.user_id = u.id;
        CREATE UNIQUE INDEX ON history_candidate (idx);
        ANALYZE history_candidate;
    """,
    # Per session: its learners first (admitted), two ranked who declined, the rest refused.
    "applications": """
        INSERT INTO admissions_application
            (candidate_id, session_id, state, motivation, availability, rank, call_position, refusal_reason,
             refusal_comment, created_at, updated_at)
        SELECT c.id, s.id,
               CASE WHEN j < %(per_session)s THEN 'admitted' WHEN j < %(offered)s THEN 'ranked'
                    ELSE 'refused' END,
               'Je veux me reconvertir dans le numérique.', 'Disponible à temps plein.',
               CASE WHEN j < %(offered)s THEN j + 1 END, CASE WHEN j < %(offered)s THEN j + 1 END,
               CASE WHEN j < %(offered)s THEN '' ELSE 'motivation' END, '',
               s.start_date - 60, s.start_date - 60
        FROM history_session s CROSS JOIN generate_series(0, %(applications)s - 1) AS j
        JOIN history_candidate c ON c.idx = CASE
            WHEN j < %(per_session)s THEN s.idx * %(per_session)s + j
            ELSE %(learners)s + (s.idx * (%(applications)s - %(per_session)s) + j - %(per_session)s)
                 %% %(others)s END;
    """,
    "offers": """
        INSERT INTO admissions_offer (application_id, session_id, state, sent_at, deadline, answered_at)
        SELECT a.id, a.session_id, CASE WHEN a.state = 'admitted' THEN 'accepted' ELSE 'declined' END,
               a.created_at + interval '20 days', a.created_at + interval '25 days',
               a.created_at + interval '22 days'
        FROM admissions_application a JOIN history_session s ON s.id = a.session_id
        WHERE a.rank IS NOT NULL;
    """,
    # 80 % complete the course (85 % of them with the certification), 20 % drop out.
    "enrolments": """
        SELECT setseed(%(seed)s / 2);
        INSERT INTO cohorts_enrolment (application_id, session_id, candidate_id, status, enrolled_at,
                                       dropped_out_on, drop_out_reason, drop_out_comment, completed_on,
                                       certification_obtained)
        SELECT a.id, a.session_id, a.candidate_id,
               CASE WHEN x.r < 0.8 THEN 'completed' ELSE 'dropped_out' END,
               a.created_at + interval '22 days',
               CASE WHEN x.r >= 0.8 THEN s.start_date + (x.r * 500 - 390)::int END,
               CASE WHEN x.r >= 0.8 THEN (ARRAY['job', 'other_training', 'health', 'personal', 'money',
                                                'motivation'])[1 + (x.r * 30)::int %% 6] ELSE '' END,
               '', CASE WHEN x.r < 0.8 THEN s.end_date END, CASE WHEN x.r < 0.8 THEN x.r < 0.68 END
        FROM admissions_application a JOIN history_session s ON s.id = a.session_id
        CROSS JOIN LATERAL (SELECT random() + 0 * a.id AS r) x
        WHERE a.state = 'admitted';
    """,
    # Every survey due is sent on its day; 78 % are answered three days later.
    "surveys": """
        SELECT setseed(%(seed)s / 3);
        INSERT INTO outcomes_survey (enrolment_id, milestone, due_on, sent_at, expires_at, answered_at,
                                     token_hash, reminder_token_hash)
        SELECT e.id, m.milestone, m.due_on,
               CASE WHEN m.due_on < %(today)s THEN m.due_on + time '09:00' END,
               CASE WHEN m.due_on < %(today)s THEN m.due_on + interval '30 days' END,
               CASE WHEN m.due_on + 3 < %(today)s AND random() < 0.78
                    THEN m.due_on + interval '3 days 10 hours' END,
               CASE WHEN m.due_on < %(today)s THEN md5(e.id::text || m.milestone) ELSE '' END, ''
        FROM cohorts_enrolment e JOIN history_session s ON s.id = e.session_id
        CROSS JOIN LATERAL (
            SELECT milestone,
                   (coalesce(e.completed_on, e.dropped_out_on) + make_interval(months => months))::date AS due_on
            FROM (VALUES ('end', 0), ('month_3', 3), ('month_6', 6), ('month_12', 12)) AS v(milestone, months)
            WHERE e.status = 'completed' OR milestone <> 'end'
        ) m;
    """,
    # In a job or business: 45 % at the end, 60 % at 3 months, 70 % at 6, 75 % at 12.
    "outcomes": """
        SELECT setseed(%(seed)s / 4);
        CREATE TEMP TABLE history_situation ON COMMIT DROP AS
        SELECT *, CASE WHEN r1 < employed THEN
                    CASE WHEN r2 < 0.43 THEN 'cdi' WHEN r2 < 0.60 THEN 'cdd_long'
                         WHEN r2 < 0.71 THEN 'cdd_short' WHEN r2 < 0.78 THEN 'interim'
                         WHEN r2 < 0.88 THEN 'work_study' WHEN r2 < 0.92 THEN 'subsidised'
                         ELSE 'business_creation' END
                  ELSE CASE WHEN r2 < 0.33 THEN 'training' WHEN r2 < 0.90 THEN 'job_seeking'
                            ELSE 'inactive' END
                  END AS situation
        FROM (
            SELECT sv.id AS survey_id, sv.enrolment_id, sv.milestone, sv.answered_at, sv.sent_at,
                   random() AS r1, random() AS r2, random() AS r3,
                   CASE sv.milestone WHEN 'end' THEN 0.45 WHEN 'month_3' THEN 0.60 WHEN 'month_6' THEN 0.70
                        ELSE 0.75 END AS employed
            FROM outcomes_survey sv JOIN cohorts_enrolment e ON e.id = sv.enrolment_id
            JOIN history_session s ON s.id = e.session_id WHERE sv.sent_at IS NOT NULL
        ) answers;
        -- The learner's answer.
        INSERT INTO outcomes_outcome (enrolment_id, milestone, situation, interim_six_months_or_more, employer,
                                      job_title, source, source_note, survey_id, recorded_at, is_current)
        SELECT enrolment_id, milestone, situation, CASE WHEN situation = 'interim' THEN r3 < 0.5 END, '', '',
               'learner_survey', '', survey_id, answered_at, true
        FROM history_situation WHERE answered_at IS NOT NULL;
        -- 5 %% answered twice: their first answer, kept but no longer current.
        INSERT INTO outcomes_outcome (enrolment_id, milestone, situation, employer, job_title, source,
                                      source_note, survey_id, recorded_at, is_current)
        SELECT enrolment_id, milestone, 'job_seeking', '', '', 'learner_survey', '', survey_id,
               answered_at - interval '1 hour', false
        FROM history_situation WHERE answered_at IS NOT NULL AND r3 < 0.05;
        -- 10 %% of those who did not answer: an outcome the organisation learnt from the employer.
        INSERT INTO outcomes_outcome (enrolment_id, milestone, situation, interim_six_months_or_more, employer,
                                      job_title, source, source_note, recorded_at, is_current)
        SELECT enrolment_id, milestone, situation, CASE WHEN situation = 'interim' THEN r3 < 0.5 END, '', '',
               'employer', '', sent_at + interval '40 days', true
        FROM history_situation WHERE answered_at IS NULL AND r3 < 0.10;
    """,
}


def clear() -> None:
    """Remove the past cohorts' rows, found by their candidates' addresses, with a few set-based deletes
    (their sessions go with the sessions step). Portable SQL: a database without them deletes nothing."""
    candidates = (
        "SELECT c.id FROM admissions_candidate c JOIN accounts_user u ON u.id = c.user_id "
        "WHERE u.email LIKE %(like)s"
    )
    enrolments = f"SELECT id FROM cohorts_enrolment WHERE candidate_id IN ({candidates})"
    applications = f"SELECT id FROM admissions_application WHERE candidate_id IN ({candidates})"
    deletes = [
        f"DELETE FROM outcomes_outcome WHERE enrolment_id IN ({enrolments})",
        f"DELETE FROM outcomes_survey WHERE enrolment_id IN ({enrolments})",
        f"DELETE FROM cohorts_enrolment WHERE candidate_id IN ({candidates})",
        f"DELETE FROM admissions_offer WHERE application_id IN ({applications})",
        f"DELETE FROM admissions_application WHERE candidate_id IN ({candidates})",
        f"DELETE FROM admissions_candidate WHERE id IN ({candidates})",
        "DELETE FROM accounts_user WHERE email LIKE %(like)s",
    ]
    with connection.cursor() as cursor:
        for sql in deletes:
            cursor.execute(sql, {"like": f"{HISTORY_EMAIL_PREFIX}%@{DEMO_DOMAIN}"})
