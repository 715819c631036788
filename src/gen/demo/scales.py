"""How much demo data each scale creates."""

from dataclasses import dataclass, field

HAUTS_DE_FRANCE = "32"


@dataclass(frozen=True)
class Scale:
    name: str
    description: str
    # Training organisations ("fabriques"); the exact figure may move by a few to fit the courses.
    organisations: int
    # Courses with a label in force, listed in the public catalogue.
    listed_courses: int
    # Courses whose label is suspended, withdrawn or expired: not in the public catalogue.
    unlisted_courses: int
    # Sessions of each course, two a year, from January of the previous year onwards.
    sessions_per_course: int
    # Towns are picked among this many most populous communes of each region.
    communes_per_region: int
    # Courses of the featured organisations (the Pop School-like one first), taken in order.
    featured_courses: int
    # Listed courses fixed per region code; the others are shared out by regional weights.
    pinned_listed_courses: dict[str, int] = field(default_factory=dict)
    # Only these regions (codes), or every region when empty.
    regions: tuple[str, ...] = ()
    # At most this many sessions get applicants (those under way today first), or every session whose
    # applications have opened when None.
    admissions_sessions: int | None = None
    # The roll of every organisation's running and last finished cohorts, or of the featured
    # organisations' only (160 half-days a learner: tens of millions of rows at the stress scale).
    attendance_everywhere: bool = True
    # Courses given past cohorts by PostgreSQL's bulk SQL (gen.demo.history): five sessions of 20 learners
    # each, with their applicants, surveys and outcomes.
    history_courses: int = 0
    batch_size: int = 2000

    @property
    def courses(self) -> int:
        return self.listed_courses + self.unlisted_courses


SMALL = Scale(
    name="small",
    description="a few organisations and courses, to try things",
    organisations=6,
    listed_courses=11,
    unlisted_courses=1,
    sessions_per_course=6,
    communes_per_region=3,
    featured_courses=4,
    pinned_listed_courses={HAUTS_DE_FRANCE: 4},
    regions=(HAUTS_DE_FRANCE, "11", "84", "53"),
)

# The first call of September 2015: 171 labelled courses, 18 of them in Hauts-de-France, run by
# about 130 "fabriques"; two sessions of 24 a year.
NATIONAL = Scale(
    name="national",
    description="the network as after the first call: about 130 organisations, 170 labelled courses",
    organisations=130,
    listed_courses=170,
    unlisted_courses=8,
    sessions_per_course=6,
    communes_per_region=12,
    featured_courses=10,
    pinned_listed_courses={HAUTS_DE_FRANCE: 18},
)

STRESS = Scale(
    name="stress",
    description=(
        "20,000 courses and 100,000 sessions, and a million past learners with their outcomes, for "
        "benchmarks on PostgreSQL"
    ),
    organisations=5000,
    listed_courses=19_900,
    unlisted_courses=100,
    sessions_per_course=5,
    communes_per_region=400,
    featured_courses=10,
    admissions_sessions=3000,
    attendance_everywhere=False,
    history_courses=10_000,
    batch_size=5000,
)

SCALES = {scale.name: scale for scale in (SMALL, NATIONAL, STRESS)}

# How the labelled courses spread over the regions (region code -> weight), after the first call:
# the weights of the national scale sum to its 170 listed courses, 18 of them in Hauts-de-France.
REGION_WEIGHTS = {
    "11": 34,
    "84": 18,
    "32": 18,
    "75": 14,
    "76": 14,
    "93": 12,
    "44": 11,
    "52": 8,
    "53": 8,
    "28": 7,
    "27": 6,
    "24": 6,
    "94": 2,
    "01": 3,
    "02": 3,
    "03": 2,
    "04": 3,
    "06": 1,
}
