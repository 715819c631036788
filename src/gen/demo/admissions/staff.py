"""Who acts in the demo's admissions besides the candidates: a selection officer in each training
organisation (the Pop School-like one has its two demo members), and in every region a France Travail
agency and a Mission Locale, each with one adviser who refers candidates."""

import random
from dataclasses import dataclass

from django.utils.text import slugify

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import HeardFrom
from gen.demo import identifiers
from gen.demo.admissions import names
from gen.demo.context import DEMO_DOMAIN, DemoContext, demo_host
from gen.demo.names import of_town, street_address, unique_slug
from gen.demo.people import DEMO_USERS
from gen.organisations.models import Organisation

ADVISER = next(user for user in DEMO_USERS if user.role == Role.PRESCRIBER)
PRESCRIBING_KINDS = (HeardFrom.FRANCE_TRAVAIL, HeardFrom.MISSION_LOCALE)


@dataclass(frozen=True)
class Prescriber:
    organisation_id: int
    user_id: int


@dataclass(frozen=True)
class Staff:
    # Training organisation id -> the user ids of the members who run its selections.
    selectors: dict[int, tuple[int, ...]]
    # (region code, France Travail or Mission Locale) -> the structure and adviser who refer there.
    prescribers: dict[tuple[str, str], Prescriber]
    # The named demo adviser and her agency, given a handful of referrals (see named.py).
    adviser: Prescriber | None


def build_staff(ctx: DemoContext, rng: random.Random, organisation_ids: set[int], password: str) -> Staff:
    emails = set(User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").values_list("email", flat=True))
    selectors: dict[int, list[int]] = {}
    for organisation_id, user_id in (
        Membership.objects.filter(organisation_id__in=organisation_ids, role=Role.ORGANISATION)
        .order_by("-is_admin", "user__email")
        .values_list("organisation_id", "user_id")
    ):
        selectors.setdefault(organisation_id, []).append(user_id)
    unstaffed = Organisation.objects.filter(pk__in=organisation_ids - selectors.keys()).order_by("slug")
    officers = {
        organisation.pk: _user(rng, emails, f"recrutement.{organisation.slug[:48].strip('-')}", password)
        for organisation in unstaffed
    }
    _save(ctx, officers, Role.ORGANISATION, "selection officers")
    for organisation_id, user in officers.items():
        selectors[organisation_id] = [user.pk]
    adviser = (
        Membership.objects.filter(user__email=ADVISER.email, role=Role.PRESCRIBER)
        .values_list("organisation_id", "user_id")
        .first()
    )
    return Staff(
        selectors={pk: tuple(users) for pk, users in selectors.items()},
        prescribers=_prescribers(ctx, rng, emails, password),
        adviser=Prescriber(*adviser) if adviser else None,
    )


def _prescribers(
    ctx: DemoContext, rng: random.Random, emails: set[str], password: str
) -> dict[tuple[str, str], Prescriber]:
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    sirets = set(Organisation.objects.values_list("siret", flat=True))
    structures = {}
    for code in ctx.region_codes:
        communes = ctx.reference.communes_by_region[code]
        # The agency in the second town (the Lille one is the named adviser's), the Mission Locale in the first.
        towns = (communes[min(1, len(communes) - 1)], communes[0])
        for kind, commune in zip(PRESCRIBING_KINDS, towns, strict=True):
            name = (
                f"France Travail – agence {of_town(commune.name)}"
                if kind == HeardFrom.FRANCE_TRAVAIL
                else f"Mission Locale {of_town(commune.name)}"
            )
            slug = unique_slug(name, slugs)
            structures[code, kind] = Organisation(
                kind=Organisation.Kind.PRESCRIBER,
                name=name,
                slug=slug,
                siret=identifiers.siret(rng, sirets),
                email=f"contact@{demo_host(slug)}",
                phone=identifiers.phone_number(rng, code),
                address=street_address(rng),
                commune=commune,
            )
    Organisation.objects.bulk_create(structures.values())
    ctx.counts["prescribing structures"] = len(structures)
    advisers = {structure.pk: _user(rng, emails, "", password) for structure in structures.values()}
    _save(ctx, advisers, Role.PRESCRIBER, "advisers")
    return {
        key: Prescriber(organisation_id=structure.pk, user_id=advisers[structure.pk].pk)
        for key, structure in structures.items()
    }


def _user(rng: random.Random, emails: set[str], local_part: str, password: str) -> User:
    """An unsaved user with an address not in `emails` (which it extends): `local_part`, or their name."""
    first_name, last_name = rng.choice(names.WOMEN + names.MEN), rng.choice(names.LAST_NAMES)
    base = local_part or f"{slugify(first_name)}.{slugify(last_name)}".replace("-", "")
    email, number = f"{base}@{DEMO_DOMAIN}", 2
    while email in emails:
        email, number = f"{base}{number}@{DEMO_DOMAIN}", number + 1
    emails.add(email)
    return User(email=email, first_name=first_name, last_name=last_name, password=password)


def _save(ctx: DemoContext, users: dict[int, User], role: str, name: str) -> None:
    """Create the users and make each a member of its organisation (the key) with `role`."""
    User.objects.bulk_create(users.values(), batch_size=ctx.scale.batch_size)
    Membership.objects.bulk_create(
        [
            Membership(
                user=user, role=role, organisation_id=organisation_id, is_admin=role == Role.ORGANISATION
            )
            for organisation_id, user in users.items()
        ],
        batch_size=ctx.scale.batch_size,
    )
    ctx.counts[name] = len(users)
