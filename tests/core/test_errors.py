import pytest


@pytest.mark.django_db
def test_a_bad_host_header_gets_a_400_page_not_a_crash(client, settings):
    settings.ALLOWED_HOSTS = ["gen.example.org"]

    response = client.get("/formations/", headers={"host": "evil.example.com"})

    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()
