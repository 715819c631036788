"""The shape of a session in time: classes first, then the internship in a company."""

import datetime
import math

# A full-time internship: the hours a course spends in a company are worked at this pace.
INTERNSHIP_HOURS_PER_WEEK = 35


def classroom_end(session) -> datetime.date:
    """The last day of a session's classroom part.

    Sessions carry only their first and last day; the course says how many hours its learners spend in
    a company. The internship closes the session, full time: it takes ⌈hours in company / 35⌉ weeks,
    counted back from the session's end, and the classroom part ends that many weeks before it (280 hours:
    8 weeks). A course without internship has classes until the session ends; the classroom part never
    ends before the session starts.
    """
    weeks = math.ceil(session.course.hours_in_company / INTERNSHIP_HOURS_PER_WEEK)
    return max(session.start_date, session.end_date - datetime.timedelta(weeks=weeks))
