"""Who and what the demo network's story is about: people, services, partners and their needs, environments.

Plain data for demo/story.py, which enters it through the services' public APIs. Every person, company
and number here is invented (the business IDs only pass the Y-tunnus checksum).
"""
from __future__ import annotations

from dataclasses import dataclass, field

ESCO = "http://data.europa.eu/esco/skill/"


# --- ESCO skills the story uses (labels in Finnish as the taxonomy has them) ------------------------
PRODUCTION_PROCESSES = ESCO + "12c7b323-d870-4f5b-9d7d-d9f525206d77"  # tuotantoprosessit
CAD = ESCO + "a2b5dcf3-5b6a-453d-876c-cff540c0faf1"  # CAD-ohjelmisto
WELDING = ESCO + "530cb489-d900-46ab-9350-4d50ccd49eea"  # hitsaustekniikat
PYTHON = ESCO + "ccd0a1d9-afda-43d9-b901-96344886e14d"  # Python (tietokoneohjelmointi)
DATABASE = ESCO + "29fb0fb5-dfc4-4098-ac9b-3a712000f48f"  # hallita tietokantaa
DATA_ANALYTICS = ESCO + "97bd1c21-66b2-4b7e-ad0f-e3cda590e378"  # data-analytiikka
SOCIAL_MEDIA = ESCO + "64e09849-a7db-4d6b-a932-66264420eb97"  # käyttää sosiaalisen median markkinointia
CUSTOMER_NEEDS = ESCO + "68698869-c13c-4563-adc7-118b7644f45d"  # tunnistaa asiakkaan tarpeet
CUSTOMER_SERVICE = ESCO + "15a33d76-4640-438d-ae64-fdc0c1d3eebc"  # asiakaspalvelu
PROMOTE_EVENT = ESCO + "8bd21f21-ca28-4e08-ba0e-8a109711ad6b"  # mainostaa tapahtumaa
EVENT_PERMITS = ESCO + "3bba59fa-14eb-477f-8bba-c8cbdc2e6d7d"  # hankkia tapahtuman luvat
PHOTOGRAPHY = ESCO + "38509fa4-7c06-4a4b-9622-f521f03c37b8"  # valokuvaus
FIRST_AID = ESCO + "1d21f6ad-340f-45da-a0a3-4e83867f47a6"  # antaa ensiapua
SUPPORT_VOLUNTEERS = ESCO + "ee93e363-0c2b-40ed-bbf1-aa5aaf9683fe"  # tukea vapaaehtoisia
LOGISTICS = ESCO + "e843973c-23dd-416a-8a9c-9e89512542fb"  # logistiikka
WAREHOUSE = ESCO + "089ddb19-1c7a-43ff-ba64-070f7ce4787a"  # varastotoiminnot
SPREADSHEETS = ESCO + "1973c966-f236-40c9-b2d4-5d71a89019be"  # käyttää taulukkolaskentaohjelmistoja
HOME_CARE = ESCO + "0e2c082a-056c-413c-94d1-581a0133e614"  # antaa kotihoitoa
OLDER_PEOPLE = ESCO + "9aa2a1cb-37a6-4f3b-9610-0dadee1ec8ed"  # viestiä ikäihmisten ryhmien kanssa
GUIDE_PEOPLE = ESCO + "ab89ad86-1098-44bb-9465-05af5624557c"  # opastaa ihmisiä
PRODUCT_DESIGN = ESCO + "d15ba5cb-9212-4a90-85af-2c560da59925"  # tehdä tuotesuunnittelua
PLASTICS = ESCO + "9c66b182-96ec-43b3-8821-2aeb7df66f12"  # muovityypit
SALES_STRATEGY = ESCO + "e7219848-a27a-4bf4-8775-d367707be7c9"  # myyntistrategia


