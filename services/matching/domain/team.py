"""Team building: the best multidisciplinary teams for a batch of environments, proven optimal.

A mixed-integer program solved by HiGHS (scipy.optimize.milp): x[c, e, r] places candidate c
in role r of environment e; z[e] says environment e is staffed; y[e, f] and u[e, i] say
field f / institution i is present in e. Each candidate takes at most one role in the batch
(so at most one running environment), roles have capacities, and a staffed environment
has at least `min_fields` fields of education and `min_institutions` institutions.
Institutions are used only for that mix, never in any score.

For one environment, `team_for` is honest about a mix that cannot be had: the solver may always leave an
environment unstaffed, so an empty optimum means the request is infeasible. It then names the constraints
that fail (seats, candidates, fields, institutions, availability) and proposes the best team under the
least relaxed mix that can be met, labelled as relaxed.
"""
from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix


@dataclass(frozen=True)
class TeamRole:
    """A role in an environment: how many it takes and which fields of education it accepts."""

    id: str
    capacity: int = 1
    fields: frozenset[str] = frozenset()  # empty = any field


@dataclass(frozen=True)
class TeamEnvironment:
    """An environment to staff and the multidisciplinary mix it must have when staffed."""

    id: str
    roles: tuple[TeamRole, ...]
    min_fields: int = 2
    min_institutions: int = 0


@dataclass(frozen=True)
class TeamCandidate:
    """A student free to join (not in a running environment)."""

    id: str
    field_of_education: str | None
    institution: str | None = None


@dataclass(frozen=True)
class Placement:
    """One candidate in one role."""

    environment_id: str
    role_id: str
    candidate_id: str
    score: float


@dataclass(frozen=True)
class Team:
    """The proposed team of one environment."""

    environment_id: str
    members: tuple[Placement, ...]
    fields: frozenset[str]
    institutions: frozenset[str]

    @property
    def score(self) -> float:
        """Total fit of the members."""
        return sum(p.score for p in self.members)


@dataclass(frozen=True)
class TeamPlan:
    """Teams for a batch, the objective, whether it is proven optimal, and greedy's result."""

    teams: tuple[Team, ...]
    objective: float
    status: str  # "optimal", "time-limit" or "infeasible"
    optimal: bool
    gap: float
    greedy_objective: float
    greedy_meets_mix: bool
    seconds: float


def team_fit(total: float, seats: int) -> float | None:
    """A team's fit, 0..1: its members' fits summed over the seats to fill, so a seat left empty counts as 0 and a
    team of perfect fits in every seat is 1 (the optimiser's total, put on the scale of one member's fit)."""
    return min(1.0, total / seats) if seats > 0 else None


Scores = Mapping[tuple[str, str, str], float]  # (environment id, role id, candidate id) -> fit


def eligible_pairs(environments: Sequence[TeamEnvironment], candidates: Sequence[TeamCandidate],
                   scores: Scores) -> list[tuple[int, int, int, float]]:
    """(environment, role, candidate, score) indices of every placement allowed."""
    pairs = []
    for e, env in enumerate(environments):
        for r, role in enumerate(env.roles):
            for c, cand in enumerate(candidates):
                score = scores.get((env.id, role.id, cand.id))
                if score is not None and score >= 0 and (
                        not role.fields or cand.field_of_education in role.fields):
                    pairs.append((e, r, c, float(score)))
    return pairs


def build_teams(environments: Sequence[TeamEnvironment], candidates: Sequence[TeamCandidate],
                scores: Scores, time_limit: float = 60.0) -> TeamPlan:
    """Teams maximising total fit under capacity, one role per candidate and the mix."""
    started = time.perf_counter()
    # HiGHS' MIP presolve spends most of the time on these assignment-shaped models
    # (45 s against 3 s without it at 2,000 x 20 x 5); the LP relaxation is near-integral.
    pairs = eligible_pairs(environments, candidates, scores)
    model = _Model(environments, candidates, pairs)
    result = milp(model.objective, integrality=np.ones(model.n_vars), bounds=Bounds(0, 1),
                  constraints=model.constraints(),
                  options={"time_limit": time_limit, "mip_rel_gap": 0.0, "presolve": False, "disp": False})
    greedy, greedy_ok = greedy_teams(environments, candidates, pairs)
    if result.x is None:
        return TeamPlan((), 0.0, "infeasible" if result.status == 2 else "time-limit", False, float("inf"),
                        greedy, greedy_ok, time.perf_counter() - started)
    chosen = [pairs[i] for i in np.flatnonzero(result.x[:len(pairs)] > 0.5)]
    teams = _teams(environments, candidates, chosen)
    objective = sum(t.score for t in teams)
    status = "optimal" if result.status == 0 else "time-limit"
    gap = float(getattr(result, "mip_gap", 0.0) or 0.0)
    return TeamPlan(teams, objective, status, result.status == 0, gap, greedy, greedy_ok,
                    time.perf_counter() - started)


