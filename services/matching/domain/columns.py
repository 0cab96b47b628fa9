"""Profiles' skills stored by skill and by skill group, for gathering one need's candidates."""
from __future__ import annotations

import numpy as np

from services.matching.domain.relations import SkillRelations
from services.matching.domain.scoring import LEVEL_CREDIT


def spans(ptr: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of all entries of the given compressed columns, and each column's length."""
    starts = ptr[cols]
    lengths = ptr[cols + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64), lengths
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return shift + np.arange(total), lengths


class SkillColumns:
    """Compressed columns: skill -> (profile rows, levels); group -> (rows, best level in group)."""

    def __init__(self, rows: np.ndarray, skills: np.ndarray, levels: np.ndarray,
                 relations: SkillRelations) -> None:
        order = _stable_order(skills, relations.n_skills)
        self.ptr = np.searchsorted(skills[order], np.arange(relations.n_skills + 1)).astype(np.int64)
        self.rows, self.levels = rows[order], levels[order]
        pos, lengths = spans(relations.group_ptr, skills)
        groups = relations.group_of[pos]
        g_rows, g_levels = np.repeat(rows, lengths), np.repeat(levels, lengths)
        order = _stable_order(groups, relations.n_groups)  # rows stay ascending within a group
        groups, g_rows, g_levels = groups[order], g_rows[order], g_levels[order]
        starts = np.flatnonzero(np.r_[True, (groups[1:] != groups[:-1]) | (g_rows[1:] != g_rows[:-1])]) \
            if len(groups) else np.zeros(0, np.int64)
        self.group_ptr = np.searchsorted(groups[starts], np.arange(relations.n_groups + 1)).astype(np.int64)
        self.group_rows = g_rows[starts]
        self.group_levels = np.maximum.reduceat(g_levels, starts) if len(starts) else g_levels[:0]

    def reach(self, plan: tuple[np.ndarray, ...]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(rows, entry positions, plan column) of every entry a need's plan touches, per part."""
        out = []
        for ptr, rows, cols in ((self.ptr, self.rows, plan[0]), (self.group_ptr, self.group_rows, plan[4])):
            pos, lengths = spans(ptr, cols)
            out.append((rows[pos], pos, np.repeat(np.arange(len(cols)), lengths)))
        return out

    def credits(self, plan: tuple[np.ndarray, ...], reached: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
                keep: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(requirement, row, credit) of the reached entries whose row is kept."""
        out = []
        for levels, (_, credit, req, level), (rows, pos, col) in zip(
                (self.levels, self.group_levels), (plan[:4], plan[4:]), reached):
            mask = keep[rows]
            rows, pos, col = rows[mask], pos[mask], col[mask]
            value = credit[col] * _LEVEL_CREDIT_FLAT[levels[pos] * _LEVELS + level[col]]
            out.append((req[col], rows, value))
        return tuple(np.concatenate(parts) for parts in zip(*out))  # type: ignore[return-value]


def _stable_order(keys: np.ndarray, bound: int) -> np.ndarray:
    """Stable argsort of small non-negative keys (radix sort on narrow integers)."""
    narrow = np.int16 if bound < 2**15 else np.int32
    return np.argsort(keys.astype(narrow), kind="stable")


_LEVELS = LEVEL_CREDIT.shape[1]
_LEVEL_CREDIT_FLAT = LEVEL_CREDIT.ravel()
