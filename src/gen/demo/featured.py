"""Organisations modelled on the press articles: Pop School's sites around Lille, and the regional
digital hub of Marcq-en-Barœul whose labelled courses go "from software tester to Java administrator".

Communes are given by INSEE code; when one is missing from the database (test samples), the course goes
to one of the most populous communes of the region instead.
"""

from dataclasses import dataclass

from gen.demo import metiers
from gen.demo.metiers import Metier
from gen.demo.scales import HAUTS_DE_FRANCE

LILLE = "59350"
LENS = "62498"
ROUBAIX = "59512"
WILLEMS = "59660"
MARCQ_EN_BAROEUL = "59378"


@dataclass(frozen=True)
class FeaturedCourse:
    metier: Metier
    insee_code: str


@dataclass(frozen=True)
class FeaturedOrganisation:
    key: str
    name: str
    region_code: str
    insee_code: str
    courses: tuple[FeaturedCourse, ...]


# Pop School-like: "développeur web, sécurisation des données, objets connectés"; Lens trains web and
# mobile developers and digital coaches; Roubaix a digital interface designer course; Willems connected
# agriculture. The first four make the small scale.
POP = FeaturedOrganisation(
    key="pop",
    name="Pop Académie numérique",
    region_code=HAUTS_DE_FRANCE,
    insee_code=LILLE,
    courses=(
        FeaturedCourse(metiers.WEB_DEVELOPER, LILLE),
        FeaturedCourse(metiers.DIGITAL_MEDIATOR, LENS),
        FeaturedCourse(metiers.INTERFACE_DESIGNER, ROUBAIX),
        FeaturedCourse(metiers.CONNECTED_AGRICULTURE, WILLEMS),
        FeaturedCourse(metiers.CYBERSECURITY, LILLE),
        FeaturedCourse(metiers.DATA_ANALYST, LILLE),
        FeaturedCourse(metiers.IOT_MAKER, LILLE),
        FeaturedCourse(metiers.WEB_DEVELOPER, LENS),
    ),
)

HUB = FeaturedOrganisation(
    key="hub",
    name="Pôle numérique des Flandres",
    region_code=HAUTS_DE_FRANCE,
    insee_code=MARCQ_EN_BAROEUL,
    courses=(
        FeaturedCourse(metiers.SOFTWARE_TESTER, MARCQ_EN_BAROEUL),
        FeaturedCourse(metiers.JAVA_ADMINISTRATOR, MARCQ_EN_BAROEUL),
    ),
)

FEATURED = (POP, HUB)


def featured_courses(count: int) -> list[tuple[FeaturedOrganisation, FeaturedCourse]]:
    """The first `count` featured courses, in order."""
    pairs = [(organisation, course) for organisation in FEATURED for course in organisation.courses]
    return pairs[:count]


def insee_codes() -> set[str]:
    return {organisation.insee_code for organisation in FEATURED} | {
        course.insee_code for organisation in FEATURED for course in organisation.courses
    }
