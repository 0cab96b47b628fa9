"""The maintainer build scripts, run on tiny hand-made inputs in the ESCO / Statistics Finland formats."""

import csv
import gzip
import io
import json

from shared.reference import build_classifications, build_esco

S = "http://data.europa.eu/esco/skill/"
OCC = "http://data.europa.eu/esco/occupation/"
ISCO = "http://data.europa.eu/esco/isco/"


def write(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def read_gz(path):
    return list(csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode("utf-8"))))


def make_esco(src):
    skill_columns = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels"]
    write(src / "skills_en.csv", skill_columns, [
        ["KnowledgeSkillCompetence", S + "b", "skill/competence", "sector-specific", "weld", "join metal\nweld  "],
        ["KnowledgeSkillCompetence", S + "a", "skill/competence", "sector-specific", "arc welding",
         "welding by arc+H40"],
        ["KnowledgeSkillCompetence", S + "c", "knowledge", "cross-sector", "metallurgy", ""],
    ])
    write(src / "skillGroups_en.csv", ["conceptType", "conceptUri", "preferredLabel", "code"], [
        ["SkillGroup", S + "root-s", "skills", "S"],
        ["SkillGroup", S + "g1", "working with metal", "S6.1"],
        ["SkillGroup", S + "root-k", "knowledge", "K"],
        ["SkillGroup", "http://data.europa.eu/esco/isced-f/07", "engineering", ""],
    ])
    levels = [f"Level {n} {kind}" for n in range(4) for kind in ("URI", "preferred term")]
    write(src / "skillsHierarchy_en.csv", levels + ["Level 0 code", "Level 1 code", "Level 2 code", "Level 3 code"], [
        [S + "root-s", "skills", S + "g2", "hidden group", "", "", "", "", "S", "S9", "", ""],
    ])
    write(src / "broaderRelationsSkillPillar.csv", ["conceptType", "conceptUri", "broaderType", "broaderUri"], [
        ["SkillGroup", S + "g1", "SkillGroup", S + "root-s"],
        ["SkillGroup", S + "g2", "SkillGroup", S + "root-s"],
        ["SkillGroup", "http://data.europa.eu/esco/isced-f/07", "SkillGroup", S + "root-k"],
        ["KnowledgeSkillCompetence", S + "b", "SkillGroup", S + "g1"],
        ["KnowledgeSkillCompetence", S + "a", "KnowledgeSkillCompetence", S + "b"],
        ["KnowledgeSkillCompetence", S + "c", "SkillGroup", "http://data.europa.eu/esco/isced-f/07"],
    ])
    write(src / "skillSkillRelations.csv", ["originalSkillUri", "relationType", "relatedSkillUri"], [
        [S + "a", "essential", S + "c"], [S + "b", "optional", S + "b"],
    ])
    write(src / "occupations_en.csv", ["conceptUri", "iscoGroup", "preferredLabel", "code"],
          [[OCC + "w", "7212", "welder", "7212.1"]])
    write(src / "ISCOGroups_en.csv", ["conceptUri", "code", "preferredLabel"], [[ISCO + "C7212", "7212", "Welders"]])
    write(src / "occupationSkillRelations.part1of2.csv", ["occupationUri", "relationType", "skillType", "skillUri"], [
        [OCC + "w", "essential", "skill/competence", S + "b"], [OCC + "gone", "essential", "skill/competence", S + "a"],
    ])
    write(src / "occupationSkillRelations.part2of2.csv", ["occupationUri", "relationType", "skillType", "skillUri"], [
        [OCC + "w", "optional", "knowledge", S + "c"],
    ])
    write(src / "digitalSkillsCollection_en.csv", ["conceptUri"], [[S + "c"]])


def make_labels(labels):
    skills = [{"uri": S + k, "prefLabel": {"fi": fi, "sv": sv, "en": ""}} for k, fi, sv in [
        ("a", "kaarihitsaus", "bågsvetsning"), ("b", "hitsata", "svetsa"), ("c", "metallurgia", "metallurgi")]]
    occupations = [
        {"uri": OCC + "w", "prefLabel": {"fi": "hitsaaja", "sv": "svetsare", "en": "welder"}},
        {"uri": ISCO + "C7212", "prefLabel": {"fi": "Hitsaajat", "sv": "Svetsare", "en": "Welders"}},
    ]
    (labels / "skills.json").write_text(json.dumps(skills), encoding="utf-8")
    (labels / "occupations.json").write_text(json.dumps(occupations), encoding="utf-8")


def test_build_esco(tmp_path, capsys):
    src, labels, out = tmp_path / "en", tmp_path / "labels", tmp_path / "out"
    for d in (src, labels, out):
        d.mkdir()
    make_esco(src)
    make_labels(labels)
    build_esco.main([str(src), "--labels", str(labels), "--out", str(out)])
    assert "skipped 1" in capsys.readouterr().out

    skills = read_gz(out / "esco_skills.csv.gz")
    groups = read_gz(out / "esco_skill_groups.csv.gz")
    assert [s["uri"][-1] for s in skills] == ["a", "b", "c"]
    a, b, c = skills
    code = {str(i): g["code"] for i, g in enumerate(groups)}
    assert {g["code"] for g in groups} == {"S", "S6.1", "S9", "K", "K07"}
    assert (b["label_fi"], b["label_sv"], b["label_en"], b["alt_en"]) == ("hitsata", "svetsa", "weld", "join metal")
    assert a["alt_en"] == "welding by arc"  # a spreadsheet's cell reference left in ESCO's label is dropped
    assert a["broader_skills"] == "1" and a["broader_groups"] == ""
    assert code[a["groups"]] == "S6.1" and a["pillars"] == "S"
    assert code[c["groups"]] == "K07" and c["pillars"] == "K" and c["collections"] == "digital"
    assert {g["code"]: g["level"] for g in groups} == {"S": "0", "S6.1": "1", "S9": "1", "K": "0", "K07": "1"}
    assert read_gz(out / "esco_skill_relations.csv.gz") == [{"skill": "0", "related": "2", "relation": "essential"}]
    [occupation] = read_gz(out / "esco_occupations.csv.gz")
    assert (occupation["label_fi"], occupation["essential"], occupation["optional"]) == ("hitsaaja", "1", "2")
    assert read_gz(out / "esco_isco_groups.csv.gz")[0]["label_sv"] == "Svetsare"
    manifest = json.loads((out / "esco_manifest.json").read_text())
    assert manifest["counts"]["skills"] == 3 and manifest["counts"]["occupation_skill_relations"] == 2
    first = (out / "esco_skills.csv.gz").read_bytes()
    build_esco.main([str(src), "--labels", str(labels), "--out", str(out)])
    assert (out / "esco_skills.csv.gz").read_bytes() == first  # reproducible output


def test_build_municipalities_pads_codes(tmp_path, capsys):
    kinds = ("municipality_name", "seutukunta_name", "maakunta_name")
    columns = ["kunta", "year", "seutukunta_code", "maakunta_code"]
    columns += [f"{kind}_{lang}" for kind in kinds for lang in ("fi", "sv", "en")]
    row = {"kunta": "50", "year": "2026", "seutukunta_code": "41", "maakunta_code": "4"}
    row |= {c: "Eura " if c.startswith("municipality") else "X  Y" for c in columns if c not in row}
    key = tmp_path / "key.csv"
    with key.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerow(row)
    [built] = build_classifications.build_municipalities(key)
    assert (built["code"], built["subregion_code"], built["region_code"]) == ("050", "041", "04")
    assert built["name_fi"] == "Eura" and built["region_sv"] == "X Y"
