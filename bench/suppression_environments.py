"""The cold proof of the jobs-by-environment table, the proof before a commit and now, in one process.

    python bench/suppression_environments.py --before 107c39b --sizes 100,300,1250 --seed 7

The table is the environment view's (issue 15, item 11): one row per environment, five work forms and a
total row and column, counts drawn as the synthetic history gives them (Poisson, mean 2.2 part-time, short
and fixed-term, 0.6 full-time, none unspecified). Each size is suppressed (`suppress`) and then proved
(`_secure`, nothing kept) by `domain/bounds.py` as it was at `--before` (read with `git show`) and as it is in
this tree, in turn; the script prints the times, the hidden and untold counts and whether the two proofs hid
and left untold the same cells. `--only new` skips the old proof (it is quadratic: minutes at 1,250).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from services.reporting.domain import bounds  # noqa: E402
from services.reporting.domain.suppression import Cell, Line, grid_lines, suppress  # noqa: E402

FORMS = ("part_time", "short", "fixed_term", "full_time", "unspecified")
MEANS = (2.2, 2.2, 2.2, 0.6, 0.0)


def table(environments: int, seed: int) -> tuple[dict[Cell, int], list[Line]]:
    rng = np.random.default_rng(seed)
    rows = [f"env-{i:04d}" for i in range(environments)]
    values: dict[Cell, int] = {}
    for row in rows:
        for form, mean in zip(FORMS, MEANS):
            values[(row, form)] = int(rng.poisson(mean)) if mean else 0
        values[(row, "total")] = sum(values[(row, form)] for form in FORMS)
    for column in (*FORMS, "total"):
        values[("total", column)] = sum(values[(row, column)] for row in rows)
    return values, grid_lines(rows, list(FORMS), "total", "total")


def module_at(ref: str) -> ModuleType:
    """domain/bounds.py as it was at `ref`, loaded as a module of its own."""
    source = subprocess.run(["git", "show", f"{ref}:services/reporting/domain/bounds.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "bounds_before.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("bounds_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bounds_before"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def proved(module: ModuleType, values: dict[Cell, int], lines: list[Line]) -> tuple[float, bounds.Secured]:
    started = time.perf_counter()
    secured = module._secure(values, list(lines), suppress(values, lines), ())
    return time.perf_counter() - started, secured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default="HEAD", help="the commit whose domain/bounds.py is the 'before'")
    parser.add_argument("--sizes", default="100,300,1250", help="environments per table, comma separated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=("old", "new"), help="prove with one module only")
    args = parser.parse_args()
    modules = {"old": module_at(args.before), "new": bounds}
    if args.only:
        modules = {args.only: modules[args.only]}
    warm_values, warm_lines = table(20, 1)
    for module in modules.values():  # imports and the solver's first call out of the figures
        proved(module, warm_values, warm_lines)
    print(f"load average {os.getloadavg()[0]:.1f}, before = {args.before}", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        values, lines = table(size, args.seed)
        found = {}
        for name, module in modules.items():
            took, secured = proved(module, values, lines)
            found[name] = secured
            print(f"{size} environments, seed {args.seed}, {name}: {took:.2f} s, hidden {len(secured.hidden)}, "
                  f"untold {len(secured.untold)}, load {os.getloadavg()[0]:.1f}", flush=True)
        if len(found) == 2:
            print(f"  same hidden: {found['old'].hidden == found['new'].hidden}, "
                  f"same untold: {found['old'].untold == found['new'].untold}", flush=True)


if __name__ == "__main__":
    main()
