"""Sessions ("promotions"): two a year from January of the previous year, 24 places.

Places are taken by the admissions step, as offers are accepted.
"""

import datetime
import random

from gen.catalogue.models import Course, Session
from gen.catalogue.models.sessions import DEFAULT_CAPACITY
from gen.demo.context import DemoContext, demo_organisations

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
# First start month of a course's pair (the second is six months later): March and September first.
FIRST_MONTHS = {3: 5, 1: 2, 4: 2, 2: 1, 5: 1, 6: 1}
CAPACITIES = {DEFAULT_CAPACITY: 17, 20: 1, 16: 1, 12: 1}
# Four months of classes and two of internship: from a Monday to the Friday 26 weeks later.
LENGTH = datetime.timedelta(weeks=26, days=-3)


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("sessions")
    per_course = ctx.scale.sessions_per_course
    pop = ctx.featured.get("pop")
    selecting_month = selection_open_month(ctx.today)
    ctx.create_per_course(
        "sessions",
        Session,
        lambda course: course_sessions(
            rng,
            course,
            ctx.today,
            per_course,
            first_month=selecting_month if pop and course.organisation_id == pop.pk else None,
        ),
        rows_per_course=per_course,
    )


def selection_open_month(today: datetime.date) -> int:
    """The first month of courses whose next session starts in the month after the one 18 days from now:
    its applications opened three weeks ago or more and close tomorrow at the earliest. The Pop
    School-like organisation runs all its courses on that calendar, so that its demo members find a
    selection under way whatever the day."""
    month = (today + datetime.timedelta(days=18)).month % 12 + 1
    return (month - 1) % 6 + 1


def clear() -> None:
    Session.objects.filter(course__organisation__in=demo_organisations()).delete()


def course_sessions(
    rng: random.Random, course: Course, today: datetime.date, count: int, *, first_month: int | None = None
) -> list[Session]:
    # Drawn even when given, so that a given calendar leaves the other courses' sessions unchanged.
    drawn = rng.choices(list(FIRST_MONTHS), weights=list(FIRST_MONTHS.values()))[0]
    first_month = first_month or drawn
    sessions = []
    for number in range(count):
        months = first_month - 1 + 6 * number
        year, month = today.year - 1 + months // 12, months % 12 + 1
        start = _first_monday(year, month) + datetime.timedelta(weeks=1 if rng.random() < 0.3 else 0)
        opens = start - datetime.timedelta(days=rng.randint(84, 98))
        closes = start - datetime.timedelta(days=rng.randint(10, 18))
        capacity = rng.choices(list(CAPACITIES), weights=list(CAPACITIES.values()))[0]
        sessions.append(
            Session(
                course=course,
                name=f"Promotion {MONTHS[month - 1]} {year}",
                start_date=start,
                end_date=start + LENGTH,
                capacity=capacity,
                application_opens_on=opens,
                application_closes_on=closes,
            )
        )
    return sessions


def _first_monday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=-first.weekday() % 7)
