"""A sampled, time-bounded mutation run of the privacy modules (issue 22), part of `make test`.

`make mutation` runs every mutant of every listed module; this draws a fixed, seeded sample of the
mutants of the modules marked `privacy` in pyproject's [tool.kampus.mutation] and fails when a module's
score falls below its threshold. The sample is the same on every run (seeded), so the result does not
depend on chance; the budget only bounds the time: mutants left unrun when it ends are not counted, and
too few run fails with a message rather than passing quietly.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = int(os.environ.get("MUTATION_SAMPLE", "12"))
BUDGET = float(os.environ.get("MUTATION_BUDGET", "540"))

pytestmark = pytest.mark.slow


def test_a_sample_of_the_privacy_modules_mutants_is_killed(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import mutation
    finally:
        sys.path.remove(str(ROOT / "tools"))
    _table, modules = mutation.settings(ROOT)
    privacy = [m for m in modules if m.privacy]
    assert privacy, "pyproject lists the privacy modules"
    results = mutation.run_all(privacy, workdir=tmp_path, sample=SAMPLE, seed=22, budget=BUDGET,
                               known=mutation.equivalents())
    report = "\n".join(mutation.report(r) for r in results)
    for result in results:
        checked = len(result.killed) + len(result.survivors) + len(result.equivalent)
        assert checked >= len(result.mutants) // 2, f"too few mutants run within {BUDGET:.0f} s:\n{report}"
        assert result.ok, f"{result.module.name} below its target:\n{report}"
