"""Matching's domain engine: scoring, explanations, suggestions, team building, fairness.

Plain Python with numpy and scipy; no Flask, SQLAlchemy or pika.
"""
from services.matching.domain.decline import Decline, DeclineMemory
from services.matching.domain.engine import ListChange, MatchingEngine
from services.matching.domain.explanation import (
    ConstraintNote,
    Explanation,
    LearningGap,
    ScoreParts,
    SkillMatch,
    Suggestion,
)
from services.matching.domain.fairness import FairnessReport, GroupCounts, fairness_report
from services.matching.domain.model import CompetenceNeed, Period, Profile, RequiredSkill, profile_from_record
from services.matching.domain.quality import Decision, QualityReport, evaluate, ndcg_at_k, precision_at_k
from services.matching.domain.relations import RelationCredits, SkillGraph
from services.matching.domain.scoring import PairScorer, ScoringWeights
from services.matching.domain.team import (
    Shortfall,
    TeamAnswer,
    TeamCandidate,
    TeamEnvironment,
    TeamPlan,
    TeamRole,
    build_teams,
    team_fit,
    team_for,
)

__all__ = [
    "CompetenceNeed", "ConstraintNote", "Decision", "Decline", "DeclineMemory", "Explanation",
    "FairnessReport", "GroupCounts", "LearningGap", "ListChange", "MatchingEngine", "PairScorer", "Period",
    "Profile", "QualityReport", "RelationCredits", "RequiredSkill", "ScoreParts", "ScoringWeights", "Shortfall",
    "SkillGraph", "SkillMatch", "Suggestion", "TeamAnswer", "TeamCandidate", "TeamEnvironment", "TeamPlan", "TeamRole",
    "build_teams", "evaluate", "fairness_report", "ndcg_at_k", "precision_at_k", "profile_from_record",
    "team_fit", "team_for",
]
