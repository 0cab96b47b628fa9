"""The proof that no hidden count can be worked out: its least and most value given everything published.

suppression.py hides cells until no hidden count is a linear combination of the published ones. A reader
knows more than the lines, though: counts are whole and never negative, a cell marked "<5" is 1–4, a cell
marked "x" is therefore 0 or at least 5 (it is not small, or it would be marked "<5"), and a mean
published beside its n says, within its rounding, what the hidden counts of its distribution weigh
together. For each hidden count an integer program finds the least and the most it can be under all of
that; the cell is *protected* when they lie at least `PROTECTION` apart. `secure` hides more (first the
mean that weighs on the cell, then the next smallest cell on a line through it) until every hidden count
is protected. Where everything around a cell is hidden and the marks alone still narrow it (three "<5"
whose total is "<5" too: each is 1 or 2), the marks of those cells are not told (".."): such a cell is
only known to be a count.

Most hidden counts are shown protected without an integer program: a trade with other hidden counts that
keeps every published relation (two counts weighed alike, or four round a rectangle of a two-way table) is
itself a solution, and two solutions PROTECTION apart prove the cell (`_witnessed`). That is linear in the
cells; the integer programs, one pair per cell over its whole group, are left for the cells without one.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from services.reporting.domain.suppression import Cell, Line, is_small, protect_next


@dataclass(frozen=True)
class Secured:
    """What to hide, and which of the hidden counts get no mark of their size ("..")."""

    hidden: set[Cell]
    untold: set[Cell]

PROTECTION = 2  # a hidden count must be able to lie anywhere over at least this width


@dataclass(frozen=True)
class Mean:
    """A published mean of a distribution: sum(answer value · count) / n, rounded to `decimals`."""

    cell: Cell  # where the mean is published; hiding it takes the constraint away
    parts: tuple[tuple[Cell, float], ...]  # (count cell, the answer value it counts)
    n: int
    value: float
    decimals: int

    def weights(self, values: dict[Cell, int], hidden: set[Cell]) -> tuple[dict[Cell, float], float, float]:
        """The hidden counts' weights and the least and most their weighted sum can be."""
        half = 0.5 * 10 ** -self.decimals
        known = sum(weight * values[cell] for cell, weight in self.parts if cell not in hidden)
        weights = {cell: weight for cell, weight in self.parts if cell in hidden}
        return weights, (self.value - half) * self.n - known, (self.value + half) * self.n - known


def _constraints(values: dict[Cell, int], lines: Sequence[Line], hidden: set[Cell],
                 means: Sequence[Mean]) -> list[tuple[dict[Cell, float], float, float]]:
    """Every published relation among hidden counts as (coefficients, least, most)."""
    found = []
    for line in lines:
        coefficients: dict[Cell, float] = {}
        rest = 0.0
        for cell, sign in [*((c, 1.0) for c in line.parts), (line.total, -1.0)]:
            if cell in hidden:
                coefficients[cell] = coefficients.get(cell, 0.0) + sign
            else:
                rest += sign * values[cell]
        if coefficients:
            found.append((coefficients, -rest, -rest))
    for mean in means:
        if mean.cell not in hidden:
            weights, low, high = mean.weights(values, hidden)
            if weights:
                found.append((weights, low, high))
    return found


def _components(cells: set[Cell], constraints) -> list[list[Cell]]:
    """Hidden counts that constraints tie together, each group in a stable order."""
    parent = {cell: cell for cell in cells}

    def root(cell):
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for coefficients, _low, _high in constraints:
        first, *others = coefficients
        for other in others:
            parent[root(other)] = root(first)
    groups: dict = {}
    for cell in sorted(cells, key=repr):
        groups.setdefault(root(cell), []).append(cell)
    return list(groups.values())


def _domain(value: int, untold: bool, ceiling: float):
    """Whether a hidden count with this true value and mark could be `v`: "<5" 1–4, "x" 0 or 5 and more, ".." any."""
    if untold:
        return lambda v: 0 <= v <= ceiling
    if is_small(value):
        return lambda v: 1 <= v <= 4
    return lambda v: v == 0 or 5 <= v <= ceiling


SHIFTS = tuple(d for d in range(-PROTECTION - 4, PROTECTION + 5) if d)  # enough to step over the gap 1–4 of "x"


