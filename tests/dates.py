"""Dates as the French pages write them, spelled out here rather than asked of Django's formats."""

import datetime

from django.utils import timezone

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


def french_date(value: datetime.date | datetime.datetime) -> str:
    """`6 avril 2027`: the day without a leading zero, the month in words (Django's "j F Y" in French).
    An aware datetime is read in the current time zone (Europe/Paris) first."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
