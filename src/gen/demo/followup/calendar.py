"""The days a training centre is open: weekdays, French public holidays excepted."""

import datetime
from functools import cache

# (month, day) of the fixed public holidays.
FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))
# Easter Monday, Ascension Day and Whit Monday, in days after Easter Sunday.
EASTER_HOLIDAYS = (1, 39, 50)


def easter_sunday(year: int) -> datetime.date:
    """The Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@cache
def public_holidays(year: int) -> frozenset[datetime.date]:
    easter = easter_sunday(year)
    return frozenset(
        [datetime.date(year, month, day) for month, day in FIXED_HOLIDAYS]
        + [easter + datetime.timedelta(days=days) for days in EASTER_HOLIDAYS]
    )


def is_open(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def open_days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The open days from `first` to `last`, both included."""
    days = (first + datetime.timedelta(days=offset) for offset in range((last - first).days + 1))
    return [day for day in days if is_open(day)]


def open_day_on_or_before(day: datetime.date) -> datetime.date:
    while not is_open(day):
        day -= datetime.timedelta(days=1)
    return day
