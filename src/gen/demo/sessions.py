"""Sessions ("promotions"): two a year from January of the previous year, 24 places, partly taken."""

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
    ctx.create_per_course(
        "sessions",
        Session,
        lambda course: course_sessions(rng, course, ctx.today, per_course),
        rows_per_course=per_course,
    )


def clear() -> None:
    Session.objects.filter(course__organisation__in=demo_organisations()).delete()


def course_sessions(rng: random.Random, course: Course, today: datetime.date, count: int) -> list[Session]:
    first_month = rng.choices(list(FIRST_MONTHS), weights=list(FIRST_MONTHS.values()))[0]
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
                places_taken=_places_taken(rng, capacity, today, opens, closes, start),
                application_opens_on=opens,
                application_closes_on=closes,
            )
        )
    return sessions


def _first_monday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=-first.weekday() % 7)


def _places_taken(
    rng: random.Random,
    capacity: int,
    today: datetime.date,
    opens: datetime.date,
    closes: datetime.date,
    start: datetime.date,
) -> int:
    """Full or nearly so once selection is over, filling up while applications are open, empty before."""
    if today < opens:
        return 0
    if today > closes:
        return capacity if rng.random() < 0.5 else rng.randint(capacity * 2 // 3, capacity)
    if rng.random() < 0.15:
        return capacity
    progress = (today - opens).days / max((closes - opens).days, 1)
    return min(capacity, round(capacity * progress * rng.uniform(0.3, 1.3)))
