"""The network's default personal-metric scales (self-assessed, 1–5), the same in every service.

Intake seeds them as its configurable scales; environments asks them at the start and end of a
participation, so that answers given in either place speak of the same things.
"""
from __future__ import annotations

MINIMUM, MAXIMUM = 1, 5

DEFAULT_SCALES: tuple[tuple[str, dict[str, str]], ...] = (
    ("know_wanted_work", {"fi": "Tiedän, millaista työtä haluan", "sv": "Jag vet vilket slags arbete jag vill ha",
                          "en": "I know what work I want"}),
    ("show_competence", {"fi": "Osaan näyttää osaamiseni työnantajalle",
                         "sv": "Jag kan visa en arbetsgivare vad jag kan",
                         "en": "I can show my competence to an employer"}),
    ("multidisciplinary_team", {"fi": "Toimin hyvin monialaisessa tiimissä",
                                "sv": "Jag fungerar bra i ett mångvetenskapligt team",
                                "en": "I work well in a multidisciplinary team"}),
    ("job_search", {"fi": "Osaan hakea töitä", "sv": "Jag vet hur man söker arbete",
                    "en": "I know how to look for work"}),
    ("find_my_place", {"fi": "Uskon löytäväni paikkani työelämässä tai koulutuksessa",
                       "sv": "Jag tror att jag hittar min plats i arbetslivet eller i utbildning",
                       "en": "I believe I will find my place in work or education"}),
)