def _witnessed(group: list[Cell], values: dict[Cell, int], constraints, ceiling: float, untold: Set[Cell],
               cells: Iterable[Cell]) -> tuple[dict[Cell, float], list[Cell]]:
    """The cells of `cells` shown protected by two values the reader cannot tell apart, and the rest.

    Two hidden counts that every published relation weighs alike (the same coefficients, or all of opposite
    sign) can trade: the one up by d and the other down by d (or both up, when opposite) keeps every line,
    total and mean as published. Each such trade that keeps both within their marks is a solution of the
    integer program, so when the true value and the traded ones lie PROTECTION apart the cell is protected,
    without solving it: linear in the cells, where the integer programs are one per cell over the whole group.
    Cells without such a witness are left to the integer programs (which are exact)."""
    signature: dict[Cell, list[tuple[int, float]]] = {cell: [] for cell in group}
    for i, (coefficients, _low, _high) in enumerate(constraints):
        if next(iter(coefficients)) in signature:
            for cell, coefficient in coefficients.items():
                if coefficient:
                    signature[cell].append((i, coefficient))
    classes: dict[tuple, list[tuple[Cell, int]]] = {}
    sign_of: dict[Cell, tuple[tuple, int]] = {}
    for cell in group:
        terms = sorted(signature[cell])
        sign = 1 if not terms or terms[0][1] > 0 else -1
        key = tuple((i, sign * c) for i, c in terms)
        classes.setdefault(key, []).append((cell, sign))
        sign_of[cell] = (key, sign)
    fits = {cell: _domain(values[cell], cell in untold, ceiling) for cell in group}
    # Per class, sign and shift d of the *target*: how many members could take the partner's side.
    takers: dict[tuple, dict[tuple[int, int], int]] = {}
    for key, members in classes.items():
        count: dict[tuple[int, int], int] = {}
        for target_sign in (1, -1):
            for d in SHIFTS:
                count[(target_sign, d)] = sum(
                    1 for cell, sign in members if fits[cell](values[cell] + (d if sign != target_sign else -d)))
        takers[key] = count
    proved: dict[Cell, float] = {}
    rest: list[Cell] = []
    lines_of = _Lines(signature)
    for cell in cells:
        key, sign = sign_of[cell]
        value, fit = values[cell], fits[cell]
        reached = [value]
        for d in SHIFTS:
            if not fit(value + d):
                continue
            if not key:  # in no published relation: free within its mark
                reached.append(value + d)
                continue
            own = 1 if fit(value - d) else 0  # the cell itself counted as its own partner (same sign: −d)
            if takers[key][(sign, d)] - own > 0:
                reached.append(value + d)
        width = max(reached) - min(reached)
        if width < PROTECTION - 1e-6:
            reached += _rectangles(cell, values, signature, lines_of, fits)
            width = max(reached) - min(reached)
        if width >= PROTECTION - 1e-6:
            proved[cell] = float(width)
        else:
            rest.append(cell)
    return proved, rest


class _Lines:
    """The hidden cells of each relation, and per relation the cells of it on exactly one other line (±1)."""

    def __init__(self, signature: dict[Cell, list[tuple[int, float]]]) -> None:
        self.signature = signature
        self.cells: dict[int, list[tuple[Cell, float]]] = {}
        for cell, terms in signature.items():
            for i, coefficient in terms:
                self.cells.setdefault(i, []).append((cell, coefficient))
        self._crossing: dict[int, dict[int, list[tuple[Cell, float, float]]]] = {}

    def other(self, cell: Cell, line: int) -> tuple[int, float] | None:
        """The other line of a cell on exactly two lines with coefficients ±1, and its coefficient there."""
        terms = self.signature[cell]
        if len(terms) != 2 or any(abs(c) != 1 for _i, c in terms):
            return None
        found = [t for t in terms if t[0] != line]
        return found[0] if len(found) == 1 else None

    def crossing(self, line: int) -> dict[int, list[tuple[Cell, float, float]]]:
        """By the other line: the cells of `line` (with their coefficient on `line` and on the other)."""
        if line not in self._crossing:
            found: dict[int, list[tuple[Cell, float, float]]] = {}
            for cell, coefficient in self.cells.get(line, ()):
                other = self.other(cell, line)
                if other is not None:
                    found.setdefault(other[0], []).append((cell, coefficient, other[1]))
            self._crossing[line] = found
        return self._crossing[line]


