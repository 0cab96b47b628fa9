"""A realistic synthetic event history, the same for the same seed: for the benchmark and the demo.

Five member organisations in North and Southeast Satakunta register clients over three years; most
consent to statistics, answer personal metrics at start and end, are suggested matches, take part
in project learning environments (several fields), answer the experience survey, are assessed by
partners, and move on to education or work after a while; some are referred, some are clients of
two organisations, a few withdraw their consent or are erased. Events come environment by
environment, then need by need, and then client by client, each story in the order it happened.

Needs: partners publish competence needs through the member organisations, one need per 500 events of
the history (2,000 at 1,000,000 events, 40 at the default 20,000), spread over the period, each open for
about four months; 5 % are hidden jobs. A suggestion is of a need open near its day (one of the eight
published nearest before it), so a need gathers some forty suggestions over its life, as a partner's
need is put to many students; the recruitment table then has one row per need, not one per suggestion.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from random import Random

from sqlalchemy import insert

from services.reporting.db import raw_events
from services.reporting.domain.history import History
from services.reporting.subscribers.raw_log import subject_of
from shared.db import Database
from shared.events.envelope import Envelope, utcnow

ORGANISATIONS = ("sataedu", "samk", "winnova", "prizztech", "posek")
AREAS = {"pohjois-satakunta": ("181", "214", "230", "747"), "kaakkois-satakunta": ("079", "102", "271", "783")}
FIELDS = ("02", "04", "06", "07", "08", "09", "10")
SCALES = ("confidence", "job_search", "teamwork", "wellbeing", "study_skills")
SURVEY_ITEMS = ("working_life", "learning", "teamwork", "guidance", "overall")
CRITERIA = ("skills_match", "initiative", "cooperation", "quality")
NEED_TITLES = ("Myyjä", "Hitsaaja", "Lähihoitaja", "Kokki", "Varastotyöntekijä", "Asiakaspalvelija",
               "Kiinteistönhoitaja", "Ohjelmoija", "Siivooja", "Koneistaja")
PROJECT_NAMES = ("Kyläkauppa", "Verkkokauppa", "Tapahtuma", "Konepaja", "Hyvinvointi", "Matkailu", "Energia")
GENDERS = (("woman", 46), ("man", 48), ("other", 3), ("undisclosed", 3))
AGES = (("under_18", 10), ("18_24", 55), ("25_29", 20), ("30_54", 13), ("55_plus", 2))
EMPLOYMENT = (("unemployed", 40), ("long_term_unemployed", 12), ("inactive", 30), ("employed", 18))
EDUCATION = (("studying", 35), ("graduated", 25), ("interrupted", 20), ("not_in_education", 20))


def _pick(random: Random, weighted) -> str:
    values, weights = zip(*weighted)
    return random.choices(values, weights)[0]


class Generator:
    """Writes the history into a History object and hands the events out in chunks."""

    def __init__(self, seed: int, start: date, end: date, validate: bool) -> None:
        self.random = Random(seed)
        self.history = History(validate=validate, seed=seed)
        self.start, self.end = start, end
        self.days = (end - start).days
        self.person_keys: list[tuple[str, str]] = []  # (key, organisation) of earlier clients
        self.environments: list[tuple[date, str]] = []  # (start, id) of environments that ran
        self.needs: list[tuple[date, str]] = []  # (published on, id) of partners' needs

    def day(self, after: date | None = None, within: int | None = None) -> date:
        base = after or self.start
        span = within if within is not None else (self.end - base).days
        return min(self.end, base + timedelta(days=self.random.randint(0, max(span, 0))))

    def drain(self) -> list[Envelope]:
        events, self.history.events = self.history.events, []
        return events

    def environment(self) -> None:
        """An environment's whole life, with its overall assessment and the cooperation that followed."""
        r, h = self.random, self.history
        starts = self.day(self.start + timedelta(days=40))
        fields = tuple(r.sample(FIELDS, r.choice((1, 2, 2, 3))))
        area = r.choice(list(AREAS))
        environment_id = h.environment(r.choice(ORGANISATIONS), starts - timedelta(days=40), fields=fields,
                                       name=f"{r.choice(PROJECT_NAMES)} {len(self.environments) + 1}", area=area,
                                       municipality=r.choice(AREAS[area]), starts_on=starts,
                                       ends_on=starts + timedelta(days=120))
        if r.random() < 0.05:
            h.move(environment_id, "cancelled", starts - timedelta(days=20))
            return
        h.move(environment_id, "opened", starts - timedelta(days=20))
        h.move(environment_id, "started", starts)
        self.environments.append((starts, environment_id))
        if starts + timedelta(days=120) < self.end:
            h.move(environment_id, "completed", starts + timedelta(days=120))
            h.assess(environment_id, {c: r.randint(2, 5) for c in CRITERIA}, starts + timedelta(days=125))
            for _ in range(r.choice((0, 1, 1, 2))):
                h.environment_outcome(environment_id, r.choice(("project", "order")), starts + timedelta(days=130))
            if starts + timedelta(days=150) < self.end and r.random() < 0.7:
                h.move(environment_id, "evaluated", starts + timedelta(days=150))

    def need(self) -> None:
        """A partner's competence need, open for about four months."""
        r = self.random
        published = self.day()
        title = f"{r.choice(NEED_TITLES)} {len(self.needs) + 1}"
        need_id = self.history.need(r.choice(ORGANISATIONS), title, published, hidden_job=r.random() < 0.05,
                                    ends_on=published + timedelta(days=120),
                                    municipality=r.choice(AREAS[r.choice(list(AREAS))]))
        self.needs.append((published, need_id))

    def open_need(self, day: date) -> str | None:
        """One of the needs published nearest before `day` (the first ones for the days before any)."""
        if not self.needs:
            return None
        index = bisect.bisect_right(self.needs, (day, "~"))
        low = max(0, index - 8)
        return self.needs[self.random.randrange(low, max(index, low + 1))][1]

    def join(self, organisation: str, client_id: str, entered: date) -> None:
        """Take part in an environment that starts near the client's entry: survey, assessment, what followed."""
        r, h = self.random, self.history
        wanted = entered + timedelta(days=r.randint(0, 120))
        index = bisect.bisect_left(self.environments, (wanted, ""))
        if not self.environments:
            return
        starts, environment_id = self.environments[min(index, len(self.environments) - 1)]
        participant = h.enrol(environment_id, organisation, client_id, starts)
        ends = starts + timedelta(days=120)
        if ends >= self.end:
            return
        if r.random() < 0.12:
            h.withdraw(participant, starts + timedelta(days=r.randint(5, 100)))
            return
        h.complete(participant, ends)
        if r.random() < 0.8:
            h.survey(participant, {i: max(1, min(5, r.choice((3, 4, 4, 5, 5, 2)))) for i in SURVEY_ITEMS},
                     ends + timedelta(days=3))
        if r.random() < 0.7:
            h.assess(environment_id, {c: r.randint(2, 5) for c in CRITERIA}, ends + timedelta(days=5),
                     participant_id=participant)
        if r.random() < 0.2:
            h.environment_outcome(environment_id, r.choice(("part_time", "short", "fixed_term")),
                                  ends + timedelta(days=r.randint(1, 60)), participant_id=participant,
                                  hidden_job=r.random() < 0.25)
        elif r.random() < 0.12:
            h.environment_outcome(environment_id, r.choice(("thesis", "traineeship")), ends + timedelta(days=10),
                                  participant_id=participant)

    def client(self) -> None:
        r, h = self.random, self.history
        organisation = r.choice(ORGANISATIONS)
        area = r.choice(list(AREAS))
        entered = self.day()
        key = other = None
        if self.person_keys and r.random() < 0.05:
            key, other = r.choice(self.person_keys)
            if other == organisation:
                key = other = None
        key = key or f"{r.getrandbits(256):064x}"
        self.person_keys.append((key, organisation))
        statistics = r.random() < 0.9
        client_id = h.client(organisation, entered, gender=_pick(r, GENDERS), age_band=_pick(r, AGES), area=area,
                             municipality=r.choice(AREAS[area]), field=r.choice(FIELDS),
                             employment=_pick(r, EMPLOYMENT), education_status=_pick(r, EDUCATION),
                             level=r.choice((1, 2, 3, 3, 3, 4, 5, 6, None)),
                             disadvantaged=r.random() < 0.2 if r.random() < 0.5 else None,
                             statistics=statistics, person_key=key)
        if other is not None and r.random() < 0.7:  # a shared client: the two organisations agree who leads
            h.overlap_resolved(organisation, client_id, other, r.choice(("lead_agreed", "lead_agreed", "dismissed")),
                               self.day(entered, 14))
        if r.random() < 0.6:
            h.profile(organisation, client_id, entered)
        answers_end = r.random() < 0.7
        for scale in SCALES:
            if not statistics:
                break
            start_value = r.randint(1, 4)
            h.metric(organisation, client_id, scale, "start", start_value, self.day(entered, 14))
            if answers_end:
                end_value = max(1, min(5, start_value + r.choice((-1, 0, 1, 1, 2))))
                h.metric(organisation, client_id, scale, "end", end_value, self.day(entered + timedelta(days=120), 120))
        for _ in range(r.choice((0, 1, 1, 2, 3))):
            made = self.day(entered, 90)
            need_id = self.open_need(made)
            suggestion = h.suggestion(organisation, client_id, made, target_id=need_id)
            if r.random() < 0.5:
                h.decide(organisation, client_id, suggestion, r.random() < 0.45,
                         self.day(entered + timedelta(days=90), 30), target_id=need_id)
        if r.random() < 0.5:
            self.join(organisation, client_id, entered)
        if r.random() < 0.15:
            referral = h.referral(organisation, client_id, r.choice([o for o in ORGANISATIONS if o != organisation]),
                                  self.day(entered, 60))
            h.referral_update(organisation, referral, r.choice(("accepted", "declined", "completed", "cancelled")),
                              self.day(entered + timedelta(days=60), 30))
        if statistics and r.random() < 0.55:
            kind = r.choice(("work", "work", "education", "apprenticeship", "other"))
            started = self.day(entered + timedelta(days=30), 500)
            h.outcome(organisation, client_id, kind, started,
                      work_form=r.choice(("part_time", "short", "fixed_term", "full_time")) if kind == "work" else None,
                      hidden_job=kind == "work" and r.random() < 0.2, qualification=kind == "education" and
                      r.random() < 0.3)
        if r.random() < 0.6:
            h.close(organisation, client_id, self.day(entered + timedelta(days=200), 400))
        if statistics and r.random() < 0.03:
            h.consent(organisation, client_id, "statistics", False, self.day(entered, 400))
        if r.random() < 0.01:
            h.erase(organisation, client_id, self.day(entered + timedelta(days=400), 100))


