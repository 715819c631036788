"""The label's priority publics, as selection sees them: who belongs to which, on a given day.

Age is taken on the first day of the session: a person who turns 26 during selection still counts as
under 26 if they are under 26 when the course starts.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from gen.admissions.models.candidates import BAC_LEVEL_OR_BELOW, Candidate, Gender

YOUNG_AGE_LIMIT = 26


class Public(models.TextChoices):
    # Listed in their default order of precedence (highest first), used when a session sets none:
    # scholarship holders first, as in Parcoursup, then residence, then qualification.
    SCHOLARSHIP_HOLDERS = "scholarship_holders", _("Scholarship holders")
    QPV_ZRR = "qpv_zrr", _("Residents of QPV or ZRR")
    BAC_LEVEL_OR_BELOW = "bac_level_or_below", _("Bac level or below")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    WOMEN = "women", _("Women")
    UNDER_26 = "under_26", _("Under 26")


def publics_of(candidate: Candidate, on_date: datetime.date) -> frozenset[str]:
    publics = set()
    if candidate.is_scholarship_holder:
        publics.add(Public.SCHOLARSHIP_HOLDERS)
    if candidate.lives_in_qpv_or_zrr:
        publics.add(Public.QPV_ZRR)
    if candidate.diploma_level in BAC_LEVEL_OR_BELOW:
        publics.add(Public.BAC_LEVEL_OR_BELOW)
    if candidate.is_job_seeker:
        publics.add(Public.JOB_SEEKERS)
    if candidate.gender == Gender.WOMAN:
        publics.add(Public.WOMEN)
    if candidate.age_on(on_date) < YOUNG_AGE_LIMIT:
        publics.add(Public.UNDER_26)
    return frozenset(publics)
