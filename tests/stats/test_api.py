"""GET /api/v1/statistiques: the indicators with numerators and denominators, filters validated."""

URL = "/api/v1/statistiques"


def _indicators(response) -> dict:
    return {indicator["code"]: indicator for indicator in response.json()["indicators"]}


def test_the_indicators_with_their_numerators_and_denominators(client, network):
    response = client.get(URL, {"annee": "2024"})
    assert response.status_code == 200
    body = response.json()
    assert body["filters"]["period_start"] == "2024-01-01"
    assert body["minimum_respondents"] == 1
    employment = _indicators(response)["employment_6_months"]
    assert employment == {
        "code": "employment_6_months",
        "label": "Retour à l'emploi à 6 mois",
        "unit": "percent",
        "value": 66.7,
        "numerator": 4,
        "denominator": 6,
        "masked": False,
        "reason": "",
        "period": "sessions_end",
    }
    assert _indicators(response)["learners"]["value"] == 7


def test_masked_rates_have_no_value_nor_numerator(client, network, settings):
    settings.STATS_MIN_RESPONDENTS = 10
    employment = _indicators(client.get(URL, {"annee": "2024"}))["employment_6_months"]
    assert (employment["value"], employment["numerator"], employment["denominator"]) == (None, None, 6)
    assert employment["masked"] is True
    assert "secret statistique" in employment["reason"]


def test_the_filters_of_the_dashboards(client, network):
    assert _indicators(client.get(URL, {"region": "11"}))["learners"]["value"] == 1
    assert _indicators(client.get(URL, {"metier": "M18"}))["learners"]["value"] == 8
    assert _indicators(client.get(URL, {"organisme": network.paris_org.slug}))["learners"]["value"] == 1
    assert (
        _indicators(client.get(URL, {"formation": network.developer.slug, "du": "2024-01-01"}))["learners"][
            "value"
        ]
        == 7
    )


def test_bad_parameters_get_a_400_in_french(client, network):
    response = client.get(URL, {"annee": "1999", "region": "99", "metier": "XX", "du": "demain"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Paramètres invalides."
    assert body["errors"]["region"] == ["Choisissez une région dans la liste."]
    assert set(body["errors"]) == {"annee", "region", "metier", "du"}


def test_an_unknown_organisation_is_a_400(client, network):
    response = client.get(URL, {"organisme": "nulle-part"})
    assert response.status_code == 400
    assert response.json()["errors"]["organisme"] == ["Aucun organisme ne correspond à cet identifiant."]


def test_the_endpoint_is_described_in_the_openapi_document(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    parameters = {parameter["name"] for parameter in paths["/api/v1/statistiques"]["get"]["parameters"]}
    assert parameters == {"annee", "du", "au", "region", "metier", "organisme", "formation"}
