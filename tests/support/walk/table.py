"""The route walk's expectation table: one text matrix per app, a row per route and a column per role.

A cell is the status the role must get, with marks:
  P  the answer may show the client's personal data (name, e-mail, phone, their own words in the experience
     survey, the note of their referral) and what their team knows of them
  T  the answer may show what the team knows of the client (the name in the team, the partner's assessment),
     nothing else of them
  =  the route answers without an error status but must store nothing (a page that refuses with a message)
Without P or T an answer must show neither. A refusal (4xx, or a browser sent to the login page) must store
nothing either, and a write that succeeds must store something, unless its request says it stores nothing.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

CONVERTER = re.compile(r"<(?:[^:<>]+:)?(\w+)>")
CELL = re.compile(r"^(\d{3})([PT]?)(=?)$")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def plain(rule: str) -> str:
    """A Flask rule without its converters: /clients/<uuid:client_id> -> /clients/<client_id>."""
    return CONVERTER.sub(r"<\1>", rule)


@dataclass(frozen=True)
class Expectation:
    status: int
    personal: bool = False
    team: bool = False
    quiet: bool = False  # "=": answers but stores nothing

    @classmethod
    def parse(cls, cell: str) -> Expectation:
        match = CELL.match(cell)
        if match is None:
            raise ValueError(f"not a cell of the walk's table: {cell!r}")
        status, mark, quiet = match.groups()
        return cls(int(status), personal=mark == "P", team=mark in ("P", "T"), quiet=bool(quiet))

    def problems(self, answer, method: str, stores: bool | None) -> list[str]:
        """What is wrong with an answer, in words (nothing when it is as expected)."""
        found = []
        if answer.status != self.status:
            found.append(f"answered {answer.status}, expected {self.status}")
        if answer.personal and not self.personal:
            found.append("showed the client's personal data")
        if answer.team and not self.team:
            found.append("showed what the client's team knows of them")
        if (answer.refused or self.quiet) and answer.stored:
            found.append(f"stored {sorted(answer.stored)} though it refused")
        elif method in WRITES and stores and not answer.refused and not self.quiet and not answer.stored:
            found.append("stored nothing though it should have")
        return found


@dataclass(frozen=True)
class Request:
    """How the walk calls one route: URL values by scenario name, and the JSON body or form it sends."""

    params: dict[str, str] = field(default_factory=dict)
    json: Callable[[dict], object] | None = None
    form: Callable[[dict], dict] | None = None
    query: dict | None = None
    stores: bool | None = True  # a write that succeeds stores something (None: it may, e.g. signing out)
    last: bool = False  # walked after every other route (signing out may end the actor's sessions)


def matrix(text: str) -> tuple[tuple[str, ...], dict[tuple[str, str], tuple[Expectation, ...]]]:
    """The roles of a matrix's header and its rows {(method, plain path): expectations per role}."""
    lines = [line for line in text.strip("\n").splitlines() if line.strip() and not line.lstrip().startswith("#")]
    roles = tuple(lines[0].split())
    rows = {}
    for line in lines[1:]:
        method, path, *cells = line.split()
        if len(cells) != len(roles):
            raise ValueError(f"{method} {path}: {len(cells)} cells for {len(roles)} roles")
        key = (method, path)
        if key in rows:
            raise ValueError(f"{method} {path} is in the table twice")
        rows[key] = tuple(Expectation.parse(c) for c in cells)
    return roles, rows


def fill(path: str, values: dict[str, str]) -> str:
    """The URL of a plain path with its <name> parts replaced."""
    return CONVERTER.sub(lambda m: str(values[m.group(1)]), path)
