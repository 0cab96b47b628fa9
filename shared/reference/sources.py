"""Where the reference data in `shared/reference/data/` comes from, with the attribution and licence each source
asks to be shown: the one list that the data-sources page shows and that a test checks against the files.

`SOURCES.md` beside the data tells developers how each file was made; this list is what a reader of the app sees.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shared.web.text import N_

Named = str | Mapping[str, str]  # one name for every language, or the source's own name in each (fi, sv, en)


def in_language(text: Named, lang: str) -> str:
    """A name or credit line in `lang` as the source gives it (English where it gives none in `lang`)."""
    return text if isinstance(text, str) else text.get(lang) or text["en"]


@dataclass(frozen=True)
class Source:
    name: Named  # the source's own name, as it asks to be credited (not translated by us)
    attribution: Named  # the credit line its licence asks for, in the source's own wording
    licence: str
    licence_url: str
    use: str  # what the app uses it for (translated when shown)
    files: tuple[str, ...]  # the files of shared/reference/data made from it
    url: str = ""


OWN_WORK = "EUPL-1.2"  # the project's licence, for the files we wrote ourselves

SOURCES: tuple[Source, ...] = (
    Source(
        name="ESCO v1.1.1", attribution="ESCO v1.1.1, European Commission",
        licence="Commission Decision 2011/833/EU",
        licence_url="https://eur-lex.europa.eu/eli/dec/2011/833/oj", url="https://esco.ec.europa.eu/",
        use=N_("Skills, skill groups and occupations: competence profiles, competence needs, roles and matching."),
        files=("esco_skills.csv.gz", "esco_skill_groups.csv.gz", "esco_skill_relations.csv.gz",
               "esco_occupations.csv.gz", "esco_isco_groups.csv.gz", "esco_manifest.json")),
    Source(
        name={"fi": "Tilastokeskus", "sv": "Statistikcentralen", "en": "Statistics Finland"},
        attribution={"fi": "Lähde: Tilastokeskus", "sv": "Källa: Statistikcentralen",
                     "en": "Source: Statistics Finland"},
        licence="CC BY 4.0", licence_url="https://creativecommons.org/licenses/by/4.0/",
        url="https://stat.fi/en/luokitukset",
        use=N_("Municipalities, regions, fields of education and industries."),
        files=("municipalities.csv", "education_fields.csv", "industries.csv")),
    Source(
        name="FreeDict (WikDict)", attribution="FreeDict (WikDict, from Wiktionary)",
        licence="CC BY-SA 3.0", licence_url="https://creativecommons.org/licenses/by-sa/3.0/",
        url="https://freedict.org/",
        use=N_("Finnish and Swedish words read in English when skills are suggested for free text."),
        files=("dictionary_en.csv.gz",)),
    Source(
        name="Sosiaalinen kampus", attribution="Sosiaalinen kampus",
        licence=OWN_WORK, licence_url="https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
        use=N_("Education levels, groupings for funder reports, service areas and the everyday vocabulary of free "
               "text, written by the project."),
        files=("isced2011_levels.csv", "esf_isced_groups.csv", "service_areas.json", "everyday_vocabulary.csv")),
)
