"""What the demo calls, committees and reviewers write, in French."""

HISTORICAL_CALL_TEXT = (
    "La Grande École du Numérique labellise des formations aux métiers du numérique courtes, "
    "gratuites pour les apprenants et ouvertes sans condition de diplôme.\n\n"
    "Le présent appel s'adresse aux organismes qui forment en priorité les personnes peu ou pas "
    "qualifiées, les jeunes, les femmes, les habitants des quartiers prioritaires de la politique de "
    "la ville et des zones de revitalisation rurale, ainsi que les demandeurs d'emploi. Les formations "
    "durent environ quatre mois en centre, suivis de deux mois de stage obligatoire en entreprise.\n\n"
    "Le label est accordé pour trois ans par formation. Il ouvre droit à une aide d'amorçage qui ne "
    "peut dépasser 80 % du budget de la formation."
)

OPEN_CALL_TEXT = (
    "Cet appel à labellisation est ouvert aux organismes de formation des régions {regions}. Il vise des "
    "formations aux métiers du numérique qui répondent à des besoins de recrutement identifiés sur le "
    "territoire, gratuites pour les apprenants et ouvertes en priorité aux publics éloignés de l'emploi.\n\n"
    "Les dossiers complets sont instruits au fil de l'eau par les instructeurs nationaux et régionaux ; "
    "le comité de labellisation se réunit pendant l'appel et après sa clôture. Le label est accordé "
    "pour trois ans ; l'aide d'amorçage ne peut dépasser 80 % du budget de la formation."
)

GRANTED_REASONS = (
    "Projet solide : partenariats employeurs établis, publics prioritaires bien ciblés et budget "
    "maîtrisé. Le comité accorde le label pour trois ans.",
    "Le comité salue l'ancrage territorial du projet et la qualité du repérage des candidats avec "
    "France Travail et la Mission Locale. Label accordé pour trois ans.",
    "Pédagogie active par projets, engagements chiffrés sur les publics prioritaires et débouchés "
    "identifiés auprès des entreprises du territoire : label accordé pour trois ans.",
    "La formation répond à des besoins de recrutement avérés. Le comité accorde le label pour trois "
    "ans et demande un suivi attentif des sorties vers l'emploi à six mois.",
)

REFUSED_REASONS = (
    "Les débouchés ne sont pas étayés : aucune entreprise partenaire ne s'engage à accueillir les "
    "stagiaires ni à recruter. Le comité invite l'organisme à présenter un nouveau dossier.",
    "Le public visé ne correspond pas aux publics prioritaires du label : la sélection exige un "
    "diplôme de niveau bac + 2.",
    "Le budget repose presque entièrement sur l'aide d'amorçage, sans cofinancement engagé : le "
    "modèle économique de la formation n'est pas soutenable.",
    "Le programme recouvre une formation déjà labellisée sur le même bassin d'emploi et la période "
    "en entreprise n'est pas garantie.",
)

DEFERRED_REASONS = (
    "Le comité ajourne sa décision dans l'attente des lettres d'engagement des entreprises "
    "partenaires pour l'accueil des stagiaires.",
    "Dossier ajourné : le comité demande un budget détaillé par session et la confirmation écrite du "
    "cofinancement régional.",
)

# Why a criterion scored below 3, by criterion position in the default grid.
LOW_SCORE_COMMENTS = {
    1: (
        "Engagements trop faibles sur les publics prioritaires : moins d'un tiers de personnes de "
        "niveau bac ou infra.",
        "Aucune action décrite pour atteindre les habitants des quartiers prioritaires.",
    ),
    2: (
        "Peu d'entreprises partenaires identifiées ; les besoins de recrutement ne sont pas chiffrés.",
        "Les lieux de stage ne sont pas garantis.",
    ),
    3: (
        "Programme très théorique, peu de projets concrets.",
        "L'équipe pédagogique et l'accompagnement des apprenants sont à peine décrits.",
    ),
    4: (
        "Aucun partenariat formalisé avec France Travail ou la Mission Locale.",
        "Le repérage des candidats repose sur la seule communication en ligne.",
    ),
    5: (
        "Objectif de sorties vers l'emploi non chiffré ; le suivi des apprenants n'est pas décrit.",
        "Taux de retour à l'emploi visé peu réaliste au regard du bassin d'emploi.",
    ),
    6: (
        "Coût par apprenant élevé et cofinancements non confirmés.",
        "Le budget ne distingue pas les dépenses de formation de celles de l'accompagnement.",
    ),
}
# What reviewers sometimes write under a top score.
PRAISE = (
    "Très bon ancrage local.",
    "Engagements précis et crédibles.",
    "Partenariats solides et déjà actifs.",
    "Dossier exemplaire sur ce point.",
)

SOURCING_PARTNERS = (
    "France Travail (agence {de_ville}), Mission Locale {de_ville}, associations de quartier ; une "
    "réunion d'information chaque mois.",
    "Mission Locale et Cap emploi {de_ville}, centres sociaux des quartiers prioritaires, France Travail ; "
    "ateliers de découverte des métiers du numérique.",
    "France Travail, Mission Locale, structures d'insertion par l'activité économique et associations "
    "de femmes du territoire ; journées portes ouvertes.",
)
EMPLOYER_PARTNERS = (
    "{companies} entreprises partenaires {de_ville} s'engagent à accueillir des stagiaires ; besoins "
    "de recrutement estimés à {hires} postes par an sur le bassin d'emploi.",
    "Club d'entreprises du numérique {de_ville} ({companies} membres engagés), agences web et ESN "
    "locales ; {hires} recrutements prévus dans les deux ans.",
    "{companies} entreprises et collectivités ont signé une lettre d'intention pour l'accueil en stage ; "
    "{hires} postes à pourvoir recensés avec France Travail.",
)
CO_FUNDERS = ("Union européenne – FEDER", "France Travail", "OPCO Atlas", "Fondation Orange")

ATTACHMENT_NAMES = {
    "programme": ("programme-pedagogique.pdf", "Programme pédagogique"),
    "budget": ("budget-previsionnel.pdf", "Budget prévisionnel détaillé"),
    "partnerships": ("lettres-de-partenariat.pdf", "Lettres de partenariat"),
}
