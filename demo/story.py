"""The demo network's story: partners, their needs and project learning environments at every stage.

`seed(network)` enters, through the services' public HTTP APIs and as the demo user who would do it,
what a year of the network looks like: companies and an association with competence needs, clients
of the five member organisations (some with their own student login), and five multidisciplinary
environments — one evaluated, one completed and awaiting evaluation, one running, one open for
enrolment and one still a draft — with their participants, personal metrics, experience surveys,
partners' assessments and the jobs and cooperation that followed. The services' own rules apply:
consents decide what travels to matching and reporting, the gender-neutral review gates opening,
seats and the lifecycle are checked, and every step publishes its events.

Everything is found by its natural key before it is entered (a partner by name, a need by title, a
client by name and birth date, a login by username, an environment by name), so running the seed
again enters nothing twice. Every person, company and number here is invented (the business IDs only
pass the Y-tunnus checksum); the extra student logins are demo users like those of demo/identity.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from werkzeug.test import Client

from services.portal.handlers.identity import access_token

from demo.identity import PASSWORD  # the demo users' password

ESCO = "http://data.europa.eu/esco/skill/"
INTAKE_API, ENVIRONMENTS_API = "/intake/api/v1", "/environments/api/v1"


class DemoError(RuntimeError):
    """The demo content could not be entered (an API answered with an error)."""


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
    statistics: bool = True  # consent to anonymous statistics: only then is the person counted in reporting
    profile_sharing: bool = True  # consent to share the competence profile with matching
    login: str | None = None  # a student login of their own (password "demo")
    skills: tuple[tuple[str, int], ...] = ()  # self-reported skills of the competence profile

    @property
    def consents(self) -> dict:
        return {"service": True, "profile_sharing": self.profile_sharing, "contact_to_partner": False,
                "statistics": self.statistics}

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
           skills=((PRODUCTION_PROCESSES, 2), (WELDING, 3))),
    Person("elias", "manager2", "Elias", "Näyte", "2003-08-09", "102", "man", "061", login="student3",
           skills=((PYTHON, 3), (DATABASE, 2))),
    Person("aada", "manager2", "Aada", "Esikuva", "2005-02-27", "079", "woman", "032", login="student7",
           skills=((SOCIAL_MEDIA, 3), (PHOTOGRAPHY, 3))),
    Person("vilja", "manager2", "Vilja", "Testaaja", "2002-12-05", "271", "other", "104", employment="inactive",
           skills=((LOGISTICS, 2), (SPREADSHEETS, 3))),
    Person("emilia", "manager3", "Emilia", "Luonnos", "2004-06-30", "609", "woman", "041", login="student4",
           isced=2, skills=((SOCIAL_MEDIA, 2), (CUSTOMER_SERVICE, 3))),
    # Consented to the service only: counted nowhere, his profile never reaches matching.
    Person("niklas", "manager3", "Niklas", "Kuvitelma", "2003-10-11", "886", "man", "071", isced=2,
           statistics=False, profile_sharing=False),
    Person("onni", "manager3", "Onni", "Kokeilija", "2005-05-05", "684", "man", "101", login="student8", isced=2,
           skills=((CUSTOMER_SERVICE, 2), (PROMOTE_EVENT, 2))),
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
# instead of both serving him unknowingly (päällekkäisyyksien poistaminen).
EETU_AT_WINNOVA = Person("eetu-winnova", "manager3", "Eetu", "Esimerkki", "2004-11-02", "609", "man", "041",
                         employment="inactive", isced=2)
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


ENVIRONMENTS = [
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


def _metrics(person_index: int, phase: str) -> dict:
    """Self-assessments 1–5 that mostly rise from the start to the end (one scale may stay or fall)."""
    start = [2 + (person_index + i) % 3 for i in range(len(METRIC_KEYS))]
    if phase == "start":
        return dict(zip(METRIC_KEYS, start))
    end = [min(5, value + (1 if (person_index + i) % 4 else 0)) for i, value in enumerate(start)]
    return dict(zip(METRIC_KEYS, end))


# --- the HTTP side --------------------------------------------------------------------------------
class Api:
    """The network's public HTTP API, called as one demo user or another (bearer tokens like the portal's)."""

    def __init__(self, network) -> None:
        self.network = network
        self.client = Client(network.wsgi)
        self._tokens: dict[str, str] = {}

    def headers(self, username: str) -> dict:
        if username not in self._tokens:
            user = self.network.identity.get(username)
            if user is None:
                raise DemoError(f"no demo user {username!r}")
            self._tokens[username] = access_token(self.network.portal.config.token_settings, user)
        return {"Authorization": f"Bearer {self._tokens[username]}", "Accept": "application/json"}

    def forget(self, username: str) -> None:
        """Drop a cached token (the user's client link changed)."""
        self._tokens.pop(username, None)

    def call(self, username: str, method: str, path: str, body: dict | None = None, query: dict | None = None):
        response = self.client.open(path, method=method, headers=self.headers(username), json=body,
                                    query_string=query)
        if response.status_code not in (200, 201):
            raise DemoError(f"{method} {path} as {username} failed: {response.status_code} "
                            f"{response.get_data(as_text=True)[:500]}")
        return response.get_json()

    def get(self, username: str, path: str, **query):
        return self.call(username, "GET", path, query=query or None)

    def post(self, username: str, path: str, body: dict):
        return self.call(username, "POST", path, body)

    def put(self, username: str, path: str, body: dict):
        return self.call(username, "PUT", path, body)


def register_client(api: Api, person: Person, entered_on: date | None = None) -> str:
    """Register a client with their consents as their service manager; the new client's id."""
    body = {"first_name": person.first, "last_name": person.last, "birth_date": person.born,
            "home_municipality": person.municipality, "gender": person.gender,
            "field_of_education": person.field, "employment_status": person.employment,
            "education_level": person.isced, "education_status": "studying", "mother_tongue": "fi",
            "languages": [{"code": "fi", "level": "native"}, {"code": "en", "level": "good"}],
            "consents": person.consents}
    if entered_on is not None:
        body["entered_on"] = entered_on.isoformat()
    return api.post(person.manager, f"{INTAKE_API}/clients", body)["id"]


class Story:
    """Enters the story step by step; `entered` tells whether anything new was entered."""

    def __init__(self, network, today: date | None = None) -> None:
        self.network = network
        self.api = Api(network)
        self.today = today or date.today()
        self.entered = False
        self.people = {p.key: p for p in people()}
        self.client_ids: dict[str, str] = {}
        self.partner_ids: dict[str, str] = {}
        self.need_ids: dict[str, str] = {}

    def day(self, offset: int) -> str:
        return (self.today + timedelta(days=offset)).isoformat()

    # people
    def client(self, key: str) -> str:
        """The person's client id: found by name and birth date among their organisation's clients, or registered."""
        if key in self.client_ids:
            return self.client_ids[key]
        person = self.people[key]
        found = self.api.post(person.manager, f"{INTAKE_API}/clients/search",
                              {"q": f"{person.first} {person.last}", "per_page": 100})
        ids = [c["id"] for c in found["items"] if c["first_name"] == person.first and c["last_name"] == person.last
               and c["birth_date"] == person.born]
        if ids:
            client_id = ids[0]
        else:
            client_id = register_client(self.api, person, self.today - timedelta(days=200))
            for uri, level in person.skills:
                self.api.post(person.manager, f"{INTAKE_API}/clients/{client_id}/profile/skills",
                              {"skill_uri": uri, "level": level, "evidence": "self"})
            self.entered = True
        self.client_ids[key] = client_id
        if person.login:
            self._login(person, client_id)
        return client_id

    def _login(self, person: Person, client_id: str) -> None:
        """The student's own login, linked to their client record (as an administrator sets it up)."""
        identity = self.network.identity
        user = identity.get(person.login)
        if user is None:
            identity.create_user(person.login, PASSWORD, display_name=f"{person.first} {person.last}",
                                 organisation=_organisation_of(identity, person.manager), roles=["student"],
                                 client_id=client_id, demo=True)
            self.entered = True
        elif user.demo and user.client_id is None:  # never relink a real user, nor one linked already
            identity.link_client(person.login, client_id)
            self.api.forget(person.login)
            self.entered = True

    # partners
    def partner(self, spec: Partner) -> str:
        if spec.key in self.partner_ids:
            return self.partner_ids[spec.key]
        found = [p for p in self.api.get(spec.recorded_by, f"{INTAKE_API}/partners", name=spec.name)
                 if p["name"] == spec.name]
        if found:
            partner = found[0]
        else:
            contacts = [{"name": n, "role": r, "email": e} for n, r, e in [spec.contact]] if spec.contact else []
            partner = self.api.post(spec.recorded_by, f"{INTAKE_API}/partners", {
                "name": spec.name, "kind": spec.kind, "business_id": spec.business_id,
                "municipality": spec.municipality, "industry": spec.industry, "contacts": contacts})
            self.entered = True
        if spec.organisation and partner.get("organisation") is None:  # only an administrator links its users
            self.api.put("admin", f"{INTAKE_API}/partners/{partner['id']}/organisation",
                         {"organisation": spec.organisation})
            self.entered = True
        self.partner_ids[spec.key] = partner["id"]
        return partner["id"]

    def need(self, spec: Need) -> str:
        partner_id = self.partner(next(p for p in PARTNERS if p.key == spec.partner))
        found = [n for n in self.api.get(spec.entered_by, f"{INTAKE_API}/competence-needs", partner_id=partner_id)
                 if n["title"] == spec.title]
        if found:
            need_id = found[0]["id"]
        else:
            need_id = self.api.post(spec.entered_by, f"{INTAKE_API}/competence-needs", {
                "partner_id": partner_id, "title": spec.title, "description": spec.description,
                "work_type": spec.work_type, "hours_per_week": spec.hours_per_week, "people": spec.people,
                "hidden_job": spec.hidden_job, "municipality": spec.municipality, "languages": ["fi"],
                "start_date": self.day(spec.starts) if spec.starts is not None else None,
                "skills": [{"uri": u, "essential": e, "level": lvl} for u, e, lvl in spec.skills]})["id"]
            self.entered = True
        self.need_ids[spec.title] = need_id
        return need_id

    # cooperation between the member organisations
    def services(self) -> dict[str, dict]:
        """The catalogue's services by name: each member organisation's found, or added by its manager."""
        found = {}
        for spec in SERVICES:
            organisation = _organisation_of(self.network.identity, spec.manager)
            same = [x for x in self.api.get(spec.manager, f"{INTAKE_API}/services", organisation=organisation)
                    if x["name"] == spec.name]
            if not same:
                same = [self.api.post(spec.manager, f"{INTAKE_API}/services", {
                    "name": spec.name, "description": spec.description, "target_group": spec.target_group,
                    "service_area": spec.service_area})]
                self.entered = True
            found[spec.name] = same[0]
        return found

    def overlaps(self) -> None:
        """Both organisations that serve Eetu resolve their shared-client notice: Sataedu leads."""
        for key in ("eetu", EETU_AT_WINNOVA.key):
            person = self.people[key]
            for notice in self.api.get(person.manager, f"{INTAKE_API}/overlap/notices", status="open"):
                if notice["client_id"] == self.client(key):
                    self.api.post(person.manager, f"{INTAKE_API}/overlap/notices/{notice['id']}/resolve",
                                  {"resolution": "lead_agreed", "lead_organisation": LEAD})
                    self.entered = True

    def referrals(self, services: dict[str, dict]) -> None:
        """Referrals to another organisation's service, sent with the client's agreement; some accepted."""
        for spec in REFERRALS:
            person, service = self.people[spec.person], services[spec.to_service]
            client_id = self.client(spec.person)
            sent = [r for r in self.api.get(person.manager, f"{INTAKE_API}/referrals", direction="out")
                    if r["client_id"] == client_id and r["to_organisation"] == service["organisation"]]
            if sent:
                continue
            referral = self.api.post(person.manager, f"{INTAKE_API}/referrals", {
                "client_id": client_id, "to_organisation": service["organisation"], "service_id": service["id"],
                "note": spec.note, "client_agreed": True})
            if spec.accepted_as:
                receiver = self.people[spec.accepted_as]
                self.api.post(receiver.manager, f"{INTAKE_API}/referrals/{referral['id']}/accept",
                              {"receiver_client_id": self.client(spec.accepted_as)})
            self.entered = True

    # environments
    def environments(self) -> None:
        existing = {e["name"] for e in self.api.get("coordinator", f"{ENVIRONMENTS_API}/environments")}
        for spec in ENVIRONMENTS:
            if spec.name not in existing:
                self.environment(spec)
                self.entered = True

    def environment(self, spec: Environment) -> None:
        """Create an environment and take it as far as its story goes, as the people who would do each step."""
        env = self.api.post(spec.host, f"{ENVIRONMENTS_API}/environments", {
            "name": spec.name, "description": spec.description, "learning_goals": spec.learning_goals,
            "fields_of_education": list(spec.fields), "institutions": list(spec.institutions),
            "municipality": spec.municipality, "starts_on": self.day(spec.starts), "ends_on": self.day(spec.ends),
            "capacity": spec.capacity, "partner_ids": [self.partner_ids[p] for p in spec.partners],
            "need_ids": [self.need_ids[n] for n in spec.needs],
            "roles": [{"title": r.title, "description": r.description, "seats": r.seats, "fields": list(r.fields),
                       "skills": [{"uri": u, "level": lvl} for u, lvl in r.skills]} for r in spec.roles]})
        if spec.status == "draft":
            return
        url = f"{ENVIRONMENTS_API}/environments/{env['id']}"
        self.api.put(spec.host, f"{url}/review", {"items": [
            {"item": item["item"], "checked": True, "note": None} for item in env["review"]["items"]]})
        self.move(spec, url, "open")
        started = spec.starts if spec.starts < 0 else None
        participants = {key: self.enrol(env, key, role, started) for key, role in spec.team}
        if spec.status == "open":
            return
        for index, (key, participant_id) in enumerate(participants.items()):
            self.metrics(key, participant_id, env["id"], index, "start")
        self.move(spec, url, "running")
        for key, reason in spec.withdrawn.items():
            self.api.post(self.people[key].manager,
                          f"{ENVIRONMENTS_API}/participants/{participants[key]}/withdrawal", {"reason": reason})
        if spec.status != "running":
            for key, participant_id in participants.items():
                if key not in spec.withdrawn:
                    self.api.post(spec.host, f"{ENVIRONMENTS_API}/participants/{participant_id}/completion",
                                  {"ended_on": self.day(spec.ends)})
            self.move(spec, url, "completed")
            for key, (answers, text) in spec.surveys.items():
                self.api.post(self.people[key].login,
                              f"{ENVIRONMENTS_API}/participants/{participants[key]}/survey",
                              {"answers": dict(zip(SURVEY_KEYS, answers)), "free_text": text})
            for index, (key, participant_id) in enumerate(participants.items()):
                if key not in spec.withdrawn:
                    self.metrics(key, participant_id, env["id"], index, "end")
            for key, (user, scores, (uri, level)) in spec.assessments.items():
                self.api.post(user, f"{url}/assessments", {"participant_id": participants[key],
                                                           "scores": dict(zip(CRITERIA_KEYS, scores)),
                                                           "skills": [{"uri": uri, "level": level}]})
            for user, scores, text in spec.overall:
                self.api.post(user, f"{url}/assessments", {"scores": dict(zip(CRITERIA_KEYS, scores)),
                                                           "free_text": text})
        for outcome in spec.outcomes:
            self.api.post(outcome.recorded_by, f"{url}/outcomes", {
                "kind": outcome.kind, "partner_id": self.partner_ids[outcome.partner],
                "participant_id": participants[outcome.person] if outcome.person else None,
                "hidden_job": outcome.hidden_job, "description": outcome.description,
                "started_on": self.day(outcome.started),
                "ended_on": self.day(outcome.ended) if outcome.ended is not None else None})
        if spec.status == "evaluated":
            self.move(spec, url, "evaluated")

    def suggestions(self) -> None:
        """WinNova's manager acts on matching's suggestions for the open environment it hosts: the best one is
        accepted (matching then has the client enrolled), the next declined with a reason. Nothing happens when
        matching suggests nobody, or once the manager has decided."""
        spec = next(e for e in ENVIRONMENTS if e.status == "open")
        manager = spec.host
        env = next(e for e in self.api.get(manager, f"{ENVIRONMENTS_API}/environments", status="open")
                   if e["name"] == spec.name)
        mine = self.api.get(manager, "/matching/api/v1/suggestions", environment_id=env["id"], per_page=100)["items"]
        if any(item["status"] not in ("new", "withdrawn") for item in mine):
            return
        # Matching may still offer a student already in this environment for its other roles: skip them.
        team = {p.get("client_id") for p in self.api.get(
            manager, f"{ENVIRONMENTS_API}/environments/{env['id']}/participants")}
        fresh = sorted((i for i in mine if i["status"] == "new" and i["client_id"] not in team),
                       key=lambda i: (-i["score"], i["id"]))
        for item, decision in zip(fresh, SUGGESTION_DECISIONS):
            self.api.post(manager, f"/matching/api/v1/suggestions/{item['id']}/decision", decision)
            self.entered = True

    def move(self, spec: Environment, url: str, to: str) -> None:
        self.api.post(spec.host, f"{url}/transitions", {"to": to})

    def enrol(self, env: dict, key: str, role: int, started: int | None) -> str:
        """The person's own service manager enrols them; the gender goes along only under the statistics consent."""
        person = self.people[key]
        body = {"client_id": self.client(key), "role_id": env["roles"][role]["id"], "team_name": person.first,
                "gender": person.gender if person.statistics else None}
        if started is not None:
            body["started_on"] = self.day(started)
        return self.api.post(person.manager, f"{ENVIRONMENTS_API}/environments/{env['id']}/participants", body)["id"]

    def metrics(self, key: str, participant_id: str, environment_id: str, index: int, phase: str) -> None:
        """The personal metrics of the participation, and the same answers on the client's own path in intake."""
        person = self.people[key]
        answers = _metrics(index, phase)
        self.api.put(person.acts_as, f"{ENVIRONMENTS_API}/participants/{participant_id}/metrics/{phase}",
                     {"answers": answers})
        self.api.post(person.acts_as, f"{INTAKE_API}/clients/{self.client(key)}/metrics",
                      {"phase": phase, "answers": answers, "context": environment_id})

    def run(self) -> bool:
        for key in self.people:
            self.client(key)
        for spec in PARTNERS:
            self.partner(spec)
        for spec in NEEDS:
            self.need(spec)
        services = self.services()
        self.network.settle()  # intake finds the shared client; environments learns of the partners and needs
        self.overlaps()
        self.referrals(services)
        self.environments()
        self.network.settle()  # matching suggests clients for the open environment's roles
        self.suggestions()
        self.network.settle()
        return self.entered


def _organisation_of(identity, manager: str) -> str:
    return identity.get(manager).organisation


def seed(network, today: date | None = None) -> bool:
    """Enter the story unless it is there already; True when something was entered."""
    return Story(network, today).run()


def story_logins() -> list[str]:
    """The student logins the story creates (password "demo"), for printing."""
    return sorted((person.login for person in STORY_PEOPLE if person.login), key=lambda name: (len(name), name))
