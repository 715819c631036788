"""The applicants of a session as XLSX and CSV: columns, French formats, filters, formulas defused, one query."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role
from gen.admissions.models import Application
from gen.admissions.selection_exports import safe_text
from gen.admissions.services.offers import offers_publish
from tests.factories import ApplicationFactory, CandidateFactory, MembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db
State = Application.State

HEADERS = [
    "Nom",
    "Prénom",
    "Adresse e-mail",
    "Date de naissance",
    "Âge au début de la session",
    "Genre",
    "Diplôme le plus élevé",
    "Demandeur d’emploi",
    "Réside en QPV ou en ZRR",
    "Boursier",
    "Commune",
    "A connu la formation par",
    "État",
    "Note (sur 20)",
    "Rang",
    "Position dans l’ordre d’appel",
    "Proposition",
    "Prescrit par",
    "Reçue le",
]


@pytest.fixture
def member():
    return MembershipFactory(role=Role.ORGANISATION).user


@pytest.fixture
def session(member):
    return SessionFactory(
        course__organisation=member.memberships.get().organisation,
        course__title="Développeur web",
        name="Printemps 2027",
        start_date=datetime.date(2027, 3, 1),
        end_date=datetime.date(2027, 9, 1),
        application_opens_on=datetime.date(2026, 11, 1),
        application_closes_on=datetime.date(2027, 2, 1),
        capacity=1,
    )


def applicant(session, first_name, last_name, **fields) -> Application:
    candidate = CandidateFactory(
        user__first_name=first_name,
        user__last_name=last_name,
        user__email=f"{first_name}.{last_name}@example.org".lower(),
        birth_date=fields.pop("birth_date", datetime.date(1990, 5, 17)),
        gender=fields.pop("gender", "man"),
        is_job_seeker=fields.pop("is_job_seeker", False),
    )
    return ApplicationFactory(session=session, candidate=candidate, **fields)


@pytest.fixture
def applicants(session):
    prescriber = MembershipFactory(
        role=Role.PRESCRIBER,
        user__first_name="Claire",
        user__last_name="Fabre",
        organisation__name="Mission Locale de Lens",
    )
    ines = applicant(
        session,
        "Inès",
        "Dupont",
        state=State.RANKED,
        rank=1,
        score=Decimal("14.5"),
        gender="woman",
        is_job_seeker=True,
        birth_date=datetime.date(2003, 3, 2),
        referrer=prescriber.user,
        referrer_organisation=prescriber.organisation,
        referral_consent_at=timezone.now(),
    )
    alix = applicant(session, "Alix", "Durand")
    return ines, alix


def export(client, session, kind: str, **query):
    return client.get(reverse(f"admissions:selection_export_{kind}", kwargs={"pk": session.pk}), query)


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


def xlsx_rows(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook.active.iter_rows(values_only=True))


def test_xlsx_lists_every_applicant_with_typed_cells(client, member, session, applicants):
    ines, alix = applicants
    offers_publish(session=session, acting_user=member)
    client.force_login(member)

    response = export(client, session, "xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="candidatures-developpeur-web-printemps-2027.xlsx"' in response["Content-Disposition"]
    header, *rows = xlsx_rows(response)
    assert list(header) == HEADERS
    by_email = {row[2]: row for row in rows}
    assert set(by_email) == {"inès.dupont@example.org", "alix.durand@example.org"}
    row = dict(zip(HEADERS, by_email["inès.dupont@example.org"], strict=True))
    assert row["Nom"] == "Dupont" and row["Prénom"] == "Inès"
    assert row["Date de naissance"].date() == datetime.date(2003, 3, 2)  # a date cell, read back
    assert row["Âge au début de la session"] == 23
    assert row["Genre"] == "Femme" and row["Demandeur d’emploi"] == "Oui" and row["Boursier"] == "Non"
    assert row["Diplôme le plus élevé"].startswith("Bac + 2")
    assert row["État"] == "Classée" and row["Note (sur 20)"] == 14.5 and row["Rang"] == 1
    assert row["Position dans l’ordre d’appel"] == 1 and row["Proposition"] == "En attente de réponse"
    assert row["Prescrit par"] == "Claire Fabre – Mission Locale de Lens"
    received = timezone.localtime(ines.created_at).replace(tzinfo=None, microsecond=0)
    assert abs(row["Reçue le"] - received) < datetime.timedelta(seconds=1)
    other = dict(zip(HEADERS, by_email["alix.durand@example.org"], strict=True))
    assert other["Note (sur 20)"] is None and other["Proposition"] is None and other["Prescrit par"] is None


def test_csv_is_what_french_spreadsheets_open(client, member, session, applicants):
    ines, _alix = applicants
    client.force_login(member)

    response = export(client, session, "csv", tri="nom")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="candidatures-developpeur-web-printemps-2027.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == HEADERS
    assert [row[0] for row in rows] == ["Dupont", "Durand"]  # sorted by name, as asked
    row = dict(zip(HEADERS, rows[0], strict=True))
    assert row["Date de naissance"] == "02/03/2003"
    assert row["Âge au début de la session"] == "23"
    assert row["Note (sur 20)"] == "14,5"
    assert row["Demandeur d’emploi"] == "Oui" and row["Réside en QPV ou en ZRR"] == "Non"
    assert row["Reçue le"] == timezone.localtime(ines.created_at).strftime("%d/%m/%Y %H:%M")
    assert row["Position dans l’ordre d’appel"] == "" and row["Proposition"] == ""


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exports_follow_the_filters(client, member, session, applicants, kind):
    client.force_login(member)
    response = export(client, session, kind, etat="ranked", public="women", prescription="oui")
    header, *rows = csv_rows(response) if kind == "csv" else xlsx_rows(response)
    assert [row[2] for row in rows] == ["inès.dupont@example.org"]
    response = export(client, session, kind, q="alix")
    header, *rows = csv_rows(response) if kind == "csv" else xlsx_rows(response)
    assert [row[2] for row in rows] == ["alix.durand@example.org"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_formulas_typed_by_candidates_are_defused(client, member, session, kind):
    applicant(session, '=HYPERLINK("http://evil.example","x")', "+33612345678")
    applicant(session, "@SUM(A1)", "-2+3")
    client.force_login(member)

    header, *rows = (
        csv_rows(export(client, session, kind)) if kind == "csv" else xlsx_rows(export(client, session, kind))
    )

    names = {(row[0], row[1]) for row in rows}
    assert names == {("'+33612345678", '\'=HYPERLINK("http://evil.example","x")'), ("'-2+3", "'@SUM(A1)")}


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_safe_text_prefixes_formula_starts(text):
    assert safe_text(text) == f"'{text}"


def test_safe_text_leaves_ordinary_text():
    assert safe_text("Dupont-Martin") == "Dupont-Martin" and safe_text("") == ""


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_one_query_whatever_the_number_of_applicants(client, member, session, kind):
    prescriber = MembershipFactory(role=Role.PRESCRIBER)

    def add(count):
        for number in range(count):
            applicant(
                session,
                "Alix",
                f"Durand{number}{session.applications.count()}",
                referrer=prescriber.user,
                referrer_organisation=prescriber.organisation,
                referral_consent_at=timezone.now(),
            )

    def queries_of_an_export() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = export(client, session, kind)
            b"".join(response.streaming_content) if kind == "csv" else response.content
        return len(queries)

    client.force_login(member)
    add(2)
    export(client, session, kind)  # the session and the roles, once
    few = queries_of_an_export()
    add(10)
    assert queries_of_an_export() == few
    # Session, user, roles, the session, the applicants with everything the columns need.
    assert few == 5


def test_another_organisation_cannot_export(client, session, applicants):
    client.force_login(MembershipFactory(role=Role.ORGANISATION).user)
    assert export(client, session, "csv").status_code == 404
    assert export(client, session, "xlsx").status_code == 404
