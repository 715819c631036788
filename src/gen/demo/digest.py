"""A fingerprint of the demo rows, by natural keys, to check that the same seed gives the same data."""

import hashlib
import json

from gen.accounts.models import Membership
from gen.catalogue.models import Course, Session
from gen.demo.admissions.digest import admissions_rows
from gen.demo.context import DEMO_DOMAIN, demo_organisations
from gen.demo.followup.digest import follow_up_rows
from gen.demo.labelling.digest import labelling_rows
from gen.labelling.models import Label


def demo_digest() -> str:
    digest = hashlib.sha256()
    for row in _rows():
        digest.update(json.dumps(row, ensure_ascii=False, default=str).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _rows():
    organisations = demo_organisations()
    yield from organisations.order_by("siret").values_list(
        "siret",
        "kind",
        "name",
        "slug",
        "activity_declaration_number",
        "website",
        "email",
        "phone",
        "address",
        "commune__insee_code",
    )
    courses = Course.objects.filter(organisation__in=organisations)
    jobs: dict[str, list[str]] = {}
    for slug, code in Course.jobs.through.objects.filter(course__in=courses).values_list(
        "course__slug", "job__code"
    ):
        jobs.setdefault(slug, []).append(code)
    for row in courses.order_by("slug").values_list(
        "slug",
        "organisation__siret",
        "title",
        "summary",
        "description",
        "formacode",
        "rncp_code",
        "hours_in_centre",
        "hours_in_company",
        "modality",
        "is_free",
        "prerequisites",
        "target_publics",
        "address",
        "commune__insee_code",
        "latitude",
        "longitude",
        "search_text",
    ):
        *fields, latitude, longitude, search_text = row
        yield [
            *fields,
            _coordinate(latitude),
            _coordinate(longitude),
            search_text,
            sorted(jobs.get(row[0], [])),
        ]
    yield from (
        Session.objects.filter(course__in=courses)
        .order_by("course__slug", "start_date", "name")
        .values_list(
            "course__slug",
            "name",
            "start_date",
            "end_date",
            "capacity",
            "places_taken",
            "application_opens_on",
            "application_closes_on",
        )
    )
    yield from (
        Label.objects.filter(course__in=courses)
        .order_by("course__slug", "valid_from", "status")
        .values_list("course__slug", "status", "valid_from", "valid_until", "status_reason")
    )
    yield from (
        Membership.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .order_by("user__email", "role")
        .values_list(
            "user__email",
            "user__first_name",
            "user__last_name",
            "role",
            "organisation__siret",
            "funder__name",
            "region__code",
            "is_admin",
        )
    )
    yield from labelling_rows()
    yield from admissions_rows()
    yield from follow_up_rows()


def _coordinate(value: float | None) -> str | None:
    return None if value is None else f"{value:.6f}"
