"""Quality of suggestions measured from managers' decisions: precision@k and NDCG@10."""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """A manager accepted or declined one suggested pair."""

    need_id: str
    profile_id: str
    accepted: bool


@dataclass(frozen=True)
class QualityReport:
    """Mean precision@k and NDCG@10 over the needs that had decisions."""

    k: int
    precision_at_k: float
    ndcg_at_10: float
    needs: int  # needs with decisions
    needs_with_acceptances: int  # those NDCG is averaged over


def precision_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """Share of relevant items among the first k (or fewer, if fewer were ranked)."""
    top = ranked[:k]
    return sum(1 for item in top if item in relevant) / len(top) if top else 0.0


def ndcg_at_k(ranked: Sequence[str], gains: Mapping[str, float], k: int = 10) -> float:
    """Normalised discounted cumulative gain of the first k items."""
    dcg = sum(gains.get(item, 0.0) / math.log2(i + 2) for i, item in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def evaluate(decisions: Iterable[Decision], order: Callable[[str, Sequence[str]], Sequence[str]],
             k: int = 5) -> QualityReport:
    """Replay decisions: rank each need's decided profiles with `order` and score the ranking."""
    by_need: dict[str, dict[str, bool]] = {}
    for d in decisions:
        by_need.setdefault(d.need_id, {})[d.profile_id] = d.accepted
    precisions, ndcgs = [], []
    for need_id, decided in sorted(by_need.items()):
        ranked = list(order(need_id, sorted(decided)))
        accepted = {p for p, ok in decided.items() if ok}
        precisions.append(precision_at_k(ranked, accepted, k))
        if accepted:
            ndcgs.append(ndcg_at_k(ranked, {p: 1.0 for p in accepted}, 10))
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return QualityReport(k, mean(precisions), mean(ndcgs), len(by_need), len(ndcgs))
