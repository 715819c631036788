"""The demo's candidates: who they are, drawn to the mix the network reports (seed 001: "60 % de publics
de niveau bac ou infra bac, 69 % de jeunes de moins de 30 ans"), mostly from the session's region.

A Person quacks like a Candidate where `publics_of` looks (its fields and `age_on`), so the call
order sees the demo's candidates as it will see them in the database.
"""

import datetime
import math
import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from gen.admissions.models import DiplomaLevel, Gender, HeardFrom
from gen.demo.admissions import names
from gen.demo.admissions.draws import Weighted
from gen.demo.context import DEMO_DOMAIN
from gen.demo.reference import Reference
from gen.territories.models import Commune

GENDERS = Weighted({Gender.MAN: 64, Gender.WOMAN: 33, Gender.UNSAID: 3})
# Age on the first day of the session: 67 % of candidates under 30, the youngest just out of school; the
# labels' minimum rates for young people lift the learners to about 69 %.
UNDER_30_SHARE = 0.67
YOUNG_AGES = Weighted(dict(zip(range(17, 30), (2, 5, 7, 8, 9, 9, 9, 8, 8, 7, 6, 6, 5), strict=True)))
OLDER_AGES = Weighted({age: 56 - age for age in range(30, 56)})
# About 56 % of candidates at bac level or below, once the youngest have been held back from higher
# diplomas; the labels' minimum rates for people with few qualifications lift the learners to about 60 %.
DIPLOMAS = Weighted(
    {
        DiplomaLevel.NONE: 12,
        DiplomaLevel.LEVEL_3: 14,
        DiplomaLevel.LEVEL_4: 22,
        DiplomaLevel.LEVEL_5: 25,
        DiplomaLevel.LEVEL_6: 18,
        DiplomaLevel.LEVEL_7: 9,
    }
)
HIGHER_DIPLOMA_MIN_AGE = {DiplomaLevel.LEVEL_5: 19, DiplomaLevel.LEVEL_6: 21, DiplomaLevel.LEVEL_7: 23}
JOB_SEEKER_SHARE = 0.65
QPV_ZRR_SHARE = 0.25
SCHOLARSHIP_SHARE = 0.25
# Missions Locales serve people under 26; France Travail mostly job seekers.
MISSION_LOCALE_AGE_LIMIT = 26
HEARD_FROM = {
    HeardFrom.SOCIAL_NETWORKS: 15,
    HeardFrom.WORD_OF_MOUTH: 12,
    HeardFrom.ASSOCIATION: 8,
    HeardFrom.EVENT: 6,
    HeardFrom.OTHER: 4,
}
HEARD_FROM_FRANCE_TRAVAIL = {True: 38, False: 6}
HEARD_FROM_MISSION_LOCALE = 42
# (job seeker, young enough for a Mission Locale) -> where they heard of the course.
HEARD_FROM_BY_SITUATION = {
    (job_seeker, young): Weighted(
        {
            **HEARD_FROM,
            HeardFrom.FRANCE_TRAVAIL: HEARD_FROM_FRANCE_TRAVAIL[job_seeker],
            HeardFrom.MISSION_LOCALE: HEARD_FROM_MISSION_LOCALE if young else 0,
        }
    )
    for job_seeker in (True, False)
    for young in (True, False)
}
# Candidates living outside the session's region.
FROM_ELSEWHERE_SHARE = 0.12


@dataclass(eq=False)
class Person:
    """A demo candidate, before any row is written; `slots` are their applications, in order."""

    number: int
    first_name: str
    last_name: str
    birth_date: datetime.date
    gender: str
    diploma_level: str
    is_job_seeker: bool
    commune: Commune
    lives_in_qpv_or_zrr: bool
    is_scholarship_holder: bool
    heard_from: str
    region_code: str
    # How long before their first application they made their account.
    signed_up_before: datetime.timedelta
    slots: list = field(default_factory=list)
    # A named demo user's existing account, else None (a user is created).
    user_id: int | None = None
    candidate_id: int | None = None

    @property
    def email(self) -> str:
        local = f"{slugify(self.first_name)}.{slugify(self.last_name)}".replace("-", "")
        return f"{local}.{self.number}@{DEMO_DOMAIN}"

    def age_on(self, day: datetime.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


class PersonMaker:
    def __init__(self, rng: random.Random, reference: Reference, region_codes: list[str]):
        self.rng = rng
        self.region_codes = region_codes
        # Bigger towns have more candidates, without taking them all.
        self.communes = {
            code: Weighted({commune: math.sqrt(commune.population) + 1 for commune in communes})
            for code, communes in reference.communes_by_region.items()
            if communes
        }
        self.made = 0

    def make(self, *, region_code: str, session_start: datetime.date) -> Person:
        rng = self.rng
        gender = GENDERS.draw(rng)
        age = (YOUNG_AGES if rng.random() < UNDER_30_SHARE else OLDER_AGES).draw(rng)
        diploma = DIPLOMAS.draw(rng)
        if age < HIGHER_DIPLOMA_MIN_AGE.get(diploma, 0):
            diploma = DiplomaLevel.LEVEL_4
        is_job_seeker = rng.random() < JOB_SEEKER_SHARE
        heard_from = HEARD_FROM_BY_SITUATION[is_job_seeker, age < MISSION_LOCALE_AGE_LIMIT]
        home_region = region_code
        if rng.random() < FROM_ELSEWHERE_SHARE:
            home_region = rng.choice(self.region_codes)
        if gender == Gender.WOMAN or (gender == Gender.UNSAID and rng.random() < 0.5):
            first_names = names.WOMEN
        else:
            first_names = names.MEN
        self.made += 1
        return Person(
            number=self.made,
            first_name=rng.choice(first_names),
            last_name=rng.choice(names.LAST_NAMES),
            birth_date=_birth_date(rng, session_start, age),
            gender=gender,
            diploma_level=diploma,
            is_job_seeker=is_job_seeker,
            commune=self.communes[home_region].draw(rng),
            lives_in_qpv_or_zrr=rng.random() < QPV_ZRR_SHARE,
            is_scholarship_holder=rng.random() < SCHOLARSHIP_SHARE,
            heard_from=heard_from.draw(rng),
            region_code=region_code,
            signed_up_before=datetime.timedelta(minutes=rng.randint(5, 60 * 24 * 10)),
        )


def _birth_date(rng: random.Random, day: datetime.date, age: int) -> datetime.date:
    """A birth date making the person `age` years old on `day`."""
    latest = _years_before(day, age)
    earliest = _years_before(day, age + 1) + datetime.timedelta(days=1)
    return earliest + datetime.timedelta(days=rng.randint(0, (latest - earliest).days))


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