class _Model:
    """The MILP's variables and rows."""

    def __init__(self, environments: Sequence[TeamEnvironment], candidates: Sequence[TeamCandidate],
                 pairs: list[tuple[int, int, int, float]]) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        n_x = len(pairs)
        n_env = len(environments)
        z = [n_x + e for e in range(n_env)]
        next_var = n_x + n_env
        per_candidate: dict[int, list[int]] = {}
        per_role: dict[tuple[int, int], list[int]] = {}
        per_env: dict[int, list[int]] = {}
        by_field: dict[tuple[int, str], list[int]] = {}
        by_institution: dict[tuple[int, str], list[int]] = {}
        for i, (e, r, c, _) in enumerate(pairs):
            per_candidate.setdefault(c, []).append(i)
            per_role.setdefault((e, r), []).append(i)
            per_env.setdefault(e, []).append(i)
            field, institution = candidates[c].field_of_education, candidates[c].institution
            if field is not None:
                by_field.setdefault((e, field), []).append(i)
            if institution is not None:
                by_institution.setdefault((e, institution), []).append(i)
        for xs in per_candidate.values():
            self._row([(i, 1.0) for i in xs], -np.inf, 1.0)
        for (e, r), xs in per_role.items():
            self._row([(i, 1.0) for i in xs], -np.inf, environments[e].roles[r].capacity)
        for e, env in enumerate(environments):
            total = sum(role.capacity for role in env.roles)
            self._row([(i, 1.0) for i in per_env.get(e, [])] + [(z[e], -float(total))], -np.inf, 0.0)
            for groups, minimum in ((by_field, env.min_fields), (by_institution, env.min_institutions)):
                if minimum <= 0:
                    continue
                present = []
                for (ge, _), xs in groups.items():
                    if ge == e:
                        present.append(next_var)
                        self._row([(next_var, 1.0)] + [(i, -1.0) for i in xs], -np.inf, 0.0)
                        next_var += 1
                self._row([(v, 1.0) for v in present] + [(z[e], -float(minimum))], 0.0, np.inf)
        self.n_vars = next_var
        self.objective = np.zeros(next_var)
        self.objective[:n_x] = [-s for *_, s in pairs]

    def _row(self, terms: list[tuple[int, float]], lower: float, upper: float) -> None:
        row = len(self.lower)
        for col, val in terms:
            self.rows.append(row)
            self.cols.append(col)
            self.vals.append(val)
        self.lower.append(lower)
        self.upper.append(upper)

    def constraints(self) -> LinearConstraint:
        matrix = coo_matrix((self.vals, (self.rows, self.cols)), shape=(len(self.lower), self.n_vars)).tocsr()
        return LinearConstraint(matrix, self.lower, self.upper)


def greedy_teams(environments: Sequence[TeamEnvironment], candidates: Sequence[TeamCandidate],
                 pairs: list[tuple[int, int, int, float]]) -> tuple[float, bool]:
    """Best-score-first placement under capacity; its total and whether every mix holds."""
    left = {(e, r): role.capacity for e, env in enumerate(environments) for r, role in enumerate(env.roles)}
    placed: set[int] = set()
    chosen = []
    for e, r, c, s in sorted(pairs, key=lambda p: (-p[3], candidates[p[2]].id, p[0], p[1])):
        if c not in placed and left[e, r] > 0:
            placed.add(c)
            left[e, r] -= 1
            chosen.append((e, r, c, s))
    teams = _teams(environments, candidates, chosen)
    return sum(t.score for t in teams), all(meets_mix(env, team) for env, team in zip(environments, teams))


def meets_mix(environment: TeamEnvironment, team: Team) -> bool:
    """Whether a team is empty or has the environment's multidisciplinary mix."""
    return not team.members or (len(team.fields) >= environment.min_fields
                                and len(team.institutions) >= environment.min_institutions)


def _teams(environments: Sequence[TeamEnvironment], candidates: Sequence[TeamCandidate],
           chosen: list[tuple[int, int, int, float]]) -> tuple[Team, ...]:
    members: dict[int, list[tuple[int, int, float]]] = {e: [] for e in range(len(environments))}
    for e, r, c, s in chosen:
        members[e].append((r, c, s))
    teams = []
    for e, env in enumerate(environments):
        placed = sorted(members[e], key=lambda m: (m[0], candidates[m[1]].id))
        teams.append(Team(
            env.id, tuple(Placement(env.id, env.roles[r].id, candidates[c].id, s) for r, c, s in placed),
            frozenset(f for _, c, _ in placed if (f := candidates[c].field_of_education) is not None),
            frozenset(i for _, c, _ in placed if (i := candidates[c].institution) is not None)))
    return tuple(teams)