def generate(*, seed: int = 7, events: int = 20_000, start: date = date(2024, 1, 1), end: date = date(2026, 10, 31),
             validate: bool = False) -> Iterator[Envelope]:
    """About `events` events of a network's history (stops at the first client story past the count)."""
    generator = Generator(seed, start, end, validate)
    for _ in range(max(3, events // 800)):
        generator.environment()
    generator.environments.sort()
    for _ in range(max(3, events // 500)):
        generator.need()
    generator.needs.sort()
    month = date(start.year, start.month, 1)
    while month < end:  # matching's monthly fairness figures by service area
        generator.history.fairness(month.strftime("%Y-%m"), [
            {"group": area, "population": 400 + 10 * i, "suggested": 200 + 7 * i, "accepted": 80 + 3 * i,
             "suggestion_rate": round((200 + 7 * i) / (400 + 10 * i), 3),
             "acceptance_rate": round((80 + 3 * i) / (200 + 7 * i), 3)} for i, area in enumerate(AREAS)],
            min(end, date(month.year + month.month // 12, month.month % 12 + 1, 1)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    written = 0
    while written < events:
        generator.client()
        chunk = generator.drain()
        written += len(chunk)
        yield from chunk


def write_raw(db: Database, envelopes: Iterable[Envelope], batch: int = 5000) -> int:
    """Append events to the raw log directly (the benchmark's and the demo's shortcut past the bus)."""
    written, rows = 0, []
    now = utcnow()
    with db.transaction() as session:
        for e in envelopes:
            rows.append({"event_id": e.id, "type": e.type, "version": e.version, "organisation": e.organisation,
                         "occurred_at": e.occurred_at, "received_at": now, "payload": e.payload,
                         "subject": subject_of(e)})
            if len(rows) >= batch:
                session.execute(insert(raw_events), rows)
                written, rows = written + len(rows), []
        if rows:
            session.execute(insert(raw_events), rows)
            written += len(rows)
    return written
