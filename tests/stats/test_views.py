"""The statistics pages: who sees which dashboard, of what; bad input; exports."""

import io

import pytest
from openpyxl import load_workbook

from gen.accounts.models import Role
from gen.territories.models import Region
from tests.factories import FunderFactory, MembershipFactory

NATIONAL = "/statistiques/"
REGIONAL = "/statistiques/region/"
ORGANISATION = "/statistiques/organisation/"


def _member(role, **kwargs):
    return MembershipFactory(role=role, **kwargs).user


def _page(client, url, user=None, **params):
    if user is not None:
        client.force_login(user)
    return client.get(url, params)


def test_the_national_dashboard_is_public_with_its_charts(client, network):
    response = _page(client, NATIONAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Statistiques du réseau" in html
    for chart in ("chart-learners-year", "chart-outcomes-year", "chart-region", "chart-map", "chart-job"):
        assert f'id="{chart}"' in html
    assert "Retour à l&#x27;emploi à 6 mois" in html
    assert "Fabrique de Lille" not in html  # no organisation is named on the public page


def test_the_national_dashboard_reads_a_fixed_number_of_queries(
    client, network, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert _page(client, NATIONAL, annee="2024").status_code == 200


def test_bad_filters_are_explained_in_french_and_never_fail(client, network):
    response = _page(client, NATIONAL, annee="deux-mille", region="99", metier="<script>", du="2025-13-45")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Certains filtres n'ont pas pu être utilisés" in html
    assert "Choisissez une région dans la liste." in html
    assert "<script>" not in html


def test_the_methodology_is_generated_from_the_definitions(client, settings, db):
    settings.STATS_MIN_RESPONDENTS = 12
    response = client.get("/statistiques/methodologie/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Retour à l&#x27;emploi à 6 mois",
        "Emploi durable à 6 mois",
        "Taux d&#x27;admission",
        "au moins 12 personnes",
    ):
        assert text in html
    assert "Contrat à durée indéterminée" in html or "CDI" in html
    assert client.get("/statistiques/methodologie").status_code == 301


@pytest.mark.parametrize(
    "url", [REGIONAL, ORGANISATION, f"{REGIONAL}export.csv", f"{ORGANISATION}export.csv"]
)
def test_anonymous_visitors_are_sent_to_log_in(client, network, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/comptes/" in response["Location"]


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.PRESCRIBER, Role.REVIEWER])
def test_other_roles_see_no_regional_or_organisation_dashboard(client, network, role):
    user = _member(role)
    assert _page(client, REGIONAL, user).status_code == 403
    assert _page(client, ORGANISATION, user).status_code == 403


def test_a_regional_funder_sees_its_region_only(client, network):
    hauts = Region.objects.get(code="32")
    funder = _member(Role.FUNDER, funder=FunderFactory(region=hauts))
    response = _page(client, REGIONAL, funder)
    assert response.status_code == 200
    assert "Statistiques de la région Hauts-de-France" in response.content.decode()
    assert "Fabrique de Lille" in response.content.decode()
    other = _page(client, REGIONAL, funder, region="11").content.decode()
    assert "Choisissez une région dans la liste." in other
    assert "Statistiques de la région Hauts-de-France" in other
    assert "Fabrique de Paris" not in other


def test_a_national_funder_and_the_national_team_choose_any_region(client, network):
    for user in (_member(Role.FUNDER, funder=FunderFactory(region=None)), _member(Role.NATIONAL_TEAM)):
        html = _page(client, REGIONAL, user, region="11").content.decode()
        assert "Statistiques de la région Île-de-France" in html
        assert "Fabrique de Paris" in html and "Fabrique de Lille" not in html
        client.logout()


def test_a_regional_reviewer_sees_its_region(client, network):
    reviewer = MembershipFactory(role=Role.REVIEWER, region=Region.objects.get(code="11")).user
    html = _page(client, REGIONAL, reviewer).content.decode()
    assert "Statistiques de la région Île-de-France" in html


def test_an_organisation_member_sees_its_own_courses_and_sessions_only(client, network):
    member = _member(Role.ORGANISATION, organisation=network.lille_org)
    response = _page(client, ORGANISATION, member)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Statistiques de Fabrique de Lille" in html
    assert network.developer.title in html and network.designer.title not in html
    assert network.lille_2024.name in html
    other = _page(client, ORGANISATION, member, organisme=network.paris_org.slug).content.decode()
    assert "Choisissez un organisme dans la liste." in other
    assert "Statistiques de Fabrique de Lille" in other and network.designer.title not in other
    course = _page(client, ORGANISATION, member, formation=network.designer.slug).content.decode()
    assert "Choisissez une formation dans la liste." in course


def test_the_national_team_sees_any_organisation(client, network):
    html = _page(
        client, ORGANISATION, _member(Role.NATIONAL_TEAM), organisme=network.paris_org.slug
    ).content.decode()
    assert "Statistiques de Fabrique de Paris" in html and network.designer.title in html


def test_the_csv_export_has_every_indicator_with_its_numerator_and_denominator(client, network):
    response = _page(client, f"{NATIONAL}export.csv", annee="2024")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Indicateur;Valeur;Unité;Numérateur;Dénominateur;Publié")
    assert "Retour à l'emploi à 6 mois;66.7;%;4;6;oui" in lines[3]
    assert len(lines) == 15


def test_the_export_keeps_masked_rates_masked(client, network, settings):
    settings.STATS_MIN_RESPONDENTS = 10
    lines = _page(client, f"{NATIONAL}export.csv", annee="2024").content.decode("utf-8-sig").splitlines()
    assert lines[3].startswith("Retour à l'emploi à 6 mois;;%;;6;non;Non publié")


def test_the_xlsx_export_has_the_table_and_a_sheet_per_breakdown(client, network):
    member = _member(Role.ORGANISATION, organisation=network.lille_org)
    response = _page(client, f"{ORGANISATION}export.xlsx", member)
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Indicateurs", "Par année", "Par formation", "Par session"]
    rows = list(workbook["Indicateurs"].values)
    assert rows[1][:2] == ("Personnes formées", 8)


def test_an_unknown_export_format_is_not_found(client, network):
    assert client.get(f"{NATIONAL}export.pdf").status_code == 404
