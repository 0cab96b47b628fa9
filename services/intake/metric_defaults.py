"""The default personal-metric scales, seeded once at start (a scale changed or retired by a user stays so)."""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from services.intake.db import metric_scales
from shared.runtime import ServiceRuntime

DEFAULT_SCALES = (
    ("know_wanted_work", {"fi": "Tiedän, millaista työtä haluan", "sv": "Jag vet vilket slags arbete jag vill ha",
                          "en": "I know what work I want"}),
    ("show_competence", {"fi": "Osaan näyttää osaamiseni työnantajalle",
                         "sv": "Jag kan visa en arbetsgivare vad jag kan",
                         "en": "I can show my competence to an employer"}),
    ("multidisciplinary_team", {"fi": "Toimin hyvin monialaisessa tiimissä",
                                "sv": "Jag fungerar bra i ett mångprofessionellt team",
                                "en": "I work well in a multidisciplinary team"}),
    ("job_search", {"fi": "Osaan hakea töitä", "sv": "Jag vet hur man söker arbete",
                    "en": "I know how to look for work"}),
    ("find_my_place", {"fi": "Uskon löytäväni paikkani työelämässä tai koulutuksessa",
                       "sv": "Jag tror att jag hittar min plats i arbetslivet eller i utbildning",
                       "en": "I believe I will find my place in work or education"}),
)


def seed_default_scales(runtime: ServiceRuntime) -> int:
    """Add the default scales that do not exist yet; returns how many were added.

    Processes starting together may race: the loser's transaction fails on the key and adds nothing.
    """
    try:
        with runtime.work() as work:
            existing = set(work.session.execute(select(metric_scales.c.key)).scalars())
            missing = [(position, key, labels) for position, (key, labels) in enumerate(DEFAULT_SCALES, start=1)
                       if key not in existing]
            for position, key, labels in missing:
                work.session.execute(insert(metric_scales).values(key=key, labels=labels, minimum=1, maximum=5,
                                                                  position=position, active=True))
    except IntegrityError:
        return 0
    return len(missing)