def _rectangles(cell: Cell, values: dict[Cell, int], signature: dict[Cell, list[tuple[int, float]]],
                lines: _Lines, fits) -> list[int]:
    """Values of `cell` reached by trades around a rectangle of a two-way table: the cell, one on its row,
    one on its column and the one where those two cross, each on exactly two lines (coefficients ±1), moved
    so that all four lines keep their sums (and nothing else: no other relation weighs them). The search ends
    at the first values PROTECTION apart; cells of other shapes are left to the integer programs."""
    terms = signature[cell]
    if len(terms) != 2 or any(abs(c) != 1 for _i, c in terms):
        return []
    (a, ca), (b, cb) = sorted(terms, key=lambda t: len(lines.cells.get(t[0], ())))
    on_b = lines.crossing(b)  # the second corner, by its other line
    value, fit = values[cell], fits[cell]
    reached: list[int] = [value]
    for first, c1, _ in (found for found_list in lines.crossing(a).values() for found in found_list):
        if first == cell:
            continue
        e, ce = lines.other(first, a)  # type: ignore[misc]  # crossing(a) holds only such cells
        if e == b:
            continue  # the first corner weighed as the cell: a trade of two, not a rectangle
        for f, crossing_cells in lines.crossing(e).items():
            if f in (a, b):
                continue  # four distinct lines only
            for corner, c3, cf3 in crossing_cells:
                for second, c2, cf2 in on_b.get(f, ()):
                    for d in SHIFTS:
                        if not fit(value + d):
                            continue
                        d1 = -ca * d / c1  # line a keeps its sum: ca·d + c1·d1 = 0
                        d2 = -cb * d / c2  # line b
                        d3 = -ce * d1 / c3  # line e: ce·d1 + c3·d3 = 0
                        if abs(cf2 * d2 + cf3 * d3) > 1e-9:
                            continue  # line f would not keep its sum
                        if fits[first](values[first] + round(d1)) and fits[second](values[second] + round(d2)) \
                                and fits[corner](values[corner] + round(d3)):
                            reached.append(value + d)
                    if max(reached) - min(reached) >= PROTECTION - 1e-6:
                        return reached
    return reached


def _ranges(group: list[Cell], values: dict[Cell, int], constraints, ceiling: float, untold: Set[Cell],
            cells: Iterable[Cell]) -> Iterator[tuple[Cell, float]]:
    """The width (most minus least) each of `cells` of one group can take, by integer programs, one by one."""
    index = {cell: i for i, cell in enumerate(group)}
    small = [is_small(values[cell]) and cell not in untold for cell in group]  # "<5": 1–4
    marked = [cell for cell in group if not is_small(values[cell]) and cell not in untold]  # "x": 0 or ≥ 5
    size = len(group) + len(marked)
    rows, lows, highs = [], [], []
    for coefficients, low, high in constraints:
        if next(iter(coefficients)) in index:
            row = np.zeros(size)
            for cell, coefficient in coefficients.items():
                row[index[cell]] = coefficient
            rows.append(row)
            lows.append(low)
            highs.append(high)
    for j, cell in enumerate(marked):  # x - 5z >= 0 and x - ceiling·z <= 0, z in {0, 1}
        row = np.zeros(size)
        row[index[cell]], row[len(group) + j] = 1.0, -5.0
        rows.append(row)
        lows.append(0.0)
        highs.append(np.inf)
        row = np.zeros(size)
        row[index[cell]], row[len(group) + j] = 1.0, -ceiling
        rows.append(row)
        lows.append(-np.inf)
        highs.append(0.0)
    bounds = Bounds([1.0 if s else 0.0 for s in small] + [0.0] * len(marked),
                    [4.0 if s else ceiling for s in small] + [1.0] * len(marked))
    constraints_ = [LinearConstraint(np.array(rows), lows, highs)] if rows else []
    for cell in cells:
        objective = np.zeros(size)
        objective[index[cell]] = 1.0
        least = milp(objective, integrality=np.ones(size), bounds=bounds, constraints=constraints_)
        if least.status != 0:  # the true values always fit: only a solver failure lands here
            yield cell, 0.0
            continue
        if values[cell] - least.fun >= PROTECTION - 1e-6:
            yield cell, values[cell] - least.fun
            continue
        most = milp(-objective, integrality=np.ones(size), bounds=bounds, constraints=constraints_)
        yield cell, (-most.fun - least.fun if most.status == 0 else 0.0)


def _weak(values: dict[Cell, int], cell: Cell, width: float) -> bool:
    # A hidden 0 that can only be 0 gives no person away (and nothing more hidden would change that).
    return width < PROTECTION - 1e-6 and not (values[cell] == 0 and width < 1e-6)


