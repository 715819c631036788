"""The métiers of the labelled courses, as the press articles list them, with their ROME codes.

User-facing text: written in French. ROME codes are in order of preference; only those present in the
database are used, so the demo works with ROME v4 sheets (M1855 "Développeur web") as with their parent
sheets (M1805).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Metier:
    key: str
    titles: tuple[str, ...]
    rome_codes: tuple[str, ...]
    # One sentence that opens the summary.
    pitch: str
    programme: tuple[str, ...]
    outlets: str
    prerequisites: str
    # How often the métier appears in the network (relative weight).
    weight: int
    # RNCP certification of a title, for the courses that prepare it.
    rncp_codes: tuple[tuple[str, str], ...] = ()


WEB_DEVELOPER = Metier(
    key="web_developer",
    titles=(
        "Développeur web et web mobile",
        "Développeur / Développeuse web full stack",
        "Développement d'applications web et mobiles",
        "Développeur / Développeuse JavaScript",
    ),
    rome_codes=("M1855", "M1805", "M1861"),
    pitch="Apprenez à concevoir et à coder des sites et des applications web, de la maquette à la mise en ligne.",
    programme=(
        "HTML, CSS et accessibilité des pages web",
        "JavaScript, puis un framework moderne pour les interfaces",
        "PHP ou Node.js, bases de données SQL et API",
        "Git, méthodes agiles et travail en équipe",
        "un projet réel mené pour une association ou une entreprise du territoire",
    ),
    outlets=(
        "développeur ou développeuse web, intégrateur ou intégratrice web, développeur ou développeuse "
        "d'applications mobiles, en entreprise, en agence ou à son compte."
    ),
    prerequisites=(
        "Aucun diplôme n'est exigé. Il faut être à l'aise avec l'ordinateur, avoir l'esprit logique et "
        "une forte motivation ; une première découverte du code (tutoriels en ligne, projet personnel) "
        "est appréciée."
    ),
    weight=30,
    rncp_codes=(("Développeur web et web mobile", "RNCP31114"),),
)

CYBERSECURITY = Metier(
    key="cybersecurity",
    titles=(
        "Analyste en cybersécurité",
        "Technicien / Technicienne en cybersécurité",
        "Opérateur / Opératrice SOC en cybersécurité",
    ),
    rome_codes=("M1844", "M1883", "M1817"),
    pitch="Formez-vous à la protection des systèmes d'information : surveiller, détecter les attaques, y répondre.",
    programme=(
        "réseaux et systèmes Linux et Windows : les bases indispensables",
        "sécurisation des postes, des serveurs et des comptes",
        "surveillance, analyse des journaux et détection d'incidents",
        "tests d'intrusion et gestion des vulnérabilités",
        "réglementation : RGPD et recommandations de l'ANSSI",
    ),
    outlets=(
        "analyste SOC, technicien ou technicienne en cybersécurité, administrateur ou administratrice "
        "sécurité, dans une entreprise, une collectivité ou chez un prestataire de services."
    ),
    prerequisites=(
        "Pas de diplôme exigé, mais une première expérience de l'informatique (support, développement, "
        "réseaux ou projets personnels) est nécessaire ; elle est vérifiée par un test de positionnement."
    ),
    weight=9,
)

DATA_ANALYST = Metier(
    key="data_analyst",
    titles=("Data analyst", "Analyste de données", "Analyste de données et business intelligence"),
    rome_codes=("M1419", "M1851", "M1405"),
    pitch="Apprenez à collecter, nettoyer et faire parler les données pour aider les équipes à décider.",
    programme=(
        "tableur avancé et statistiques descriptives",
        "SQL et modélisation des bases de données",
        "Python pour l'analyse de données et la visualisation",
        "tableaux de bord avec un outil de business intelligence",
        "protection des données personnelles et éthique",
    ),
    outlets=(
        "data analyst, analyste décisionnel, chargé ou chargée d'études statistiques, dans tous les "
        "secteurs qui exploitent leurs données."
    ),
    prerequisites=(
        "Aucun diplôme exigé ; l'aisance avec les chiffres et la pratique d'un tableur sont indispensables. "
        "Un test de logique fait partie de la sélection."
    ),
    weight=9,
)

IOT_MAKER = Metier(
    key="iot_maker",
    titles=(
        "Créateur / Créatrice d'objets connectés (IoT maker)",
        "Technicien / Technicienne des objets connectés",
        "Maker en objets connectés et domotique",
    ),
    rome_codes=("I1314", "M1845", "M1892"),
    pitch="Du capteur à l'application : concevez, programmez et installez des objets connectés.",
    programme=(
        "électronique de base, capteurs et prototypage sur Arduino et Raspberry Pi",
        "programmation embarquée en C et en Python",
        "réseaux et protocoles de l'internet des objets (LoRa, Wi-Fi, MQTT)",
        "impression 3D et fabrication en fablab",
        "un objet connecté réalisé de bout en bout et présenté à des employeurs",
    ),
    outlets=(
        "technicien ou technicienne en objets connectés, installateur ou installatrice domotique, maker "
        "en fablab ou en start-up."
    ),
    prerequisites=(
        "Aucun diplôme requis. Goût pour le bricolage, l'électronique ou la programmation, et envie de "
        "fabriquer de ses mains."
    ),
    weight=5,
)

INTERFACE_DESIGNER = Metier(
    key="interface_designer",
    titles=("Concepteur / Conceptrice d'interfaces numériques", "Designer UX/UI", "Web designer"),
    rome_codes=("E1206", "E1210", "E1205"),
    pitch="Concevez des interfaces claires, accessibles et agréables, du besoin des utilisateurs à la maquette.",
    programme=(
        "recherche utilisateur : entretiens, personas, parcours",
        "ergonomie, accessibilité numérique (RGAA) et systèmes de design",
        "maquettes et prototypes interactifs",
        "bases de HTML et de CSS pour travailler avec les développeurs",
        "tests utilisateurs et améliorations successives",
    ),
    outlets=(
        "designer UX/UI, web designer, concepteur ou conceptrice d'interfaces, en agence, en entreprise "
        "ou à son compte."
    ),
    prerequisites=(
        "Aucun diplôme exigé. Curiosité, sens de l'observation et intérêt pour le graphisme ; aucun "
        "portfolio n'est demandé."
    ),
    weight=7,
)

CONNECTED_AGRICULTURE = Metier(
    key="connected_agriculture",
    titles=("Technicien / Technicienne en agriculture connectée", "Agriculture connectée et numérique"),
    rome_codes=("I1314", "M1845"),
    pitch="Mettez le numérique au service des exploitations agricoles : capteurs, drones, données et outils connectés.",
    programme=(
        "capteurs, stations météo et objets connectés aux champs et en élevage",
        "réseaux longue portée en zone rurale",
        "collecte et lecture des données agronomiques",
        "logiciels de gestion d'exploitation et agriculture de précision",
        "installation, maintenance et accompagnement des agriculteurs",
    ),
    outlets=(
        "technicien ou technicienne en agriculture connectée, conseiller ou conseillère en équipements "
        "agricoles numériques, auprès d'exploitations, de coopératives ou de fournisseurs de matériel."
    ),
    prerequisites=(
        "Aucun diplôme requis. Intérêt pour le monde agricole et pour les technologies ; le permis B est "
        "un atout pour intervenir sur les exploitations."
    ),
    weight=2,
)

DIGITAL_MEDIATOR = Metier(
    key="digital_mediator",
    titles=("Médiateur / Médiatrice numérique", "Coach numérique", "Référent / Référente numérique"),
    rome_codes=("G1238", "I1404"),
    pitch="Accompagnez les personnes éloignées du numérique dans leurs usages et leurs démarches en ligne.",
    programme=(
        "les usages du numérique : démarches en ligne, messagerie, sécurité",
        "animation d'ateliers collectifs et accompagnement individuel",
        "pédagogie pour adultes et publics en difficulté",
        "outils collaboratifs et création de contenus simples",
        "les acteurs de l'inclusion numérique du territoire",
    ),
    outlets=(
        "médiateur ou médiatrice numérique, animateur ou animatrice d'atelier multimédia, conseiller ou "
        "conseillère numérique, dans une collectivité, une association ou un espace France services."
    ),
    prerequisites=(
        "Aucun diplôme requis. Aisance relationnelle, goût de la transmission et pratique courante de "
        "l'ordinateur et du smartphone."
    ),
    weight=10,
)

NETWORK_TECHNICIAN = Metier(
    key="network_technician",
    titles=(
        "Technicien / Technicienne systèmes et réseaux",
        "Technicien supérieur systèmes et réseaux",
        "Technicien / Technicienne d'assistance informatique",
    ),
    rome_codes=("M1816", "M1810", "I1401"),
    pitch="Installez, dépannez et administrez les postes, les serveurs et les réseaux des entreprises.",
    programme=(
        "architecture des ordinateurs, installation et dépannage des postes",
        "réseaux : adressage IP, commutation, routage, Wi-Fi",
        "administration de serveurs Windows et Linux",
        "virtualisation, sauvegarde et sécurité de base",
        "assistance aux utilisateurs et gestion des tickets",
    ),
    outlets=(
        "technicien ou technicienne systèmes et réseaux, technicien ou technicienne d'assistance, "
        "gestionnaire de parc informatique."
    ),
    prerequisites=(
        "Aucun diplôme exigé. Goût pour la technique et le dépannage, rigueur et sens du service."
    ),
    weight=12,
    rncp_codes=(("Technicien supérieur systèmes et réseaux", "RNCP31115"),),
)

COMMUNITY_MANAGER = Metier(
    key="community_manager",
    titles=("Community manager", "Chargé / Chargée de communication numérique"),
    rome_codes=("E1101", "E1124"),
    pitch="Animez les communautés en ligne d'une entreprise ou d'une association et faites vivre ses réseaux sociaux.",
    programme=(
        "stratégie de communication et ligne éditoriale",
        "rédaction web et référencement naturel",
        "création de visuels et de courtes vidéos",
        "animation et modération des réseaux sociaux",
        "mesure d'audience et publicité en ligne",
    ),
    outlets=(
        "community manager, chargé ou chargée de communication numérique, social media manager, en "
        "entreprise, en agence ou à son compte."
    ),
    prerequisites=(
        "Aucun diplôme requis. Une bonne expression écrite en français et une pratique régulière des "
        "réseaux sociaux sont attendues."
    ),
    weight=7,
)

SOFTWARE_TESTER = Metier(
    key="software_tester",
    titles=("Testeur / Testeuse logiciel", "Développeur / Développeuse en test logiciel"),
    rome_codes=("M1815", "M1842", "M1805"),
    pitch="Traquez les anomalies avant les utilisateurs : concevez et automatisez les tests des logiciels.",
    programme=(
        "cycle de vie du logiciel et méthodes agiles",
        "conception de plans et de cas de test",
        "tests fonctionnels, de non-régression et de performance",
        "automatisation des tests et intégration continue",
        "préparation à la certification ISTQB niveau fondation",
    ),
    outlets="testeur ou testeuse logiciel, analyste qualité, automaticien ou automaticienne de tests.",
    prerequisites=(
        "Aucun diplôme exigé, mais un bon niveau de logique et de rigueur est requis ; il est vérifié "
        "par un test d'entrée."
    ),
    weight=4,
)

JAVA_ADMINISTRATOR = Metier(
    key="java_administrator",
    titles=("Administrateur / Administratrice d'applications Java", "Développeur / Développeuse Java"),
    rome_codes=("M1805", "M1861", "M1801"),
    pitch="Devenez opérationnel sur l'écosystème Java, très demandé par les entreprises de services numériques.",
    programme=(
        "algorithmique et programmation orientée objet en Java",
        "bases de données relationnelles",
        "frameworks Java et API REST",
        "serveurs d'applications, déploiement et supervision",
        "tests unitaires et qualité du code",
    ),
    outlets=(
        "développeur ou développeuse Java, administrateur ou administratrice d'applications, dans une "
        "entreprise de services numériques ou une direction informatique."
    ),
    prerequisites=(
        "Pas de diplôme exigé, mais une première pratique de la programmation est nécessaire ; elle est "
        "vérifiée lors d'un test technique."
    ),
    weight=4,
)

CLOUD_TECHNICIAN = Metier(
    key="cloud_technician",
    titles=("Technicien / Technicienne cloud", "Administrateur / Administratrice cloud et DevOps"),
    rome_codes=("M1876", "M1827", "M1810"),
    pitch="Déployez et exploitez des applications dans le cloud, en automatisant tout ce qui peut l'être.",
    programme=(
        "Linux, réseaux et scripts d'automatisation",
        "conteneurs et orchestration",
        "offres des hébergeurs cloud et souveraineté des données",
        "intégration et déploiement continus",
        "supervision, sauvegarde et sécurité",
    ),
    outlets=(
        "technicien ou technicienne cloud, administrateur ou administratrice systèmes, assistant ou "
        "assistante DevOps."
    ),
    prerequisites=(
        "Aucun diplôme exigé ; une première pratique de l'informatique (installation, lignes de commande) "
        "est attendue et vérifiée par un test."
    ),
    weight=3,
)

METIERS = (
    WEB_DEVELOPER,
    CYBERSECURITY,
    DATA_ANALYST,
    IOT_MAKER,
    INTERFACE_DESIGNER,
    CONNECTED_AGRICULTURE,
    DIGITAL_MEDIATOR,
    NETWORK_TECHNICIAN,
    COMMUNITY_MANAGER,
    SOFTWARE_TESTER,
    JAVA_ADMINISTRATOR,
    CLOUD_TECHNICIAN,
)