# --- people ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    """A client of a member organisation, registered by one of its service managers."""

    key: str
    manager: str
    first: str
    last: str
    born: str
    municipality: str
    gender: str
    field: str
    employment: str = "unemployed"
    isced: int = 3
    statistics: bool = True  # consent to statistics (pseudonymous): asked only where statistics rests on consent
    profile_sharing: bool = True  # consent to share the competence profile with matching
    login: str | None = None  # a student login of their own (password "demo")
    skills: tuple[tuple[str, int], ...] = ()  # self-reported skills of the competence profile
    email: str | None = None  # fictional; given with consent (c): a partner may get it once the student says yes

    @property
    def consents(self) -> dict:
        return {"service": True, "profile_sharing": self.profile_sharing,
                "contact_to_partner": self.email is not None,  # a partner is told them only if the student says yes
                "statistics": self.statistics, "overlap": True}  # shared-client detection rests on consent

    @property
    def acts_as(self) -> str:
        """Who answers the person's own questionnaires: the student themself, else their service manager."""
        return self.login or self.manager


def _from_row(key: str, row: tuple, login: str | None = None) -> Person:
    manager, first, last, born, municipality, gender, field_, employment, isced = row
    return Person(key, manager, first, last, born, municipality, gender, field_, employment, isced, login=login)


def people() -> list[Person]:
    """Everyone of the story: the first demo clients (demo/clients.py) and the story's own."""
    from demo.clients import CLIENTS, OWN_RECORD

    first = [_from_row(key, row) for key, row in zip(("aino", "eetu", "sara", "leo"), CLIENTS)]
    return [*first, _from_row("opiskelija", OWN_RECORD, login="student1"), *STORY_PEOPLE, EETU_AT_WINNOVA]


STORY_PEOPLE = [
    Person("joona", "manager1", "Joona", "Malli", "2004-04-18", "214", "man", "071", login="student2", isced=2,
           skills=((PRODUCTION_PROCESSES, 2), (WELDING, 3), (PLASTICS, 2)),
           email="joona.malli@example.fi"),
    Person("elias", "manager2", "Elias", "Näyte", "2003-08-09", "102", "man", "061", login="student3",
           skills=((PYTHON, 3), (DATABASE, 2))),
    Person("aada", "manager2", "Aada", "Esikuva", "2005-02-27", "079", "woman", "032", login="student7",
           skills=((SOCIAL_MEDIA, 3), (PHOTOGRAPHY, 3)), email="aada.esikuva@example.fi"),
    Person("vilja", "manager2", "Vilja", "Testaaja", "2002-12-05", "271", "other", "104", employment="inactive",
           skills=((LOGISTICS, 2), (SPREADSHEETS, 3))),
    Person("emilia", "manager3", "Emilia", "Luonnos", "2004-06-30", "609", "woman", "041", login="student4",
           isced=2, skills=((SOCIAL_MEDIA, 2), (CUSTOMER_SERVICE, 3))),
    # Consented to the service only: counted nowhere, his profile never reaches matching.
    Person("niklas", "manager3", "Niklas", "Kuvitelma", "2003-10-11", "886", "man", "071", isced=2,
           statistics=False, profile_sharing=False),
    Person("onni", "manager3", "Onni", "Kokeilija", "2005-05-05", "684", "man", "101", login="student8", isced=2,
           skills=((CUSTOMER_SERVICE, 2), (PROMOTE_EVENT, 2)), email="onni.kokeilija@example.fi"),
    Person("helmi", "manager3", "Helmi", "Kuvajainen", "2006-03-03", "079", "woman", "091", isced=2,
           employment="inactive", skills=((CUSTOMER_SERVICE, 2), (HOME_CARE, 2))),
    Person("iida", "manager4", "Iida", "Harjoitus", "2002-09-19", "609", "woman", "061", login="student5",
           skills=((PYTHON, 2), (DATA_ANALYTICS, 3))),
    Person("rasmus", "manager4", "Rasmus", "Mallinen", "2004-01-22", "271", "man", "061", employment="inactive",
           skills=((DATABASE, 2),)),
    Person("ella", "manager5", "Ella", "Mielikuva", "2004-11-11", "230", "woman", "092", login="student6",
           skills=((FIRST_AID, 3), (SUPPORT_VOLUNTEERS, 2))),
]


