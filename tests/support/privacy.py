"""A network file whose members configure their legal bases: for tests of what a register changes."""
from __future__ import annotations

from pathlib import Path

import yaml

MEMBERS = ("sataedu", "samk")


def network_file(directory: Path, bases: dict[str, str] | None = None, *, organisations=MEMBERS,
                 **block) -> str:
    """Write a network file in which each of `organisations` has the register `bases` (purpose -> basis)."""
    privacy = {**block, "purposes": {purpose: {"basis": basis} for purpose, basis in (bases or {}).items()}}
    data = {"organisations": {
        "verkosto": {"name": "Verkosto", "kind": "development_organisation"},
        **{slug: {"name": slug.title(), "kind": "educational_institution", "member": True, "privacy": privacy}
           for slug in organisations}}}
    path = Path(directory) / "network-privacy.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


CONSENT_BASED = {"guidance": "consent", "matching": "consent", "contact_sharing": "consent",
                 "statistics": "consent", "esf_reporting": "consent"}  # the register before issue 14
