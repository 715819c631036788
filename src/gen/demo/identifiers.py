"""Official-looking identifiers: SIRET (Luhn-valid), activity declaration numbers, phone numbers."""

import random

from gen.organisations.validators import LA_POSTE_SIREN, luhn_is_valid

# Numbers ARCEP reserves for works of fiction: never anybody's real line.
FICTION_PHONE_PREFIXES = {
    "01": "01 99 00",
    "02": "02 61 91",
    "03": "03 53 01",
    "04": "04 65 71",
    "05": "05 36 49",
}
# The geographic zone of a region's landline numbers.
PHONE_ZONE_BY_REGION = {
    "11": "01",
    "24": "02",
    "28": "02",
    "52": "02",
    "53": "02",
    "01": "05",
    "02": "05",
    "03": "05",
    "04": "02",
    "06": "02",
    "27": "03",
    "32": "03",
    "44": "03",
    "75": "05",
    "76": "05",
    "84": "04",
    "93": "04",
    "94": "04",
}


def with_luhn_digit(digits: str) -> str:
    return next(digits + str(check) for check in range(10) if luhn_is_valid(digits + str(check)))


def siret(rng: random.Random, taken: set[str]) -> str:
    """A new valid SIRET: a Luhn-valid SIREN, then an establishment number making the whole Luhn-valid."""
    while True:
        siren = with_luhn_digit(f"{rng.randint(10_000_000, 99_999_999)}")
        number = with_luhn_digit(f"{siren}{rng.randint(1, 99):04d}")
        if number not in taken and not number.startswith(LA_POSTE_SIREN):
            taken.add(number)
            return number


def activity_declaration_number(rng: random.Random, region_code: str, departement_code: str) -> str:
    """11 digits, as the DREETS give them: region, département, serial number, département."""
    departement = departement_code[:2].replace("2A", "20").replace("2B", "20")
    return f"{region_code}{departement}{rng.randint(0, 99_999):05d}{departement}"


def phone_number(rng: random.Random, region_code: str) -> str:
    prefix = FICTION_PHONE_PREFIXES[PHONE_ZONE_BY_REGION.get(region_code, "01")]
    return f"{prefix} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
