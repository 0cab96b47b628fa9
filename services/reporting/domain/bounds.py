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
itself a solution, and two solutions PROTECTION apart prove the cell (`_Trades`). That is linear in the
cells; the integer programs, one pair per cell over its whole group, are left for the cells without one.

`secure` hides one cell per round and proves again, stopping at the first weak count: the proof goes cell by
cell in a fixed order (trades of two; one relation alone, which can prove a cell weak; rectangles; the
relations as a network of flows, relaxed to prove a cell weak or restricted to prove it protected (`_Network`);
a small program around the cell with the far counts held at their values, then a wider one, which can prove
it protected; the whole group's programs), so a round pays for the cells up to the first weak one, and the
cells hidden are the same as when every cell was proved by the whole group's programs: each step decides a
cell only where those programs decide it alike.
"""
from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from services.reporting.domain.suppression import Cell, Line, _balanced, is_small, protect_next


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


class _Trades:
    """The hidden counts of one group that a trade shows protected: two values the reader cannot tell apart.

    Two hidden counts that every published relation weighs alike (the same coefficients, or all of opposite
    sign) can trade: the one up by d and the other down by d (or both up, when opposite) keeps every line,
    total and mean as published. Each such trade that keeps both within their marks is a solution of the
    integer program, so when the true value and the traded ones lie PROTECTION apart the cell is protected,
    without solving it. Cells without such a witness are left to the integer programs (which are exact).
    Everything is worked out per cell when asked (a class's counts once), so asking about the few cells
    before the first weak one costs only those cells, not the whole group."""

    def __init__(self, group: list[Cell], values: dict[Cell, int], constraints, ceiling: float,
                 untold: Set[Cell], signature: dict[Cell, list[tuple[int, float]]] | None = None) -> None:
        if signature is None:
            signature = {cell: [] for cell in group}
            for i, (coefficients, _low, _high) in enumerate(constraints):
                if next(iter(coefficients)) in signature:
                    for cell, coefficient in coefficients.items():
                        if coefficient:
                            signature[cell].append((i, coefficient))
        self.classes: dict[tuple, list[tuple[Cell, int]]] = {}
        self.sign_of: dict[Cell, tuple[tuple, int]] = {}
        self.values, self.ceiling, self.untold = values, ceiling, untold
        self.signature = signature
        self.fits: dict[Cell, Callable[[float], bool]] = {}
        self.takers: dict[tuple, dict[tuple[int, int], int]] = {}
        for cell in group:
            self.add(cell)
        self.lines = _Lines(signature)
        self.lines.shifts = lambda cell: [d for d in SHIFTS if self.fit(cell)(self.values[cell] + d)]

    def add(self, cell: Cell) -> None:
        """Put a cell (its signature known) into its class of cells weighed alike."""
        terms = sorted(self.signature[cell])
        sign = 1 if not terms or terms[0][1] > 0 else -1
        key = tuple((i, sign * c) for i, c in terms)
        self.classes.setdefault(key, []).append((cell, sign))
        self.sign_of[cell] = (key, sign)
        self.takers.pop(key, None)

    def forget(self, cells: Iterable[Cell]) -> None:
        """Work out again what depends on these cells' marks (they became untold)."""
        cells = list(cells)
        for cell in cells:
            self.fits.pop(cell, None)
            if cell in self.sign_of:
                self.takers.pop(self.sign_of[cell][0], None)
        self.lines.forget(cells)

    def fit(self, cell: Cell) -> Callable[[float], bool]:
        found = self.fits.get(cell)
        if found is None:
            found = self.fits[cell] = _domain(self.values[cell], cell in self.untold, self.ceiling)
        return found

    def _takers(self, key: tuple) -> dict[tuple[int, int], int]:
        """Per sign and shift d of the *target*: how many members of the class could take the partner's side."""
        count = self.takers.get(key)
        if count is None:
            values, members = self.values, self.classes[key]
            count = {(target_sign, d): sum(1 for cell, sign in members
                                           if self.fit(cell)(values[cell] + (d if sign != target_sign else -d)))
                     for target_sign in (1, -1) for d in SHIFTS}
            self.takers[key] = count
        return count

    def width(self, cell: Cell, rectangles: bool = True) -> float | None:
        """A width of at least PROTECTION that trades (of two; and round rectangles) show `cell` can take, or None."""
        key, sign = self.sign_of[cell]
        value, fit = self.values[cell], self.fit(cell)
        reached = [value]
        for d in SHIFTS:
            if not fit(value + d):
                continue
            if not key:  # in no published relation: free within its mark
                reached.append(value + d)
                continue
            own = 1 if fit(value - d) else 0  # the cell itself counted as its own partner (same sign: −d)
            if self._takers(key)[(sign, d)] - own > 0:
                reached.append(value + d)
        width = max(reached) - min(reached)
        if width < PROTECTION - 1e-6 and rectangles:
            reached += _rectangles(cell, self.values, self.signature, self.lines, _LazyFits(self))
            width = max(reached) - min(reached)
        return float(width) if width >= PROTECTION - 1e-6 else None


class _LazyFits:
    """`fits[cell]` of a `_Trades`, made when first asked."""

    def __init__(self, trades: _Trades) -> None:
        self.trades = trades

    def __getitem__(self, cell: Cell) -> Callable[[float], bool]:
        return self.trades.fit(cell)


def _by_rectangles(trades: _Trades, cell: Cell) -> float | None:
    fits = _LazyFits(trades)
    reached = [trades.values[cell], *_rectangles(cell, trades.values, trades.signature, trades.lines, fits)]
    width = max(reached) - min(reached)
    return float(width) if width >= PROTECTION - 1e-6 else None


class _Lines:
    """The hidden cells of each relation, and per relation the cells of it on exactly one other line (±1)."""

    def __init__(self, signature: dict[Cell, list[tuple[int, float]]]) -> None:
        self.signature = signature
        self.cells: dict[int, list[tuple[Cell, float]]] = {}
        for cell, terms in signature.items():
            for i, coefficient in terms:
                self.cells.setdefault(i, []).append((cell, coefficient))
        self._crossing: dict[int, dict[int, list[tuple[Cell, float, float]]]] = {}
        # Per relation, by (what a move does to it, what it does to the other line): the other lines of its
        # cells that can make that move within their marks (`meets`); kept while cells are only added.
        self._moves: dict[int, dict[tuple[float, float], set[int]]] = {}
        self.shifts: Callable[[Cell], Iterable[int]] = lambda cell: ()  # the moves a cell's mark allows
        self._made: dict[tuple[int, Cell], list[tuple[float, float]]] = {}  # the keys `_move` put a cell under

    def refresh(self, relations: dict[int, dict[Cell, float] | None]) -> None:
        """Take these relations' hidden cells anew (a cell on them was hidden; None: the relation is gone)."""
        for i, coefficients in relations.items():
            self._crossing.pop(i, None)
            old = dict(self.cells.pop(i, ()))
            if coefficients:
                self.cells[i] = [(cell, c) for cell, c in coefficients.items() if c]
            moves = self._moves.pop(i, None)
            if moves is None or not coefficients or any(coefficients.get(cell) != c for cell, c in old.items()):
                continue  # a cell left the relation or weighs otherwise: the moves are taken anew when asked
            for cell, c in self.cells[i]:
                if cell not in old:
                    self._move(moves, cell, i, c)
            self._moves[i] = moves

    def forget(self, cells: Iterable[Cell]) -> None:
        """These cells' marks changed (`shifts` answers anew): their moves are taken anew."""
        for cell in cells:
            for i, coefficient in self.signature.get(cell, ()):
                moves, other = self._moves.get(i), self.other(cell, i)
                if moves is None or other is None:
                    continue
                if len(self.crossing(i).get(other[0], ())) != 1:  # another cell of i leads to the same line
                    self._moves.pop(i)
                    continue
                for key in self._made.pop((i, cell), ()):
                    moves[key].discard(other[0])
                self._move(moves, cell, i, coefficient)

    def _move(self, moves: dict[tuple[float, float], set[int]], cell: Cell, line: int, coefficient: float) -> None:
        other = self.other(cell, line)
        if other is not None:
            keys = self._made[(line, cell)] = [(coefficient * d, other[1] * d) for d in self.shifts(cell)]
            for key in keys:
                moves.setdefault(key, set()).add(other[0])

    def meets(self, b: int, e: int, on_b: float, on_e: float, apart: tuple[int, int]) -> bool:
        """Whether a line f other than `apart` has a cell on `b` and one on `e` that can move so that `b`'s sum
        changes by `on_b`, `e`'s by `on_e`, and f's not at all (the two moves on f cancel)."""
        moves_b, moves_e = self.moves(b), self.moves(e)
        for t in (on_b, -on_b):  # with coefficients ±1 a move changes its other line by as much as this one
            one, two = moves_b.get((on_b, t)), moves_e.get((on_e, -t))
            if not one or not two or one.isdisjoint(two):
                continue
            if len(one) > len(two):
                one, two = two, one
            if any(f in two and f not in apart for f in one):
                return True
        return False

    def moves(self, line: int) -> dict[tuple[float, float], set[int]]:
        found = self._moves.get(line)
        if found is None:
            found = self._moves[line] = {}
            for cell, coefficient in self.cells.get(line, ()):
                self._move(found, cell, line, coefficient)
        return found

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
    value, fit = values[cell], fits[cell]
    reached: list[int] = [value]
    # Only the shifts the cell's mark allows and no rectangle has reached yet are tried (the answer is the set
    # of values reached, so the order of the search changes nothing but its length).
    pending = [d for d in SHIFTS if fit(value + d)]
    for first, c1, _ in (found for found_list in lines.crossing(a).values() for found in found_list):
        if first == cell:
            continue
        e, ce = lines.other(first, a)  # type: ignore[misc]  # crossing(a) holds only such cells
        if e == b:
            continue  # the first corner weighed as the cell: a trade of two, not a rectangle
        fit1, v1 = fits[first], values[first]
        for d in pending:
            if value + d in reached:
                continue
            d1 = round(-ca * d / c1)  # line a keeps its sum: ca·d + c1·d1 = 0
            # The second corner (on b and a line f) keeps b, the fourth (on e and f) keeps e, and f keeps its sum.
            if fit1(v1 + d1) and lines.meets(b, e, -cb * d, -ce * d1, (a, b)):
                reached.append(value + d)
        if max(reached) - min(reached) >= PROTECTION - 1e-6:
            return reached
    return reached


NEAR = 60  # hidden counts a local integer program may move
REACH = 4  # of a long relation, the local program takes this many counts on each side of the one it came from
WIDE, WIDE_REACH = 300, 30  # the second, wider local program's (for counts whose solutions reach further)
LOCAL_ROOM = 2 * (PROTECTION + 5)  # how far above the largest of them a local program lets a count go
SHORT = 12  # a relation of at most this many hidden counts is short: taken whole into a local program or a bound

Intervals = list[tuple[int, int]]  # a set of whole numbers as sorted, disjoint [least, most] runs


def _merged(runs: Iterable[tuple[int, int]]) -> Intervals:
    found: Intervals = []
    for low, high in sorted(runs):
        if found and low <= found[-1][1] + 1:
            found[-1] = (found[-1][0], max(found[-1][1], high))
        else:
            found.append((low, high))
    return found


def _marks(value: int, untold: bool, ceiling: int) -> Intervals:
    """`_domain` as runs: "<5" 1–4, "x" 0 or 5 and more, ".." any count."""
    if untold:
        return [(0, ceiling)]
    if is_small(value):
        return [(1, 4)]
    return [(0, 0), (5, ceiling)]


def _narrow(cell: Cell, values: dict[Cell, int], constraints, signature: dict[Cell, list[tuple[int, float]]],
            ceiling: float, untold: Set[Cell]) -> float | None:
    """An upper bound on the width of `cell` from each of its relations alone (the others' marks, not their other
    relations), or None where a relation is not whole (a mean). Dropping relations only widens what the cell can
    be, so a bound under PROTECTION proves the cell weak without an integer program over its whole group."""
    top = int(ceiling)
    possible = _marks(values[cell], cell in untold, top)
    for i, own in signature[cell]:
        coefficients, low, high = constraints[i]
        if len(coefficients) > SHORT:
            continue  # a long relation (a column of a long table) narrows little: left out, which only widens
        if abs(own) != 1 or any(abs(c) != 1 for c in coefficients.values()) or low != int(low) or high != int(high):
            return None
        sums: Intervals = [(0, 0)]  # what the other hidden counts of the relation can add up to
        for other, coefficient in coefficients.items():
            if other == cell:
                continue
            runs = _marks(values[other], other in untold, top)
            if coefficient < 0:
                runs = [(-b, -a) for a, b in reversed(runs)]
            sums = _merged((a + c, b + d) for a, b in sums for c, d in runs)
        # own·x = t − s with t in [low, high] and s in sums
        reach = [(int(low) - b, int(high) - a) for a, b in sums]
        if own < 0:
            reach = [(-b, -a) for a, b in reach]
        reach = _merged(reach)
        possible = _merged((max(a, c), min(b, d)) for a, b in possible for c, d in reach if max(a, c) <= min(b, d))
        if not possible:  # cannot happen (the true value fits); leave it to the integer programs
            return None
    return float(possible[-1][1] - possible[0][0])


class _Programs:
    """The integer programs of one group: the least and the most each hidden count can be (exact)."""

    def __init__(self, group: list[Cell], values: dict[Cell, int], constraints, ceiling: float,
                 untold: Set[Cell]) -> None:
        index = {cell: i for i, cell in enumerate(group)}
        small = [is_small(values[cell]) and cell not in untold for cell in group]  # "<5": 1–4
        marked = [cell for cell in group if not is_small(values[cell]) and cell not in untold]  # "x": 0 or ≥ 5
        size = len(group) + len(marked)
        data: list[float] = []
        at_row: list[int] = []
        at_column: list[int] = []
        lows: list[float] = []
        highs: list[float] = []

        def add(entries: Iterable[tuple[int, float]], low: float, high: float) -> None:
            for column, coefficient in entries:
                data.append(coefficient)
                at_row.append(len(lows))
                at_column.append(column)
            lows.append(low)
            highs.append(high)

        for coefficients, low, high in constraints:
            if next(iter(coefficients)) in index:
                add(((index[cell], coefficient) for cell, coefficient in coefficients.items()), low, high)
        for j, cell in enumerate(marked):  # x - 5z >= 0 and x - ceiling·z <= 0, z in {0, 1}
            add(((index[cell], 1.0), (len(group) + j, -5.0)), 0.0, np.inf)
            add(((index[cell], 1.0), (len(group) + j, -ceiling)), -np.inf, 0.0)
        self.bounds = Bounds([1.0 if s else 0.0 for s in small] + [0.0] * len(marked),
                             [4.0 if s else ceiling for s in small] + [1.0] * len(marked))
        matrix = csr_array((data, (at_row, at_column)), shape=(len(lows), size))  # one row's duplicates add up
        self.constraints = [LinearConstraint(matrix, lows, highs)] if lows else []
        self.index, self.size, self.values = index, size, values

    def width(self, cell: Cell) -> float:
        objective = np.zeros(self.size)
        objective[self.index[cell]] = 1.0
        integrality = np.ones(self.size)
        least = milp(objective, integrality=integrality, bounds=self.bounds, constraints=self.constraints)
        if least.status != 0:  # the true values always fit: only a solver failure lands here
            return 0.0
        if self.values[cell] - least.fun >= PROTECTION - 1e-6:
            return float(self.values[cell] - least.fun)
        most = milp(-objective, integrality=integrality, bounds=self.bounds, constraints=self.constraints)
        return float(-most.fun - least.fun) if most.status == 0 else 0.0


def _near(cell: Cell, constraints, signature: dict[Cell, list[tuple[int, float]]], near: int = NEAR,
          reach: int = REACH) -> list[Cell]:
    """Hidden counts near `cell`: breadth first over its relations, short ones whole, of a long one (a column
    of a long table) a few."""
    found = {cell: None}
    queue = [cell]
    for current in queue:
        for i, _coefficient in signature[current]:
            members = list(constraints[i][0])
            if len(members) > SHORT:
                at = members.index(current)
                members = members[max(0, at - reach):at + reach + 1]
            for other in members:
                if other not in found and len(found) < near:
                    found[other] = None
                    queue.append(other)
        if len(found) >= near:
            break
    return list(found)


def _local_width(cell: Cell, values: dict[Cell, int], constraints, signature: dict[Cell, list[tuple[int, float]]],
                 ceiling: float, untold: Set[Cell], size: int | None = None, near: int = NEAR,
                 reach: int = REACH) -> float | None:
    """A width of at least PROTECTION shown by the integer programs with every hidden count far from `cell` held
    at its true value, or None. Holding counts fixed only takes solutions away, so what the small program
    reaches the whole one reaches too; a cell it cannot prove goes to the whole group's programs. `size`: the
    cells of its group (default: every cell of `signature`)."""
    free = _near(cell, constraints, signature, near, reach)
    if len(free) >= (len(signature) if size is None else size):
        return None  # the group is small: its own programs are as cheap
    inside = set(free)
    seen: set[int] = set()
    local = []
    for member in free:
        for i, _coefficient in signature[member]:
            if i in seen:
                continue
            seen.add(i)
            coefficients, low, high = constraints[i]
            fixed = sum(c * values[other] for other, c in coefficients.items() if other not in inside)
            kept = {other: c for other, c in coefficients.items() if other in inside}
            local.append((kept, low - fixed, high - fixed))
    # A lower ceiling only takes solutions away too (what the program reaches is still a solution), and it keeps
    # the program's big-M rows tight: with the table's ceiling (twice its grand total) HiGHS branched for long.
    low_ceiling = min(ceiling, max(values[member] for member in free) + LOCAL_ROOM)
    width = _Programs(free, values, local, low_ceiling, untold).width(cell)
    return width if width >= PROTECTION - 1e-6 else None


FREE = "free"  # the node of a network that the cells on one relation only lead to (it keeps no sum)


class _Network:
    """The hidden counts as flows of a network, where every relation is a line kept exactly (coefficients ±1,
    no mean) and every count is on at most two of them, signed so that it leaves one and enters the other
    (`suppression._balanced` signs them; every two-way table with totals can be): relations are nodes, counts
    edges (a count on one relation joins it to FREE). Whatever keeps every relation is then a circulation, and
    how far a count can move up is how much can flow back round from its head to its tail without it: a max
    flow, found by at most two augmenting paths (only widths under PROTECTION matter), each a search of the
    network.

    Two bounds, each one-sided, decide most counts the shortcuts before leave (`width`):
    - *relaxed*: an "x" may be anything from 0 (its gap 1–4 let in). Every solution of the integer program is
      a flow here, so a width under PROTECTION here proves the count weak;
    - *restricted*: an "x" stays on its own side (0 stays 0, 5 or more stays 5 or more). Every flow here
      is a solution of the integer program, so a width of PROTECTION here proves the count protected.
    A count neither decides goes on to the integer programs. `ok` is false where the relations are not such
    a network (a mean, a coefficient other than ±1, a count on three relations, signs that do not balance)."""

    def __init__(self, constraints: dict[int, tuple[dict[Cell, float], float, float]],
                 signature: dict[Cell, list[tuple[int, float]]], values: dict[Cell, int], untold: Set[Cell],
                 ceiling: float) -> None:
        self.values, self.untold, self.ceiling = values, untold, ceiling
        self.rooms: dict[bool, dict[Cell, tuple[int, int]]] = {True: {}, False: {}}  # `_room`, by restricted
        self.ok = False
        self.ends: dict[Cell, tuple[object, object]] = {}  # a count's (tail, head): it grows by flowing tail → head
        self.around: dict[object, list[tuple[Cell, object, int]]] = {}  # node: (count, other node, +1 along / −1)
        used = {i for terms in signature.values() for i, _coefficient in terms}
        for i in used:
            coefficients, low, high = constraints[i]
            if low != high or any(abs(c) != 1 for c in coefficients.values()):
                return
        if any(len(terms) > 2 for terms in signature.values()):
            return
        sign: dict[int, float] = {}  # s(p)·a = −s(q)·b for a count on p (coefficient a) and q (b)
        if not _balanced(signature, sign):
            return
        self.sign = sign
        for cell, terms in signature.items():
            self._edge(cell, terms)
        self.ok = True

    def _edge(self, cell: Cell, terms: list[tuple[int, float]]) -> None:
        if not terms:
            return
        if len(terms) == 1:
            (p, a), = terms
            ends: tuple[object, object] = (FREE, p) if self.sign.setdefault(p, 1.0) * a > 0 else (p, FREE)
        else:
            (p, a), (q, b) = terms
            ends = (q, p) if self.sign[p] * a > 0 else (p, q)
        self.ends[cell] = ends
        tail, head = ends
        self.around.setdefault(tail, []).append((cell, head, 1))
        self.around.setdefault(head, []).append((cell, tail, -1))

    def add(self, cell: Cell, terms: list[tuple[int, float]],
            constraints: dict[int, tuple[dict[Cell, float], float, float]]) -> bool:
        """Take in a count hidden since (the others' relations are the same, their sums aside, which a flow does
        not see); False where the network is to be made anew (its signs may have to change, or it is none)."""
        if not self.ok or len(terms) > 2:
            return False
        for i, _coefficient in terms:
            coefficients, low, high = constraints[i]
            if low != high or any(abs(c) != 1 for c in coefficients.values()):
                return False
        if len(terms) == 2:
            (p, a), (q, b) = terms
            if p in self.sign and q in self.sign:
                if self.sign[p] * a != -self.sign[q] * b:
                    return False
            elif p in self.sign:
                self.sign[q] = -self.sign[p] * a * b
            else:
                self.sign[p] = -self.sign.get(q, 1.0) * a * b
                self.sign.setdefault(q, 1.0)
        self._edge(cell, terms)
        return True

    def forget(self, cells: Iterable[Cell]) -> None:
        """These counts' marks changed (they became untold)."""
        for cell in cells:
            for rooms in self.rooms.values():
                rooms.pop(cell, None)

    def _room(self, cell: Cell, restricted: bool) -> tuple[int, int]:
        """How far the count may go up and down (each at most PROTECTION) within its mark, relaxed or restricted."""
        value = self.values[cell]
        top = min(PROTECTION, int(self.ceiling) - value)
        if cell in self.untold:
            return top, min(PROTECTION, value)
        if is_small(value):
            return min(PROTECTION, 4 - value), min(PROTECTION, value - 1)
        if not restricted:
            return top, min(PROTECTION, value)
        if value == 0:
            return 0, 0
        return top, min(PROTECTION, value - 5)

    def _flow(self, source: object, sink: object, without: Cell, most: int, restricted: bool) -> int:
        """How much (at most `most`) can flow from source to sink through the counts other than `without`."""
        moved: dict[Cell, int] = {}  # a count's change so far
        rooms = self.rooms[restricted]
        # The search starts from the end with fewer counts (a row rather than a long column): where no path is
        # left, a weak count's row is usually shut in, and the search ends there. From the sink it walks each
        # count against its flow (a count met at `node` flows from `other` into it: direction −along).
        back = len(self.around.get(sink, ())) < len(self.around.get(source, ()))
        start, goal, turn = (sink, source, -1) if back else (source, sink, 1)
        total = 0
        while total < most:
            came: dict[object, tuple[Cell, object, int]] = {start: (None, None, 0)}
            queue = [start]
            found = False
            for node in queue:
                for cell, other, along in self.around.get(node, ()):
                    if other in came or cell == without:
                        continue
                    room = rooms.get(cell)
                    if room is None:
                        room = rooms[cell] = self._room(cell, restricted)
                    change, along = moved.get(cell, 0), along * turn
                    if (room[0] - change if along > 0 else room[1] + change) <= 0:
                        continue
                    came[other] = (cell, node, along)
                    if other == goal:
                        found = True
                        break
                    queue.append(other)
                if found:
                    break
            if not found:
                return total
            node = goal
            while node != start:
                cell, previous, along = came[node]
                moved[cell] = moved.get(cell, 0) + along
                node = previous
            total += 1
        return total

    def _width(self, cell: Cell, restricted: bool) -> int:
        tail, head = self.ends[cell]
        up, down = self._room(cell, restricted)
        up = min(up, self._flow(head, tail, cell, up, restricted))
        if up >= PROTECTION:
            return up
        down = min(down, self._flow(tail, head, cell, min(down, PROTECTION - up), restricted))
        return up + down

    def width(self, cell: Cell) -> float | None:
        """PROTECTION or more when the restricted network moves the count that far (it is protected); the relaxed
        network's width when under PROTECTION (it is weak; a 0 only when it can move at all, see `_weak`);
        None when neither decides, or the count is in no relation."""
        if not self.ok or cell not in self.ends:
            return None
        least = self._width(cell, restricted=True)
        if least >= PROTECTION:
            return float(least)
        width = self._width(cell, restricted=False)
        # Under PROTECTION relaxed: weak, unless it is a 0 that cannot move (`_weak`): a relaxed width 0 says it
        # cannot, a restricted width above 0 that it can (its exact width lies between the two).
        if width < PROTECTION and (self.values[cell] != 0 or width == 0 or least > 0):
            return float(width)
        return None


def _ranges(group: list[Cell], values: dict[Cell, int], constraints, ceiling: float, untold: Set[Cell],
            cells: Iterable[Cell]) -> Iterator[tuple[Cell, float]]:
    """The width (most minus least) each of `cells` of one group can take, by integer programs, one by one."""
    programs = _Programs(group, values, constraints, ceiling, untold)
    for cell in cells:
        yield cell, programs.width(cell)


def _weak(values: dict[Cell, int], cell: Cell, width: float) -> bool:
    # A hidden 0 that can only be 0 gives no person away (and nothing more hidden would change that).
    return width < PROTECTION - 1e-6 and not (values[cell] == 0 and width < 1e-6)


def _widths(values: dict[Cell, int], lines: Sequence[Line], hidden: set[Cell], means: Sequence[Mean],
            untold: Set[Cell], skip: set[Cell], quick: bool = False) -> Iterator[tuple[Cell, float]]:
    """quick: cell by cell, a cell a trade shows protected (`_Trades`), or the restricted network
    (`_Network`), or a small program with the far counts held (`_local_width`), is yielded with that width (at
    least PROTECTION, not necessarily its whole width); a cell one of its relations alone (`_narrow`) or the
    relaxed network narrows under PROTECTION with that bound (it is weak); the others by the integer programs
    of their whole group (exact)."""
    counts = {cell for cell in hidden if cell in values}
    constraints = _constraints(values, lines, hidden, means)
    ceiling = 2.0 * sum(values.values()) + 10.0
    for group in _components(counts, constraints):
        todo = [cell for cell in group if cell not in skip]
        if not todo:
            continue
        if not quick:
            yield from _ranges(group, values, constraints, ceiling, untold, todo)
            continue
        # Cell by cell in the group's order, trades first and an integer program only for a cell without a
        # witness (made once per group, when first needed): a caller that stops at the first weak count
        # (`_first_weak`) pays for the cells before it, not for the whole group.
        trades = _Trades(group, values, constraints, ceiling, untold)
        programs: _Programs | None = None
        network: _Network | None = None
        for cell in todo:
            # Trades of two; else each relation alone (a bound under PROTECTION proves the cell weak, and then no
            # trade can widen it); else trades round rectangles; else the integer programs.
            width = trades.width(cell, rectangles=False)
            if width is None:
                bound = _narrow(cell, values, constraints, trades.signature, ceiling, untold)
                # A 0 the relations may leave at 0 alone is not weak (`_weak`): only its exact width says so.
                if bound is not None and bound < PROTECTION - 1e-6 and (values[cell] != 0 or bound < 1e-6):
                    width = bound
                else:
                    width = _by_rectangles(trades, cell)
            if width is None:
                network = network or _Network(dict(enumerate(constraints)), trades.signature, values, untold, ceiling)
                width = network.width(cell)
            if width is None:
                width = _local_width(cell, values, constraints, trades.signature, ceiling, untold)
            if width is None:
                width = _local_width(cell, values, constraints, trades.signature, ceiling, untold, near=WIDE,
                                     reach=WIDE_REACH)
            if width is None:
                programs = programs or _Programs(group, values, constraints, ceiling, untold)
                width = programs.width(cell)
            yield cell, width


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


class _Proof:
    """The relations among one table's hidden counts, kept between `_secure`'s rounds: a round hides one cell
    (or stops telling a few marks), so only the relations through it are taken anew, the cell joins its group
    and its class of trades, and the round proves the counts not yet proved, in the same order and with the
    same steps as `_widths` (quick). Rebuilt whole only when a published mean is hidden (its relation goes)."""

    def __init__(self, values: dict[Cell, int], lines: Sequence[Line], means: Sequence[Mean],
                 hidden: set[Cell], untold: set[Cell]) -> None:
        self.values, self.lines, self.means = values, lines, means
        self.ceiling = 2.0 * sum(values.values()) + 10.0
        self.through: dict[Cell, list[int]] = {}  # the relations (lines, then means) a cell may be weighed in
        for i, line in enumerate(lines):
            for cell in line.cells:
                self.through.setdefault(cell, []).append(i)
        for j, mean in enumerate(means):
            for cell, _weight in mean.parts:
                self.through.setdefault(cell, []).append(len(lines) + j)
        self.order: dict[Cell, str] = {}
        self._start(hidden, untold)

    def _start(self, hidden: set[Cell], untold: set[Cell]) -> None:
        self.hidden, self.untold = set(hidden), set(untold)
        self.means_hidden = frozenset(m.cell for m in self.means if m.cell in hidden)
        self.constraints: dict[int, tuple[dict[Cell, float], float, float]] = {}
        for i in range(len(self.lines) + len(self.means)):
            self._relation(i)
        self.signature: dict[Cell, list[tuple[int, float]]] = {cell: [] for cell in self._counts(self.hidden)}
        for i, (coefficients, _low, _high) in self.constraints.items():
            for cell, coefficient in coefficients.items():
                if coefficient:
                    self.signature[cell].append((i, coefficient))
        self.parent: dict[Cell, Cell] = {}
        self.least: dict[Cell, str] = {}  # per group's root: its first cell's repr (groups go in that order)
        self.size: dict[Cell, int] = {}
        for cell in self.signature:
            self.parent[cell], self.size[cell], self.least[cell] = cell, 1, self._repr(cell)
        for cell in self.signature:
            self._join(cell)
        self.network: _Network | None = None  # made when first needed, then kept: each count hidden joins it
        self.unproved = set(self.signature)  # the counts not yet in `widths`' skip: the only ones it looks at
        self.todo: list[Cell] | None = None  # `unproved` in `widths`' order, kept between rounds (None: sort anew)
        group = sorted(self.signature, key=self._repr)
        self.trades = _Trades(group, self.values, None, self.ceiling, self.untold, signature=self.signature)

    def _repr(self, cell: Cell) -> str:
        found = self.order.get(cell)
        if found is None:
            found = self.order[cell] = repr(cell)
        return found

    def _counts(self, cells: Iterable[Cell]) -> list[Cell]:
        return [cell for cell in cells if cell in self.values]

    def _relation(self, i: int) -> dict[Cell, float] | None:
        """Relation i among the hidden counts as `_constraints` writes it (None: it weighs none of them)."""
        self.constraints.pop(i, None)
        if i < len(self.lines):
            line = self.lines[i]
            coefficients: dict[Cell, float] = {}
            rest = 0.0
            for cell, sign in [*((c, 1.0) for c in line.parts), (line.total, -1.0)]:
                if cell in self.hidden:
                    coefficients[cell] = coefficients.get(cell, 0.0) + sign
                else:
                    rest += sign * self.values[cell]
            if coefficients:
                self.constraints[i] = (coefficients, -rest, -rest)
                return coefficients
            return None
        mean = self.means[i - len(self.lines)]
        if mean.cell not in self.hidden:
            weights, low, high = mean.weights(self.values, self.hidden)
            if weights:
                self.constraints[i] = (weights, low, high)
                return weights
        return None

    def _root(self, cell: Cell) -> Cell:
        parent = self.parent
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def _join(self, cell: Cell) -> None:
        """Put a hidden count into the group of every relation it is in."""
        self.parent.setdefault(cell, cell)
        if cell not in self.size:
            self.size[cell], self.least[cell] = 1, self._repr(cell)
        for i in self.through.get(cell, ()):
            if i not in self.constraints or cell not in self.constraints[i][0]:
                continue
            other = next((c for c in self.constraints[i][0] if c != cell), cell)  # the rest are one group already
            a, b = self._root(cell), self._root(other)
            if a != b:
                if self.size[a] < self.size[b]:
                    a, b = b, a
                self.parent[b] = a
                self.size[a] += self.size.pop(b)
                self.least[a] = min(self.least[a], self.least.pop(b))

    def update(self, hidden: set[Cell], untold: set[Cell]) -> None:
        """Follow `_secure`: the cells hidden and left untold since the last round."""
        added, told_less = hidden - self.hidden, untold - self.untold
        if any(m.cell in added for m in self.means) or len(added) > 1:
            self._start(hidden, untold)
            return
        if told_less:
            self.untold |= told_less
            self.trades.forget(told_less)
            if self.network is not None:
                self.network.forget(told_less)
        if not added:
            return
        self.hidden |= added
        cell = next(iter(added))
        touched = {i: self._relation(i) for i in self.through.get(cell, ())}
        if cell not in self.values:
            return  # a mean's own cell was hidden above; any other cell outside the counts weighs nothing
        self.signature[cell] = sorted((i, c[cell]) for i, c in touched.items() if c is not None and c.get(cell))
        # The groups it joins (each relation's other counts are one group already): the order of the counts
        # already there stays unless it joins two groups or comes first in its group.
        roots = {self._root(next(c for c in coefficients if c != cell))
                 for coefficients in touched.values() if coefficients and len(coefficients) > 1}
        self._join(cell)
        self.unproved.add(cell)
        if self.network is not None and not self.network.add(cell, self.signature[cell], self.constraints):
            self.network = None
        if self.todo is not None:
            if len(roots) > 1 or (roots and self._repr(cell) < self.least[self._root(cell)]):
                self.todo = None
            else:
                bisect.insort(self.todo, cell, key=self._key)
        self.trades.add(cell)
        self.trades.lines.refresh(touched)

    def _key(self, cell: Cell) -> tuple[str, str]:
        return self.least[self._root(cell)], self._repr(cell)

    def group_of(self, cell: Cell) -> list[Cell]:
        root = self._root(cell)
        return sorted((c for c in self.signature if self._root(c) == root), key=self._repr)

    def widths(self, skip: set[Cell]) -> Iterator[tuple[Cell, float]]:
        """The counts not in `skip`, group by group in `_components`' order, each proved as `_widths` (quick)."""
        self.unproved.difference_update([cell for cell in self.unproved if cell in skip])
        unproved = self.unproved
        if self.todo is None:
            self.todo = sorted(unproved, key=self._key)
        else:
            self.todo = [cell for cell in self.todo if cell in unproved]
        todo = list(self.todo)  # `update` may insert into self.todo while a caller still iterates
        values, constraints, trades, untold = self.values, self.constraints, self.trades, self.untold
        programs: dict[Cell, _Programs] = {}
        for cell in todo:
            width = trades.width(cell, rectangles=False)
            if width is None:
                bound = _narrow(cell, values, constraints, trades.signature, self.ceiling, untold)
                if bound is not None and bound < PROTECTION - 1e-6 and (values[cell] != 0 or bound < 1e-6):
                    width = bound
                else:
                    width = _by_rectangles(trades, cell)
            if width is None:
                if self.network is None:
                    self.network = _Network(constraints, trades.signature, values, untold, self.ceiling)
                width = self.network.width(cell)
            if width is None:
                width = _local_width(cell, values, constraints, trades.signature, self.ceiling, untold,
                                     size=self.size[self._root(cell)])
            if width is None:
                width = _local_width(cell, values, constraints, trades.signature, self.ceiling, untold,
                                     size=self.size[self._root(cell)], near=WIDE, reach=WIDE_REACH)
            if width is None:
                root = self._root(cell)
                if root not in programs:
                    programs[root] = _Programs(self.group_of(cell), values, list(constraints.values()),
                                               self.ceiling, untold)
                width = programs[root].width(cell)
            yield cell, width


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
    proof = _Proof(values, lines, means, hidden, untold)
    while True:
        proof.update(hidden, untold)
        target = None
        for cell, width in proof.widths(safe):
            if _weak(values, cell, width):
                target = cell
                break
            safe.add(cell)
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