# Eetu (a client of Sataedu) also turned to WinNova's guidance: WinNova registers him too, the network
# finds the shared client, both agree that Sataedu leads, and Sataedu refers him to WinNova's service
# instead of both serving him unknowingly (päällekkäisyyksien poistaminen). WinNova records his sales
# skills: with Joona's plastics he makes the planned recycling environment's team (business and technology).
EETU_AT_WINNOVA = Person("eetu-winnova", "manager3", "Eetu", "Esimerkki", "2004-11-02", "609", "man", "041",
                         employment="inactive", isced=2, skills=((SALES_STRATEGY, 2),))
LEAD = "sataedu"


@dataclass(frozen=True)
class Service:
    """A service of a member organisation's catalogue: what the others refer clients to."""

    manager: str
    name: str
    description: str
    target_group: str
    service_area: str | None = None


SERVICES = [
    Service("manager1", "Työhönvalmennus ja työpaikkaohjaus",
            "Valmentaja tukee työnhaussa ja työpaikalla opintojen aikana ja niiden jälkeen.",
            "Ammatillisen koulutuksen opiskelijat ja vastavalmistuneet", "kaakkois-satakunta"),
    Service("manager2", "Opintojen ohjaus ja korkeakouluun hakeminen",
            "Ohjausta ammattikorkeakouluopintoihin hakemiseen ja opintojen suunnitteluun.",
            "Toisen asteen opiskelijat ja työelämässä olevat aikuiset"),
    Service("manager3", "Hakuneuvonta ammatilliseen koulutukseen",
            "Neuvontaa ammatillisen tutkinnon tai tutkinnon osien suorittamisesta, myös työn ohessa.",
            "Nuoret ja aikuiset, joilla ei ole ammatillista tutkintoa"),
    Service("manager4", "Yrittäjyys- ja innovaatiovalmennus",
            "Valmennusta oman yritysidean kehittämiseen yhdessä alueen yritysten kanssa.", "Opiskelijat ja nuoret"),
    Service("manager5", "Etsivä nuorisotyö ja nuorten työpaja",
            "Henkilökohtaista tukea ja työpajatoimintaa koulutuksen tai työn ulkopuolella oleville nuorille.",
            "15–29-vuotiaat nuoret", "pohjois-satakunta"),
]


@dataclass(frozen=True)
class Referral:
    person: str
    to_service: str  # the name of the receiving organisation's service
    note: str
    accepted_as: str | None = None  # the receiver's own record of the client, when the receiver accepted


REFERRALS = [
    Referral("eetu", "Hakuneuvonta ammatilliseen koulutukseen",
             "Haluaa suorittaa ammatillisen tutkinnon osia työn ohessa.", accepted_as="eetu-winnova"),
    Referral("leo", "Opintojen ohjaus ja korkeakouluun hakeminen", "Kiinnostunut agrologiopinnoista."),
    # Waiting on Sataedu's desk when the demo opens.
    Referral("vilja", "Työhönvalmennus ja työpaikkaohjaus",
             "Harjoittelu varastossa päättyy pian; toivoo työhönvalmentajan tukea työnhakuun Kokemäellä."),
]


# --- a service manager's day (issue 17): SAMK's manager finds on the desk Leo's referral waiting (above), Elias's
# company visit overdue and a guidance meeting with Aada today; a case note records how the meeting was agreed.
# Sataedu's manager finds Vilja's referral and the demo student's overdue application; the student's own path has a
# goal, steps done since the spring and the survey of the event week due in a few days.
@dataclass(frozen=True)
class PathGoal:
    person: str
    kind: str  # education, work or other
    title: str
    due_in_days: int


@dataclass(frozen=True)
class PlannedStep:
    person: str
    kind: str
    title: str
    owner: str
    due_in_days: int  # from the day the story is entered (negative: overdue)
    meeting_at: tuple[int, int] | None = None  # hour and minute in Helsinki time, on the due day
    place: str | None = None
    video_link: str | None = None
    participants: str | None = None
    status: str = "planned"
    goal: str | None = None  # the title of the person's goal it leads to


