"""Invented names: organisations, streets and people. French, since they are shown to users."""

import random

from django.utils.text import slugify

# "{de}" is "de Lyon", "d'Amiens", "du Havre" or "des Abymes"; "{ville}" is the bare name.
ORGANISATION_PATTERNS = (
    "Fabrique numérique {de}",
    "Code Académie {ville}",
    "Pixel Campus {ville}",
    "Campus numérique {de}",
    "La Forge numérique {de}",
    "Atelier du code {de}",
    "École des métiers du numérique {de}",
    "Tremplin numérique {ville}",
    "Cap Code {ville}",
    "Passerelle numérique {de}",
    "Les Codeurs {de}",
    "Numérique solidaire {ville}",
)

# When a name is already taken, a district tells the two apart.
DISTRICTS = (
    "Centre",
    "Gare",
    "Nord",
    "Sud",
    "Est",
    "Ouest",
    "Rive droite",
    "Rive gauche",
    "Centre-ville",
    "Faubourgs",
)

STREETS = (
    "rue de la République",
    "avenue Jean-Jaurès",
    "boulevard Victor-Hugo",
    "rue Pasteur",
    "place de la Gare",
    "rue du Général-de-Gaulle",
    "rue Nationale",
    "rue de la Liberté",
    "avenue de la Libération",
    "rue Jules-Ferry",
    "rue Gambetta",
    "quai des Arts",
    "rue des Écoles",
    "boulevard de l'Industrie",
    "rue Paul-Bert",
    "allée des Tisserands",
    "rue du Moulin",
    "place du Marché",
    "rue Émile-Zola",
    "avenue des Sciences",
)

FIRST_NAMES = (
    "Camille",
    "Nadia",
    "Julien",
    "Sophie",
    "Karim",
    "Élodie",
    "Thomas",
    "Aminata",
    "Lucas",
    "Inès",
    "Mathieu",
    "Chloé",
)

LAST_NAMES = (
    "Martin",
    "Benali",
    "Lefebvre",
    "Dubois",
    "Nguyen",
    "Moreau",
    "Diallo",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Mercier",
    "Girard",
)

_VOWELS = "aàâeéèêëiîïoôuùûyœh"


def of_town(town: str) -> str:
    """'de Lyon', "d'Amiens", 'du Havre', 'des Abymes', 'de La Rochelle'."""
    if town.startswith("Le "):
        return "du " + town[3:]
    if town.startswith("Les "):
        return "des " + town[4:]
    if town[0].lower() in _VOWELS:
        return "d'" + town
    return "de " + town


def in_town(town: str) -> str:
    """'à Lyon', 'au Havre', 'aux Abymes'."""
    if town.startswith("Le "):
        return "au " + town[3:]
    if town.startswith("Les "):
        return "aux " + town[4:]
    return "à " + town


def organisation_name(rng: random.Random, town: str, taken: set[str]) -> str:
    """A name not in `taken` (which it extends)."""
    pattern = rng.choice(ORGANISATION_PATTERNS)
    base = pattern.format(ville=town, de=of_town(town))
    candidates = [base, *(f"{base} – {district}" for district in DISTRICTS)]
    name = next((candidate for candidate in candidates if candidate not in taken), None)
    number = 2
    while name is None or name in taken:
        name = f"{base} {number}"
        number += 1
    taken.add(name)
    return name


def street_address(rng: random.Random) -> str:
    return f"{rng.randint(1, 120)} {rng.choice(STREETS)}"


def unique_slug(text: str, taken: set[str], *, max_length: int = 200) -> str:
    base = slugify(text)[:max_length].strip("-")
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug
