"""What the demo's organisations write about their learners, and the companies they deal with, in
French."""

from gen.cohorts.models import DropOutReason
from gen.outcomes.models import OutcomeSource

# A comment on some drop-outs (always on "other reason", which needs one).
DROP_OUT_COMMENTS = {
    DropOutReason.JOB: (
        "A trouvé un CDI dans une entreprise de son quartier.",
        "Embauché·e par une entreprise rencontrée lors d'un forum de l'emploi.",
        "A repris un emploi proposé par son ancien employeur.",
    ),
    DropOutReason.OTHER_TRAINING: (
        "Entre en BTS en alternance.",
        "A été retenu·e dans une formation qualifiante plus proche de chez lui ou d'elle.",
    ),
    DropOutReason.HEALTH: (
        "Arrêt maladie de longue durée.",
        "Hospitalisation, reviendra peut-être plus tard.",
    ),
    DropOutReason.PERSONAL: (
        "Déménagement dans une autre région.",
        "Doit s'occuper d'un proche malade.",
        "Garde d'enfants impossible aux horaires de la formation.",
    ),
    DropOutReason.MONEY: (
        "Fin de ses droits : doit reprendre un emploi alimentaire.",
        "N'a pas obtenu l'aide attendue pour ses frais de transport.",
    ),
    DropOutReason.MOTIVATION: (
        "Le métier ne lui correspondait pas, en reparlera avec sa conseillère.",
        "Trop de retard pris sur les premiers modules malgré le soutien proposé.",
    ),
    DropOutReason.EXCLUDED: ("Absences répétées malgré plusieurs avertissements.",),
    DropOutReason.OTHER: (
        "Plus de bus depuis sa commune aux horaires de la formation.",
        "A commencé un service civique.",
        "Ne donne plus de nouvelles depuis plusieurs semaines.",
    ),
}

# Where the organisation learnt an outcome: always said for "other", sometimes for the others.
SOURCE_NOTES = {
    OutcomeSource.EMPLOYER: (
        "Appel du tuteur de stage.",
        "Message de la responsable des ressources humaines.",
    ),
    OutcomeSource.LEARNER_PHONE: ("Appel de suivi.", "Rencontré·e à la soirée des anciens."),
    OutcomeSource.FRANCE_TRAVAIL: ("Point mensuel avec la conseillère France Travail.",),
    OutcomeSource.OTHER: (
        "Profil professionnel en ligne mis à jour.",
        "Nouvelles données par un autre apprenant de la promotion.",
        "Message sur le groupe des anciens de la promotion.",
    ),
}

# Jobs some learners take outside the métier they trained for.
OTHER_JOB_TITLES = (
    "Employé polyvalent",
    "Vendeuse en magasin",
    "Préparateur de commandes",
    "Agent d'accueil",
    "Technicien de maintenance",
    "Assistante administrative",
)

# Host companies and employers: invented names of small and medium firms, associations and town halls.
COMPANY_PATTERNS = (
    "{word} Informatique",
    "{word} Digital",
    "Agence {word}",
    "Studio {word}",
    "{word} Conseil",
    "{word} Solutions",
    "{word} Systèmes",
    "Atelier {word}",
    "{surname} & Associés",
    "{surname} Informatique",
    "Groupe {surname}",
    "Association {word}",
    "Mairie {de}",
)
COMPANY_WORDS = (
    "Azur",
    "Boréal",
    "Cobalt",
    "Quartz",
    "Opale",
    "Hélios",
    "Mistral",
    "Nova",
    "Orion",
    "Silex",
    "Alto",
    "Kairos",
    "Lumen",
    "Zénith",
    "Cèdre",
    "Ardoise",
    "Lynx",
    "Octave",
    "Sirius",
    "Pixel",
)