OWN_GOAL = PathGoal("opiskelija", "work", "Osa-aikatyö tapahtumien tai viestinnän parissa opintojen rinnalla", 150)
GOALS = [OWN_GOAL]

DAYS_WORK = [
    PlannedStep("elias", "visit_company", "Vierailu Satakunnan Konepajan verstaalle", "client", -3),
    PlannedStep("aada", "guidance_meeting", "Ohjauskeskustelu: hakeminen korkeakouluun", "manager", 0, (15, 0),
                place="SAMK, Pori, huone B204", video_link="https://meet.example.fi/samk-ohjaus",
                participants="Opinto-ohjaaja"),
    PlannedStep("opiskelija", "join_environment", "Mukaan Nuorisoseuran tapahtumaviikon tuotantoon", "client", -100,
                status="done", goal=OWN_GOAL.title),
    PlannedStep("opiskelija", "course", "Työnhakupaja: CV ja hakemus kuntoon", "client", -30, status="done",
                goal=OWN_GOAL.title),
    PlannedStep("opiskelija", "job_application", "Hakemus Nuorisoseuran iltaohjaajan osa-aikatyöhön", "client", -2,
                goal=OWN_GOAL.title),
    PlannedStep("opiskelija", "other", "Vastaa tapahtumaviikon kokemuskyselyyn", "client", 4, goal=OWN_GOAL.title),
]


@dataclass(frozen=True)
class CaseNote:
    person: str
    days_ago: int
    kind: str
    text: str


CASE_NOTES = [
    CaseNote("aada", 10, "phone", "Puhelu: sovittiin ohjauskeskustelu ja käytiin läpi yhteishaun aikataulu."),
]


# --- partners and their competence needs ----------------------------------------------------------
@dataclass(frozen=True)
class Partner:
    key: str
    recorded_by: str  # the service manager who records the partner in intake (their organisation owns it)
    name: str
    kind: str
    business_id: str
    municipality: str
    industry: str
    organisation: str | None = None  # the partner's own login organisation, linked by the administrator
    contact: tuple[str, str, str] | None = None  # (name, role, email) of a fictional contact person


@dataclass(frozen=True)
class Need:
    partner: str
    entered_by: str  # the partner's own user, or a service manager for a partner without users
    title: str
    description: str
    work_type: str
    skills: tuple[tuple[str, bool, int], ...]  # (ESCO URI, essential, level)
    hours_per_week: int | None = None
    people: int = 1
    hidden_job: bool = False
    municipality: str | None = None
    starts: int | None = 14  # days from today; None: no set start (e.g. summer jobs told of in advance)


PARTNERS = [
    Partner("konepaja", "manager1", "Konepaja Virtanen Oy", "company", "3187452-8", "214", "25",
            organisation="konepaja-virtanen",
            contact=("Kaisa Kumppani", "Tuotantopäällikkö", "kaisa.kumppani@example.fi")),
    Partner("nuorisoseura", "manager5", "Kankaanpään Nuorisoseura ry", "association", "3264019-2", "214", "94",
            organisation="nuorisoseura", contact=("Niko Järjestö", "Toiminnanjohtaja", "niko.jarjesto@example.fi")),
    Partner("logistiikka", "manager2", "Loimijoen Logistiikka Oy", "company", "3098271-1", "102", "52",
            contact=("Tarja Terminaali", "Varastopäällikkö", "tarja.terminaali@example.fi")),
    Partner("kotiapu", "manager3", "Kotiapu Satakieli Oy", "company", "3312586-2", "079", "88",
            contact=("Marja Hoivala", "Palvelupäällikkö", "marja.hoivala@example.fi")),
]

