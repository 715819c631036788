import pytest
from django.core.exceptions import ValidationError

from gen.organisations.validators import siret_is_valid, validate_siret
from tests.factories import make_siret


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000074",  # Apple France, a real SIRET
        "35600000000010",  # La Poste: checked by digit sum modulo 5, not Luhn
        make_siret(1),
        make_siret(987654),
    ],
)
def test_valid_sirets(siret):
    assert siret_is_valid(siret)
    validate_siret(siret)


@pytest.mark.parametrize(
    "siret, code",
    [
        ("73282932000075", "siret_checksum"),
        ("7328293200007", "siret_format"),
        ("7328293200007A", "siret_format"),
        ("", "siret_format"),
    ],
)
def test_invalid_sirets_say_why(siret, code):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert error.value.code == code
