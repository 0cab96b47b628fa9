"""Maintainer tool: derive the compact ESCO files in shared/reference/data/ from the ESCO CSV download.

Run once per ESCO release (the product itself only reads the compact files):

    python -m shared.reference.build_esco ESCO_CSV_DIR --labels LABELS_DIR [--out DIR]

ESCO_CSV_DIR holds the official ESCO v1.1.1 CSV download, English classification plus the
language-independent relations: skills_en.csv, skillGroups_en.csv, skillsHierarchy_en.csv,
broaderRelationsSkillPillar.csv, skillSkillRelations.csv, occupations_en.csv, ISCOGroups_en.csv,
occupationSkillRelations*.csv (one file or split parts, read in name order) and *SkillsCollection_en.csv.

LABELS_DIR holds the Finnish and Swedish labels, either as the official language CSVs
(skills_fi.csv, skills_sv.csv, occupations_fi.csv, ..., ISCOGroups_fi.csv, ...: preferred and alt labels)
or as an ESCO Local API export (skills.json, occupations.json: {uri, prefLabel: {fi, sv, en}}).

Outputs (gzip'd UTF-8 CSV; rows refer to each other by 0-based row index):
  esco_skills.csv.gz, esco_skill_groups.csv.gz, esco_skill_relations.csv.gz,
  esco_occupations.csv.gz, esco_isco_groups.csv.gz and esco_manifest.json.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
from collections import defaultdict
from pathlib import Path

from shared.reference._common import LANGS, clean

DATA_DIR = Path(__file__).parent / "data"
ESCO_VERSION = "1.1.1"
ALT_SEPARATOR = "|"

SKILL_COLUMNS = [
    "uri", "skill_type", "reuse_level", "pillars", "collections",
    "label_fi", "label_sv", "label_en", "alt_fi", "alt_sv", "alt_en",
    "broader_skills", "broader_groups", "groups",
]
GROUP_COLUMNS = ["uri", "code", "level", "label_en", "broader"]
RELATION_COLUMNS = ["skill", "related", "relation"]
OCCUPATION_COLUMNS = ["uri", "code", "isco_group", "label_fi", "label_sv", "label_en", "essential", "optional"]
ISCO_COLUMNS = ["uri", "code", "label_fi", "label_sv", "label_en"]


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of an ESCO CSV file (UTF-8, quoted newlines)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


# ESCO 1.1.1 has a spreadsheet's cell reference glued to the end of a few English labels
# ("provide quality assurance for meteorological services+H40", "types of retirement accounts+K64").
_CELL_REFERENCE = re.compile(r"\+[A-Z]{1,3}[0-9]{1,7}$")


def label(text: str | None) -> str:
    """A label as people should read it: white space folded, a stray cell reference at its end dropped."""
    return clean(_CELL_REFERENCE.sub("", clean(text)))


def split_labels(text: str | None) -> list[str]:
    """ESCO multi-value label cell (newline separated) as a list of cleaned labels."""
    return [label(line) for line in (text or "").splitlines() if label(line)]


def write_gz_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write rows as a reproducible gzip'd CSV (mtime 0, no file name in the header)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buffer.getvalue().encode("utf-8"))
    print(f"wrote {path.name}: {len(rows)} rows, {path.stat().st_size:,} bytes")


def ints(values) -> str:
    """Space-separated sorted row indices."""
    return " ".join(str(v) for v in sorted(values))


def load_labels(labels_dir: Path) -> dict[str, dict[str, tuple[str, list[str]]]]:
    """Finnish/Swedish (and English) labels by language and uri: (preferred, alt labels)."""
    labels: dict[str, dict[str, tuple[str, list[str]]]] = {lang: {} for lang in LANGS}
    if (labels_dir / "skills_fi.csv").exists():
        for lang in ("fi", "sv"):
            for stem in ("skills", "occupations", "ISCOGroups"):
                path = labels_dir / f"{stem}_{lang}.csv"
                for row in read_csv(path) if path.exists() else []:
                    labels[lang][row["conceptUri"]] = (label(row["preferredLabel"]), split_labels(row.get("altLabels")))
        return labels
    for stem in ("skills", "occupations"):
        for record in json.loads((labels_dir / f"{stem}.json").read_text(encoding="utf-8")):
            for lang in LANGS:
                labels[lang][record["uri"]] = (label(record["prefLabel"].get(lang)), [])
    return labels


def group_code(uri: str, *codes: str) -> str:
    """First non-blank code, else K + the ISCED-F code in the uri (blank in the original files)."""
    for code in codes:
        if code and code.strip():
            return code.strip()
    match = re.search(r"/isced-f/(\d+)$", uri)
    if not match:
        raise ValueError(f"skill group without a code: {uri}")
    return "K" + match.group(1)


def build_groups(src: Path) -> tuple[list[dict], dict[str, list[str]]]:
    """Skill groups (skillGroups plus groups only named in skillsHierarchy) and group->parents."""
    groups = {
        r["conceptUri"]: {"label": label(r["preferredLabel"]), "code": r["code"]}
        for r in read_csv(src / "skillGroups_en.csv")
    }
    for row in read_csv(src / "skillsHierarchy_en.csv"):
        for level in range(4):
            uri = row[f"Level {level} URI"]
            if uri:
                entry = groups.setdefault(uri, {"label": label(row[f"Level {level} preferred term"]), "code": ""})
                entry["hierarchy_code"] = row[f"Level {level} code"] or ""
    parents: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(src / "broaderRelationsSkillPillar.csv"):
        if row["conceptType"] == "SkillGroup":
            parents[row["conceptUri"]].append(row["broaderUri"])
    for uri, entry in groups.items():
        entry["code"] = group_code(uri, entry["code"], entry.get("hierarchy_code", ""))
    order = sorted(groups, key=lambda u: (groups[u]["code"], u))
    index = {uri: i for i, uri in enumerate(order)}

    def depth(uri: str, seen: frozenset = frozenset()) -> int:
        """Steps from a group up to its top concept."""
        ups = [p for p in parents.get(uri, []) if p in index and p not in seen]
        return 0 if not ups else 1 + min(depth(p, seen | {uri}) for p in ups)

    rows = [{
        "uri": uri, "code": groups[uri]["code"], "level": depth(uri), "label_en": groups[uri]["label"],
        "broader": ints(index[p] for p in parents.get(uri, []) if p in index),
    } for uri in order]
    return rows, parents


def build_skills(src: Path, labels: dict, group_rows: list[dict], group_parents: dict[str, list[str]]) -> list[dict]:
    """One row per skill, ordered by uri, with labels, broader links, nearest groups and pillars."""
    skills = sorted(read_csv(src / "skills_en.csv"), key=lambda r: r["conceptUri"])
    index = {r["conceptUri"]: i for i, r in enumerate(skills)}
    group_index = {g["uri"]: i for i, g in enumerate(group_rows)}
    broader_skills, broader_groups = defaultdict(set), defaultdict(set)
    for row in read_csv(src / "broaderRelationsSkillPillar.csv"):
        if row["conceptType"] == "SkillGroup":
            continue
        child = index[row["conceptUri"]]
        if row["broaderUri"] in index:
            broader_skills[child].add(index[row["broaderUri"]])
        else:
            broader_groups[child].add(group_index[row["broaderUri"]])

    def nearest_groups(i: int) -> set[int]:
        """Groups of the closest ancestors that have any (breadth-first up the broader skills)."""
        frontier, seen = {i}, {i}
        while frontier:
            found = set().union(*(broader_groups[s] for s in frontier))
            if found:
                return found
            frontier = set().union(*(broader_skills[s] for s in frontier)) - seen
            seen |= frontier
        return set()

    def roots(g: int) -> set[str]:
        """Codes of the top concepts above group g (S, K, L, T)."""
        ups = [group_index[p] for p in group_parents.get(group_rows[g]["uri"], []) if p in group_index]
        return {group_rows[g]["code"][0]} if not ups else set().union(*(roots(p) for p in ups))

    collections = defaultdict(set)
    for path in sorted(src.glob("*SkillsCollection_en.csv")):
        name = path.name[: -len("SkillsCollection_en.csv")].lower()
        for row in read_csv(path):
            if row["conceptUri"] in index:
                collections[index[row["conceptUri"]]].add(name)

    rows = []
    for i, skill in enumerate(skills):
        uri = skill["conceptUri"]
        row = {
            "uri": uri, "skill_type": skill["skillType"], "reuse_level": skill["reuseLevel"],
            "collections": " ".join(sorted(collections[i])),
            "broader_skills": ints(broader_skills[i]), "broader_groups": ints(broader_groups[i]),
        }
        groups = nearest_groups(i)
        if not groups:
            raise ValueError(f"skill without a skill group: {uri}")
        row["groups"] = ints(groups)
        row["pillars"] = "".join(sorted(set().union(*(roots(g) for g in groups))))
        for lang in LANGS:
            pref, alts = labels[lang].get(uri, ("", []))
            if lang == "en":
                pref, alts = label(skill["preferredLabel"]), split_labels(skill["altLabels"])
            if any(ALT_SEPARATOR in a for a in alts):
                raise ValueError(f"alt label with {ALT_SEPARATOR!r}: {uri}")
            row[f"label_{lang}"] = pref
            row[f"alt_{lang}"] = ALT_SEPARATOR.join(a for a in dict.fromkeys(alts) if a != pref)
        rows.append(row)
    return rows


def build_relations(src: Path, skill_rows: list[dict]) -> list[dict]:
    """skillSkillRelations as (skill index, related index, essential|optional), self-links dropped."""
    index = {r["uri"]: i for i, r in enumerate(skill_rows)}
    rows = []
    for row in read_csv(src / "skillSkillRelations.csv"):
        a, b = index[row["originalSkillUri"]], index[row["relatedSkillUri"]]
        if a != b:
            rows.append({"skill": a, "related": b, "relation": row["relationType"]})
    return sorted(rows, key=lambda r: (r["skill"], r["related"]))


def build_occupations(src: Path, labels: dict, skill_rows: list[dict]) -> list[dict]:
    """Occupations ordered by uri with fi/sv/en labels, ISCO group and essential/optional skill indices."""
    skill_index = {r["uri"]: i for i, r in enumerate(skill_rows)}
    occupations = sorted(read_csv(src / "occupations_en.csv"), key=lambda r: r["conceptUri"])
    links: dict[str, dict[str, set[int]]] = {r["conceptUri"]: {"essential": set(), "optional": set()}
                                             for r in occupations}
    skipped = 0
    for path in sorted(src.glob("occupationSkillRelations*.csv")):
        for row in read_csv(path):
            if row["occupationUri"] not in links:
                skipped += 1
                continue
            links[row["occupationUri"]][row["relationType"]].add(skill_index[row["skillUri"]])
    if skipped:
        print(f"skipped {skipped} occupation-skill relations of occupations not in occupations_en.csv")
    rows = []
    for occ in occupations:
        uri = occ["conceptUri"]
        row = {"uri": uri, "code": occ["code"], "isco_group": occ["iscoGroup"]}
        for lang in LANGS:
            row[f"label_{lang}"] = label(occ["preferredLabel"]) if lang == "en" else labels[lang].get(uri, ("", []))[0]
        row["essential"] = ints(links[uri]["essential"])
        row["optional"] = ints(links[uri]["optional"] - links[uri]["essential"])
        rows.append(row)
    return rows


def build_isco_groups(src: Path, labels: dict) -> list[dict]:
    """ISCO-08 groups (1-4 digit codes) with fi/sv/en labels, ordered by code."""
    rows = []
    for group in sorted(read_csv(src / "ISCOGroups_en.csv"), key=lambda r: r["code"]):
        uri = group["conceptUri"]
        row = {"uri": uri, "code": group["code"]}
        for lang in LANGS:
            own = label(group["preferredLabel"]) if lang == "en" else labels[lang].get(uri, ("", []))[0]
            row[f"label_{lang}"] = own
        rows.append(row)
    return rows


def report_missing(name: str, rows: list[dict]) -> dict[str, int]:
    """Count rows without a label per language and print a warning when any are missing."""
    missing = {lang: sum(1 for r in rows if not r[f"label_{lang}"]) for lang in LANGS}
    if any(missing.values()):
        print(f"WARNING {name}: rows without a preferred label per language: {missing}")
    return missing


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("esco_dir", type=Path, help="directory with the ESCO English CSV files and relations")
    parser.add_argument("--labels", type=Path, required=True, help="directory with the fi/sv label files")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)

    labels = load_labels(args.labels)
    group_rows, group_parents = build_groups(args.esco_dir)
    skill_rows = build_skills(args.esco_dir, labels, group_rows, group_parents)
    relation_rows = build_relations(args.esco_dir, skill_rows)
    occupation_rows = build_occupations(args.esco_dir, labels, skill_rows)
    isco_rows = build_isco_groups(args.esco_dir, labels)

    write_gz_csv(args.out / "esco_skills.csv.gz", SKILL_COLUMNS, skill_rows)
    write_gz_csv(args.out / "esco_skill_groups.csv.gz", GROUP_COLUMNS, group_rows)
    write_gz_csv(args.out / "esco_skill_relations.csv.gz", RELATION_COLUMNS, relation_rows)
    write_gz_csv(args.out / "esco_occupations.csv.gz", OCCUPATION_COLUMNS, occupation_rows)
    write_gz_csv(args.out / "esco_isco_groups.csv.gz", ISCO_COLUMNS, isco_rows)
    manifest = {
        "esco_version": ESCO_VERSION,
        "attribution": f"ESCO v{ESCO_VERSION}, European Commission",
        "built_by": "python -m shared.reference.build_esco",
        "counts": {
            "skills": len(skill_rows), "skill_groups": len(group_rows), "skill_relations": len(relation_rows),
            "occupations": len(occupation_rows), "isco_groups": len(isco_rows),
            "occupation_skill_relations": sum(
                len(r["essential"].split()) + len(r["optional"].split()) for r in occupation_rows),
        },
        "missing_preferred_labels": {
            "skills": report_missing("skills", skill_rows),
            "occupations": report_missing("occupations", occupation_rows),
            "isco_groups": report_missing("isco_groups", isco_rows),
        },
    }
    (args.out / "esco_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(manifest["counts"]))


if __name__ == "__main__":
    main()