NEEDS = [
    Need("konepaja", "partner1", "Tuotannon kehittäjä (osa-aikainen)",
         "Kehität tuotantosolun työvaiheita ja keräät tuotantodataa tuotannon tueksi 2–3 päivänä viikossa.",
         "part_time", ((PRODUCTION_PROCESSES, True, 3), (CAD, False, 2)), hours_per_week=16, hidden_job=True,
         municipality="214"),
    Need("konepaja", "partner1", "Hitsaaja kesäksi", "Kesätyö hitsaamossa, perehdytys järjestetään.", "summer",
         ((WELDING, True, 3),), hours_per_week=37, people=2, municipality="214", starts=None),
    Need("nuorisoseura", "partner2", "Tapahtumatuottaja (osa-aikainen)",
         "Nuorisoseuran tapahtumien suunnittelu, markkinointi ja vapaaehtoisten tuki.", "part_time",
         ((PROMOTE_EVENT, True, 3), (SOCIAL_MEDIA, False, 2)), hours_per_week=8, municipality="214"),
    Need("logistiikka", "manager2", "Varastologistiikan kehittäminen (opinnäytetyö)",
         "Opinnäytetyö varaston keräilyn ja saldojen tiedonkulun kehittämisestä.", "thesis",
         ((LOGISTICS, True, 3), (DATABASE, False, 2)), municipality="102"),
    Need("logistiikka", "manager2", "Kesätyöntekijä varastoon", "Keräilyä ja vastaanottoa kesäkaudella.", "summer",
         ((WAREHOUSE, True, 2),), hours_per_week=37, people=3, municipality="102", starts=None),
    Need("kotiapu", "manager3", "Kotihoidon avustaja", "Asiakkaiden arjen tukena iltaisin ja viikonloppuisin.",
         "part_time", ((HOME_CARE, True, 2), (CUSTOMER_SERVICE, True, 3)), hours_per_week=12, hidden_job=True,
         municipality="079"),
]


# --- environments ---------------------------------------------------------------------------------
SURVEY_KEYS = ("working_life_orientation", "learning", "competence_shown", "teamwork", "guidance")
CRITERIA_KEYS = ("competence_matched_needs", "working_life_skills", "initiative", "teamwork", "would_recruit")
METRIC_KEYS = ("know_wanted_work", "show_competence", "multidisciplinary_team", "job_search", "find_my_place")


@dataclass(frozen=True)
class Role:
    title: str
    seats: int
    fields: tuple[str, ...]
    skills: tuple[tuple[str, int], ...]
    description: str | None = None


@dataclass(frozen=True)
class Outcome:
    kind: str  # part_time, short, fixed_term (jobs); thesis, traineeship, project, order (cooperation)
    partner: str
    recorded_by: str
    started: int  # days from today
    person: str | None = None
    hidden_job: bool = False
    ended: int | None = None
    description: str | None = None


@dataclass(frozen=True)
class Environment:
    """A project learning environment and how far its story goes (`status`)."""

    name: str
    host: str  # a service manager of the host organisation
    status: str  # draft, open, running, completed or evaluated
    description: str
    learning_goals: str
    fields: tuple[str, ...]
    municipality: str
    starts: int  # days from today
    ends: int
    capacity: int
    partners: tuple[str, ...]
    needs: tuple[str, ...]  # titles of the partners' needs it answers
    roles: tuple[Role, ...]
    institutions: tuple[str, ...] = ()
    team: tuple[tuple[str, int], ...] = ()  # (person, role index)
    withdrawn: dict = field(default_factory=dict)  # person -> reason
    surveys: dict = field(default_factory=dict)  # person -> (five answers 1–5, free text)
    assessments: dict = field(default_factory=dict)  # person -> (partner user, five scores, confirmed levels)
    overall: tuple = ()  # (partner user, five scores, free text) per partner
    outcomes: tuple[Outcome, ...] = ()