CONSTRAINTS = ("capacity", "candidates", "availability", "fields", "institutions")


@dataclass(frozen=True)
class Shortfall:
    """A constraint the requested team cannot meet: how much it asks for and how much there is.

    capacity: seats left against the mix's minimum; candidates: free candidates of a role (or of all);
    availability: candidates of a role's fields left out because their time does not fit (`excluded`);
    fields, institutions: distinct fields or organisations among the candidates against the minimum.
    """

    constraint: str
    required: int
    available: int
    role_id: str | None = None
    excluded: int = 0


@dataclass(frozen=True)
class TeamAnswer:
    """One environment's team under the requested mix, or why not and the best under a relaxed mix."""

    environment: TeamEnvironment
    plan: TeamPlan
    shortfalls: tuple[Shortfall, ...] = ()
    relaxed: TeamEnvironment | None = None  # the relaxed mix the proposal meets
    proposal: TeamPlan | None = None

    @property
    def feasible(self) -> bool:
        """Whether a team meeting every requested constraint exists (and was found)."""
        return bool(self.plan.teams and self.plan.teams[0].members)

    @property
    def status(self) -> str:
        """optimal (every constraint met, proven best), time-limit, or infeasible."""
        if self.feasible or self.plan.status == "time-limit":
            return self.plan.status
        return "infeasible"


def team_for(environment: TeamEnvironment, candidates: Sequence[TeamCandidate], scores: Scores,
             time_limit: float = 60.0, unavailable: Mapping[str, int] | None = None) -> TeamAnswer:
    """The best team of one environment; when none meets the mix, the failing constraints and a relaxed team.

    unavailable: per role id, how many candidates of its fields were left out because their time does not fit.
    """
    plan = build_teams([environment], candidates, scores, time_limit=time_limit)
    answer = TeamAnswer(environment, plan)
    if answer.feasible or plan.status == "time-limit":
        return answer
    pairs = eligible_pairs([environment], candidates, scores)
    shortfalls = shortfalls_of(environment, candidates, pairs, unavailable or {})
    for relaxed in relaxations(environment):
        proposal = build_teams([relaxed], candidates, scores, time_limit=time_limit)
        if proposal.teams and proposal.teams[0].members:
            if not shortfalls:  # the fields and organisations exist but cannot be seated together
                shortfalls = tuple(Shortfall(name, wanted, got) for name, wanted, got in (
                    ("fields", environment.min_fields, relaxed.min_fields),
                    ("institutions", environment.min_institutions, relaxed.min_institutions)) if got < wanted)
            return TeamAnswer(environment, plan, shortfalls, relaxed, proposal)
    return TeamAnswer(environment, plan, shortfalls)


def relaxations(environment: TeamEnvironment) -> list[TeamEnvironment]:
    """Ever looser mixes, the least relaxed first (fields kept before institutions at the same distance)."""
    mixes = [(f, i) for f in range(environment.min_fields, -1, -1) for i in range(environment.min_institutions, -1, -1)
             if (f, i) != (environment.min_fields, environment.min_institutions)]
    mixes.sort(key=lambda m: (environment.min_fields - m[0] + environment.min_institutions - m[1], -m[0]))
    return [TeamEnvironment(environment.id, environment.roles, f, i) for f, i in mixes]


def shortfalls_of(environment: TeamEnvironment, candidates: Sequence[TeamCandidate],
                  pairs: list[tuple[int, int, int, float]], unavailable: Mapping[str, int]) -> tuple[Shortfall, ...]:
    """Which constraints keep the requested team from forming."""
    found = []
    seats = sum(role.capacity for role in environment.roles)
    mix = max(environment.min_fields, environment.min_institutions, 1)
    if seats < mix:
        found.append(Shortfall("capacity", mix, seats))
    placeable = {c for _, _, c, _ in pairs}
    if seats and not placeable:
        found.append(Shortfall("candidates", 1, 0))
    for r, role in enumerate(environment.roles):
        of_role = len({c for _, pr, c, _ in pairs if pr == r})
        if role.capacity and unavailable.get(role.id) and of_role < role.capacity:
            found.append(Shortfall("availability", role.capacity, of_role, role.id, unavailable[role.id]))
    for name, minimum, value in (("fields", environment.min_fields, lambda c: c.field_of_education),
                                 ("institutions", environment.min_institutions, lambda c: c.institution)):
        distinct = len({v for c in placeable if (v := value(candidates[c])) is not None})
        if distinct < minimum:
            found.append(Shortfall(name, minimum, distinct))
    return tuple(found)
