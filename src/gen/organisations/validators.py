from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's SIRETs break the Luhn rule: INSEE validates them by digit sum modulo 5.
LA_POSTE_SIREN = "356000000"


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_is_valid(siret: str) -> bool:
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN):
        return sum(int(char) for char in siret) % 5 == 0
    return luhn_is_valid(siret[:9]) and luhn_is_valid(siret)


def validate_siret(value: str) -> None:
    if len(value) != 14 or not value.isdigit():
        raise ValidationError(_("A SIRET number has exactly 14 digits."), code="siret_format")
    if not siret_is_valid(value):
        raise ValidationError(
            _("This SIRET number is not valid (its check digit is wrong)."), code="siret_checksum"
        )