# The network's first and largest environment, over before the others began (none of its students was in another
# environment at the time): eleven students of seven fields whose managers recorded their gender under the
# statistics consent. No group is under five (women 6, men 5, other or not told 0), so its page shows the team's
# gender balance, and the indicators show its women and men apart also where counts of 1–4 are hidden. It is
# entered first, as it happened: entered later, its enrolments would withdraw matching's suggestions of the same
# students for the open environment (an enrolled student is busy until the environment moves on). Its students
# answered the personal metrics in intake, like every participant (22 questionnaires: start and end of eleven).
GENERATIONS = Environment(
    "Sukupolvien olohuone", "manager4", "completed",
    "Kotiapu Satakielen ikäihmiset ja opiskelijat kokoontuivat viikoittain olohuoneeseen: hyvinvoinnin, "
    "tietojenkäsittelyn, viestinnän ja tekniikan opiskelijat suunnittelivat ohjelman, opastivat digiasioissa "
    "ja tekivät tilasta esteettömämmän.",
    "Asiakaslähtöinen ohjaus, sukupolvien välinen vuorovaikutus, digiopastus ja esteetön tilasuunnittelu.",
    ("091", "061", "041", "071"), "079", -195, -165, 12, ("kotiapu",), (),
    (Role("Hyvinvointiohjaaja", 2, ("091", "092"), ((OLDER_PEOPLE, 2), (FIRST_AID, 2)),
          "Tuolijumpat, muistipelit ja kahvihetket."),
     Role("Digiopastaja", 3, ("061",), ((GUIDE_PEOPLE, 3), (CUSTOMER_SERVICE, 2)),
          "Älypuhelimen, pankkiasioinnin ja videopuheluiden opastus."),
     Role("Ohjelma- ja viestintävastaava", 3, ("041", "032", "101"), ((PROMOTE_EVENT, 2), (SOCIAL_MEDIA, 2))),
     Role("Tilasuunnittelija", 3, ("071", "081"), ((PRODUCT_DESIGN, 2),),
          "Esteettömät kalusteratkaisut ja opasteet.")),
    institutions=("sataedu", "samk", "winnova"),
    team=(("ella", 0), ("helmi", 0), ("iida", 1), ("elias", 1), ("rasmus", 1), ("emilia", 2), ("aada", 2),
          ("onni", 2), ("aino", 3), ("joona", 3), ("leo", 3)),
)

