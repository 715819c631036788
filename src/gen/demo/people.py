"""Demo users of every role, their funders and the prescribing agency; all share one known password."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from gen.accounts.models import Membership, Role, User
from gen.demo import identifiers, names
from gen.demo.context import DEMO_DOMAIN, DemoContext, demo_host
from gen.demo.names import unique_slug
from gen.demo.scales import HAUTS_DE_FRANCE
from gen.funding.models import Funder
from gen.organisations.models import Organisation

DEMO_PASSWORD = "demo-gen-2026"

REGION_FUNDER = "Région Hauts-de-France"
FEDER_FUNDER = "Union européenne – FEDER"
AGENCY_NAME = "France Travail – agence de Lille Centre"
LILLE = "59350"


@dataclass(frozen=True)
class DemoUser:
    local_part: str
    first_name: str
    last_name: str
    role: Role
    # "pop" (the Pop School-like organisation), "agency", "region" or "feder".
    scope: str = ""
    is_admin: bool = False
    # Reviewers: their region, empty for national reviewers.
    region_code: str = ""

    @property
    def email(self) -> str:
        return f"{self.local_part}@{DEMO_DOMAIN}"


DEMO_USERS = (
    DemoUser("equipe", "Claire", "Dumont", Role.NATIONAL_TEAM),
    DemoUser("instructrice", "Nadia", "Benali", Role.REVIEWER),
    DemoUser("instructeur.hdf", "Julien", "Lefebvre", Role.REVIEWER, region_code=HAUTS_DE_FRANCE),
    DemoUser("admin.pop", "Sophie", "Moreau", Role.ORGANISATION, scope="pop", is_admin=True),
    DemoUser("formateur.pop", "Karim", "Diallo", Role.ORGANISATION, scope="pop"),
    DemoUser("conseillere.francetravail", "Élodie", "Lambert", Role.PRESCRIBER, scope="agency"),
    DemoUser("financeur.region", "Thomas", "Fontaine", Role.FUNDER, scope="region"),
    DemoUser("financeur.feder", "Inès", "Rousseau", Role.FUNDER, scope="feder"),
    DemoUser("candidat", "Lucas", "Mercier", Role.CANDIDATE),
)


def build(ctx: DemoContext) -> None:
    region = ctx.reference.region(HAUTS_DE_FRANCE)
    scopes = {
        "pop": ctx.featured.get("pop") or ctx.organisations[0],
        "agency": _agency(ctx),
        "region": Funder.objects.get_or_create(
            name=REGION_FUNDER, defaults={"kind": Funder.Kind.REGION, "region": region}
        )[0],
        "feder": Funder.objects.get_or_create(name=FEDER_FUNDER, defaults={"kind": Funder.Kind.EUROPE})[0],
    }
    # One hash for all: hashing is slow on purpose, and they share the password anyway.
    password = make_password(DEMO_PASSWORD)
    for spec in DEMO_USERS:
        user = User(email=spec.email, first_name=spec.first_name, last_name=spec.last_name, password=password)
        user.full_clean(exclude=["password"])
        user.save()
        scope = scopes.get(spec.scope)
        membership = Membership(
            user=user,
            role=spec.role,
            organisation=scope if isinstance(scope, Organisation) else None,
            funder=scope if isinstance(scope, Funder) else None,
            region=ctx.reference.region(spec.region_code) if spec.region_code else None,
            is_admin=spec.is_admin,
        )
        membership.full_clean()
        membership.save()
    ctx.counts["users"] = len(DEMO_USERS)


def clear() -> None:
    # The funders stay: they are shared with real data. The agency goes with the demo organisations.
    User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").delete()


def _agency(ctx: DemoContext) -> Organisation:
    rng = ctx.rng("people")
    commune = (
        ctx.reference.communes_by_insee.get(LILLE) or ctx.featured.get("pop", ctx.organisations[0]).commune
    )
    slug = unique_slug(AGENCY_NAME, set(Organisation.objects.values_list("slug", flat=True)))
    region_code = commune.departement.region.code
    agency = Organisation(
        kind=Organisation.Kind.PRESCRIBER,
        name=AGENCY_NAME,
        slug=slug,
        siret=identifiers.siret(rng, set(Organisation.objects.values_list("siret", flat=True))),
        email=f"contact@{demo_host(slug)}",
        phone=identifiers.phone_number(rng, region_code),
        address=names.street_address(rng),
        commune=commune,
    )
    agency.full_clean()
    agency.save()
    return agency
