"""What the demo's candidates write and what selection teams answer them, in French."""

import datetime
import random

from gen.admissions.models import RefusalReason
from gen.demo.admissions.draws import Weighted
from gen.demo.sessions import MONTHS

# A motivation is an opening, a path and a goal: the three together are always over 200 characters.
OPENINGS = (
    "Depuis plusieurs années, je bricole des sites et des petits programmes pendant mon temps libre.",
    "J'ai découvert le numérique pendant un atelier à la médiathèque de mon quartier et je n'ai plus "
    "arrêté depuis.",
    "Après un parcours sans lien avec l'informatique, je veux changer de métier et travailler dans le "
    "numérique.",
    "Je suis passionné·e par le fonctionnement des ordinateurs et des réseaux depuis le collège.",
    "Mon conseiller m'a parlé de cette formation et elle correspond exactement à ce que je cherche.",
    "J'ai quitté l'école tôt, mais j'ai toujours aimé comprendre comment les choses fonctionnent.",
    "Pendant le confinement, j'ai suivi des cours en ligne de programmation et j'y ai pris goût.",
    "Je travaille depuis dix ans dans la logistique et je veux aujourd'hui me reconvertir.",
)
PATHS = (
    " J'ai appris seul·e les bases du HTML, du CSS et un peu de JavaScript grâce à des tutoriels,",
    " J'ai aidé une association à refaire son site et à gérer ses réseaux sociaux,",
    " J'ai fait un service civique où je m'occupais des outils numériques de la structure,",
    " J'ai passé des soirées entières à réparer les ordinateurs de ma famille et de mes voisins,",
    " J'ai essayé d'apprendre seul·e mais il me manque un cadre et des personnes pour me guider,",
    " J'ai participé à une journée découverte des métiers du numérique qui m'a convaincu·e,",
)
GOALS = (
    " et je veux maintenant en faire mon métier, avec une vraie formation et un stage en entreprise.",
    " et je souhaite trouver un emploi stable dans ma région à la fin de la formation.",
    " et je suis prêt·e à m'investir à temps plein pendant toute la durée de la formation.",
    " et le stage de deux mois est pour moi la meilleure façon d'entrer dans une entreprise.",
    " et j'aimerais à terme créer ma propre activité de développement pour les commerces de ma ville.",
    " et une formation gratuite et intensive est la seule façon pour moi de changer de voie rapidement.",
)

AVAILABILITIES = (
    "Disponible dès maintenant, à temps plein.",
    "Disponible à temps plein à partir du {start}.",
    "Disponible à temps plein ; je termine mon contrat actuel avant le début de la formation.",
    "Disponible à temps plein. Je dois organiser la garde de mes enfants le mercredi.",
    "Disponible à temps plein, sans contrainte particulière.",
    "Disponible à temps plein à partir du {start}, j'ai le permis et une voiture pour le stage.",
)

REFUSAL_COMMENTS = {
    RefusalReason.PROJECT: (
        "Votre projet vise plutôt les métiers du graphisme : la formation de designer d'interface "
        "vous conviendrait mieux.",
        "Votre projet professionnel reste à préciser : n'hésitez pas à en parler avec votre conseiller "
        "et à postuler à la prochaine session.",
    ),
    RefusalReason.MOTIVATION: (
        "Nous n'avons pas perçu lors de l'entretien ce qui vous attire dans ce métier. Vous pouvez "
        "candidater de nouveau à la prochaine session.",
        "Votre motivation est réelle mais encore fragile : une immersion en entreprise vous aiderait à "
        "confirmer votre choix.",
    ),
    RefusalReason.TESTS: (
        "Les exercices de logique n'ont pas été réussis. Les ressources gratuites en ligne peuvent vous "
        "préparer pour la prochaine session.",
        "Vos résultats aux tests sont proches du niveau attendu : entraînez-vous et postulez de nouveau.",
    ),
    RefusalReason.ABSENT: (
        "Vous n'êtes pas venu·e à la réunion d'information et nous n'avons pas pu vous joindre.",
    ),
    RefusalReason.AVAILABILITY: (
        "La formation demande une présence à temps plein pendant quatre mois, puis deux mois de stage.",
    ),
    RefusalReason.ALREADY_QUALIFIED: (
        "Votre diplôme vous permet déjà d'exercer ce métier : une formation courte de mise à jour vous "
        "conviendrait mieux.",
    ),
    RefusalReason.OTHER: ("Le nombre de places ne nous permet pas de retenir votre candidature.",),
}

# Refusals at each stage: on the file, after an information meeting missed, after tests and interview.
REASONS_ON_FILE = Weighted(
    {
        RefusalReason.PROJECT: 5,
        RefusalReason.AVAILABILITY: 3,
        RefusalReason.ALREADY_QUALIFIED: 2,
        RefusalReason.OTHER: 1,
    }
)
REASONS_AFTER_ASSESSMENT = Weighted(
    {
        RefusalReason.MOTIVATION: 5,
        RefusalReason.TESTS: 4,
        RefusalReason.PROJECT: 2,
        RefusalReason.OTHER: 1,
    }
)
# Share of refusals explained by a comment to the candidate.
COMMENTED_SHARE = 0.6


def motivation(rng: random.Random) -> str:
    return rng.choice(OPENINGS) + rng.choice(PATHS) + rng.choice(GOALS)


def availability(rng: random.Random, start: datetime.date) -> str:
    return rng.choice(AVAILABILITIES).format(start=f"{start.day} {MONTHS[start.month - 1]}")


def refusal(rng: random.Random, reasons: Weighted) -> tuple[str, str]:
    """A reason drawn from `reasons` and, most of the time, a comment to the candidate."""
    reason = reasons.draw(rng)
    comment = rng.choice(REFUSAL_COMMENTS[reason]) if rng.random() < COMMENTED_SHARE else ""
    return reason, comment