ENVIRONMENTS = [
    GENERATIONS,
    Environment(
        "Konepajan tuotannon digiloikka", "manager1", "evaluated",
        "Monialainen tiimi kehitti Konepaja Virtasen tuotantosolun tiedonkeruuta: tuotannon, ohjelmoinnin ja "
        "markkinoinnin opiskelijat rakensivat yhdessä tuotannon seurantanäkymän ja esittelivät sen asiakkaille.",
        "Tuotantoprosessien kehittäminen, tiedon hyödyntäminen ja asiakaslähtöinen viestintä aidossa yrityksessä.",
        ("071", "061", "041"), "214", -160, -70, 8, ("konepaja",), ("Tuotannon kehittäjä (osa-aikainen)",),
        (Role("Tuotannon kehittäjä", 3, ("071",), ((PRODUCTION_PROCESSES, 3), (CAD, 2)),
              "Työvaiheiden mittaus, layout-ehdotukset ja työohjeet."),
         Role("Ohjelmistokehittäjä", 3, ("061",), ((PYTHON, 3), (DATABASE, 2)),
              "Tuotantodatan keruu ja seurantanäkymä."),
         Role("Markkinoinnin suunnittelija", 2, ("041",), ((SOCIAL_MEDIA, 3), (CUSTOMER_NEEDS, 2)),
              "Asiakasviestintä ja esittelymateriaali.")),
        institutions=("samk", "winnova", "prizztech"),
        team=(("joona", 0), ("aino", 0), ("niklas", 0), ("elias", 1), ("sara", 1), ("iida", 1), ("emilia", 2)),
        surveys={"joona": ((5, 4, 5, 4, 4), "Pääsin tekemään oikeita töitä ja sain työpaikan."),
                 "elias": ((4, 5, 4, 4, 3), "Ohjelmointi oikeaan tarpeeseen opetti paljon."),
                 "emilia": ((5, 4, 4, 5, 4), None),
                 "iida": ((4, 4, 3, 5, 4), "Monialainen tiimi toimi hyvin.")},
        assessments={"joona": ("partner1", (5, 5, 4, 4, 5), (PRODUCTION_PROCESSES, 4)),
                     "aino": ("partner1", (4, 4, 3, 4, 4), (PRODUCTION_PROCESSES, 3)),
                     "niklas": ("partner1", (3, 4, 3, 4, 3), (CAD, 2)),
                     "elias": ("partner1", (5, 4, 4, 4, 5), (PYTHON, 4)),
                     "sara": ("partner1", (4, 4, 4, 5, 4), (DATABASE, 3)),
                     "iida": ("partner1", (4, 5, 5, 4, 4), (PYTHON, 3)),
                     "emilia": ("partner1", (5, 4, 4, 5, 5), (SOCIAL_MEDIA, 4))},
        overall=(("partner1", (5, 4, 4, 5, 5), "Tiimi toi tuotantoomme uutta osaamista; jatkamme yhteistyötä."),),
        outcomes=(Outcome("part_time", "konepaja", "partner1", -56, "joona", hidden_job=True,
                          description="Osa-aikainen tuotannon kehittäjä, paikkaa ei ilmoitettu julkisesti."),
                  Outcome("short", "konepaja", "partner1", -50, "elias", ended=-20,
                          description="Seurantanäkymän jatkokehitys lyhyessä työsuhteessa."),
                  Outcome("fixed_term", "konepaja", "partner1", -40, "emilia", ended=120,
                          description="Määräaikainen markkinointiassistentti."),
                  Outcome("thesis", "konepaja", "partner1", -45, "iida",
                          description="Opinnäytetyö tuotantodatan hyödyntämisestä."),
                  Outcome("project", "konepaja", "manager1", -30,
                          description="Jatkoprojekti: huoltokirjan digitalisointi seuraavalle opiskelijatiimille.")),
    ),
    Environment(
        "Nuorisoseuran tapahtumaviikon tuotanto", "manager5", "completed",
        "Opiskelijat tuottivat Kankaanpään Nuorisoseuran tapahtumaviikon: ohjelman, viestinnän, turvallisuuden ja "
        "vapaaehtoisten tuen.",
        "Tapahtumatuotanto, viestintä somessa ja turvallisuussuunnittelu yhdistyksen kanssa.",
        ("041", "021", "092"), "214", -100, -20, 6, ("nuorisoseura",), ("Tapahtumatuottaja (osa-aikainen)",),
        (Role("Tapahtumatuottaja", 2, ("041", "101"), ((PROMOTE_EVENT, 3), (EVENT_PERMITS, 2))),
         Role("Viestinnän ja somen tekijä", 2, ("021", "032"), ((SOCIAL_MEDIA, 3), (PHOTOGRAPHY, 2))),
         Role("Turvallisuus- ja hyvinvointivastaava", 2, ("092", "091"), ((FIRST_AID, 3), (SUPPORT_VOLUNTEERS, 2)))),
        institutions=("sataedu", "samk", "winnova"),
        team=(("onni", 0), ("leo", 0), ("aada", 1), ("opiskelija", 1), ("ella", 2)),
        surveys={"ella": ((5, 5, 4, 4, 5), "Sain vastuuta ja työpaikan."),
                 "aada": ((4, 4, 5, 3, 4), "Somekampanja oli hauska tehdä."),
                 "onni": ((4, 3, 4, 4, 3), None)},
        assessments={"ella": ("partner2", (5, 5, 4, 5, 5), (FIRST_AID, 4)),
                     "aada": ("partner2", (5, 4, 5, 4, 5), (SOCIAL_MEDIA, 4)),
                     "onni": ("partner2", (4, 4, 4, 4, 4), (PROMOTE_EVENT, 3))},
        outcomes=(Outcome("part_time", "nuorisoseura", "partner2", -10, "ella", hidden_job=True,
                          description="Nuorisotalon iltaohjaaja kaksi iltaa viikossa."),
                  Outcome("short", "nuorisoseura", "partner2", -12, "onni", ended=-5,
                          description="Markkinatapahtuman järjestelyt."),
                  Outcome("order", "nuorisoseura", "partner2", -8,
                          description="Tilaus: seuraavan tapahtuman somekampanja opiskelijoilta."),
                  Outcome("project", "nuorisoseura", "manager5", -5,
                          description="Yhteistyö jatkuu uudella tapahtumasarjalla.")),
    ),
    Environment(
        "Varastologistiikan datapolku", "manager2", "running",
        "Loimijoen Logistiikan varaston keräilyn ja saldojen tiedonkulku näkyväksi: logistiikan, tietojenkäsittelyn "
        "ja liiketalouden opiskelijat mittaavat, analysoivat ja ehdottavat parannuksia.",
        "Logistiikkaprosessin mittaaminen, data-analytiikka ja asiakaskokemus.",
        ("104", "061", "041"), "102", -30, 60, 5, ("logistiikka",),
        ("Varastologistiikan kehittäminen (opinnäytetyö)",),
        (Role("Logistiikan kehittäjä", 2, ("104",), ((LOGISTICS, 3), (WAREHOUSE, 2))),
         Role("Data-analyytikko", 2, ("061",), ((DATA_ANALYTICS, 3), (SPREADSHEETS, 2))),
         Role("Asiakaskokemuksen suunnittelija", 1, ("041",), ((CUSTOMER_SERVICE, 3),))),
        institutions=("sataedu", "prizztech"),
        team=(("vilja", 0), ("sara", 1), ("rasmus", 1), ("eetu", 2)),
        withdrawn={"rasmus": "Siirtyi kokoaikaiseen työhön toiselle alalle."},
        outcomes=(Outcome("traineeship", "logistiikka", "manager2", -7, "vilja",
                          description="Harjoittelu varaston tiedonhallinnassa projektin rinnalla."),),
    ),
    Environment(
        "Kotihoidon digiarki", "manager3", "open",
        "Kotihoidon asiakkaat ja opiskelijat kokeilevat yhdessä arkea helpottavia digipalveluita; opiskelijat "
        "opastavat ja keräävät palautetta Kotiapu Satakielen palvelujen kehittämiseksi.",
        "Asiakaslähtöinen hoivatyö, ikäihmisten opastaminen ja palvelumuotoilu.",
        ("091", "092", "061"), "079", 21, 120, 6, ("kotiapu",), ("Kotihoidon avustaja",),
        (Role("Kotihoidon avustaja", 3, ("091", "092"), ((HOME_CARE, 2), (OLDER_PEOPLE, 2))),
         Role("Digituen opastaja", 3, ("061",), ((GUIDE_PEOPLE, 3), (CUSTOMER_SERVICE, 2)))),
        institutions=("sataedu",),
        team=(("helmi", 0), ("opiskelija", 1)),
    ),
    Environment(
        "Kierrätysmuovista uusia tuotteita", "manager4", "draft",
        "Suunnitteilla: tekniikan ja liiketalouden opiskelijat ideoivat konepajan ja logistiikkayrityksen "
        "muovijätteestä myytäviä tuotteita.",
        "Tuotesuunnittelu, materiaalit ja liiketoimintamallit.",
        ("071", "072", "041"), "271", 90, 180, 6, ("konepaja", "logistiikka"), (),
        (Role("Tuotesuunnittelija", 3, ("071", "072"), ((PRODUCT_DESIGN, 3), (PLASTICS, 2))),
         Role("Liiketoiminnan kehittäjä", 3, ("041",), ((SALES_STRATEGY, 2),))),
        institutions=("samk",),
    ),
]


# What the host's manager decides on matching's best suggestions for the open environment.
SUGGESTION_DECISIONS = [
    {"decision": "accept", "reason": None},
    {"decision": "decline", "reason": "Opiskelija on samaan aikaan työharjoittelussa eikä ehdi mukaan."},
]