def _widths(values: dict[Cell, int], lines: Sequence[Line], hidden: set[Cell], means: Sequence[Mean],
            untold: Set[Cell], skip: set[Cell], quick: bool = False) -> Iterator[tuple[Cell, float]]:
    """quick: a cell a trade shows protected (`_witnessed`) is yielded with that width (at least PROTECTION,
    not necessarily its whole width); the others by integer programs."""
    counts = {cell for cell in hidden if cell in values}
    constraints = _constraints(values, lines, hidden, means)
    ceiling = 2.0 * sum(values.values()) + 10.0
    for group in _components(counts, constraints):
        todo = [cell for cell in group if cell not in skip]
        if todo and quick:
            proved, todo = _witnessed(group, values, constraints, ceiling, untold, todo)
            yield from proved.items()
        if todo:
            yield from _ranges(group, values, constraints, ceiling, untold, todo)


def widths(values: dict[Cell, int], lines: Sequence[Line], hidden: set[Cell], means: Sequence[Mean] = (),
           untold: Set[Cell] = frozenset()) -> dict[Cell, float]:
    """How far apart the least and the most value of each hidden count lie (at least PROTECTION when it is
    enough to say the count is protected; the exact width otherwise)."""
    return dict(_widths(values, lines, hidden, means, set(untold), set()))


def weak(values: dict[Cell, int], lines: Sequence[Line], hidden: set[Cell], means: Sequence[Mean] = (),
         untold: Set[Cell] = frozenset()) -> list[Cell]:
    """Hidden counts of persons a reader can narrow to less than PROTECTION, in a stable order."""
    found = dict(_widths(values, lines, hidden, means, set(untold), set(), quick=True))
    return sorted((cell for cell, width in found.items() if _weak(values, cell, width)), key=repr)


def _first_weak(values, lines, hidden, means, untold, safe: set[Cell]) -> Cell | None:
    """The first hidden count not protected; those found protected go into `safe` (hiding more, or telling
    less, only ever widens what a cell can be, so they stay protected)."""
    for cell, width in _widths(values, lines, hidden, means, untold, safe, quick=True):
        if _weak(values, cell, width):
            return cell
        safe.add(cell)
    return None


# The proofs already made in this process, by their whole input: a table whose counts did not change since
# the last report (most of them, after one new event) is not proved again. `secure` is a function of its
# input alone, so a kept answer is the answer.
_PROVED: OrderedDict[tuple, Secured] = OrderedDict()
_PROVED_LOCK = threading.Lock()
PROVED_SIZE = 4096


def forget_proofs() -> None:
    """Drop the proofs kept (benchmarks time the proof itself)."""
    with _PROVED_LOCK:
        _PROVED.clear()


def secure(values: dict[Cell, int], lines: Iterable[Line], hidden: set[Cell], means: Sequence[Mean] = ()) -> Secured:
    """`hidden` and whatever more must be hidden (means, then counts) until every hidden count is protected,
    and the hidden counts whose size mark would still give one away."""
    lines = list(lines)
    key = (frozenset(values.items()), tuple(lines), frozenset(hidden), tuple(means))
    with _PROVED_LOCK:
        kept = _PROVED.get(key)
        if kept is not None:
            _PROVED.move_to_end(key)
    if kept is None:
        kept = _secure(values, lines, hidden, means)
        with _PROVED_LOCK:
            _PROVED[key] = kept
            while len(_PROVED) > PROVED_SIZE:
                _PROVED.popitem(last=False)
    return Secured(set(kept.hidden), set(kept.untold))  # the caller's own sets: it may add to them


def _secure(values: dict[Cell, int], lines: list[Line], hidden: set[Cell], means: Sequence[Mean]) -> Secured:
    lines = [line for line in lines if all(cell in values for cell in line.cells)]
    hidden = set(hidden)
    untold: set[Cell] = set()
    safe: set[Cell] = set()
    while True:
        target = _first_weak(values, lines, hidden, means, untold, safe)
        if target is None:
            return Secured(hidden, untold)
        mean = next((m for m in means if m.cell not in hidden and any(c == target for c, _w in m.parts)), None)
        if mean is not None:
            hidden.add(mean.cell)
            continue
        extra = protect_next(target, hidden, values, lines)
        if extra is not None:
            hidden.add(extra)
            continue
        # Everything on its lines is hidden: stop telling the sizes of the hidden cells on those lines.
        around = {c for line in lines if target in line.cells for c in line.cells if c in hidden} | {target}
        if not around <= untold:
            untold |= around
            continue
        # Nothing is told of them and the lines still pin the target down: widen from any weak cell.
        extra = next((e for cell in weak(values, lines, hidden, means, untold)
                      for e in [protect_next(cell, hidden, values, lines)] if e is not None), None)
        if extra is None:
            return Secured(hidden, untold)
        hidden.add(extra)
