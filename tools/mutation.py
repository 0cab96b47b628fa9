"""Mutation testing of the modules that guard privacy and data (issue 22), with mutmut.

The modules, their unit tests and their targets are listed in ONE place: the `[tool.kampus.mutation]`
table of pyproject.toml. Survivors that change nothing observable are listed, with a reason, in
tools/mutation_equivalent.toml (keyed by the function and the changed lines, not by mutmut's numbering).

    python tools/mutation.py                 # every module: scores, survivors, docs/quality.md
    python tools/mutation.py suppression     # some modules only (docs/quality.md is not written)
    python tools/mutation.py --privacy --sample 12 --budget 540    # the bounded run (tests/mutation/)
    python tools/mutation.py --report        # docs/quality.md from the latest full run of each module

Each module is mutated in a work directory of its own (var/mutation/<name>/), with only its own
tests selected, so runs of different modules never share mutmut's state. The exit status is 1 when
a module misses its target: its score (killed / non-equivalent mutants) below `threshold`, or any
non-equivalent survivor in a module marked `strict`.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT_FILE = ROOT / "tools" / "mutation_equivalent.toml"
# What the tests of a module need beside it in the work directory (mutmut copies them into mutants/).
COPIED = ("shared", "services", "tests")
KILLED = {1, 3}
RESERVE = 45.0
NOT_RUN = {None, 2}


@dataclass
class Module:
    name: str
    path: str
    tests: list[str]
    threshold: float
    strict: bool
    privacy: bool
    sample_tests: list[str] = field(default_factory=list)  # a quicker selection for sampled runs
    note: str = ""  # why this module, when its name does not say


@dataclass
class Mutant:
    name: str
    status: str
    diff: str
    function: str = ""
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    reason: str | None = None  # set when listed as equivalent


@dataclass
class Result:
    module: Module
    mutants: list[Mutant]
    seconds: float
    sampled: bool = False

    @property
    def killed(self) -> list[Mutant]:
        return [m for m in self.mutants if m.status in ("killed", "timeout")]

    @property
    def equivalent(self) -> list[Mutant]:
        return [m for m in self.mutants if m.status not in ("killed", "timeout") and m.reason]

    @property
    def survivors(self) -> list[Mutant]:
        return [m for m in self.mutants if m.status not in ("killed", "timeout", "not checked") and not m.reason]

    @property
    def counted(self) -> int:
        return len(self.killed) + len(self.survivors)

    @property
    def score(self) -> float:
        return 100.0 * len(self.killed) / self.counted if self.counted else 100.0

    @property
    def ok(self) -> bool:
        return self.score >= self.module.threshold and not (self.module.strict and self.survivors)


def settings(root: Path = ROOT) -> tuple[dict, list[Module]]:
    """The `[tool.kampus.mutation]` table: defaults and the listed modules."""
    table = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["kampus"]["mutation"]
    modules = [Module(name=name, path=spec["path"], tests=list(spec["tests"]),
                      threshold=float(spec.get("threshold", table.get("threshold", 90))),
                      strict=bool(spec.get("strict", False)), privacy=bool(spec.get("privacy", False)),
                      sample_tests=list(spec.get("sample_tests", spec["tests"])), note=spec.get("note", ""))
               for name, spec in table["modules"].items()]
    return table, modules


def equivalents(path: Path = EQUIVALENT_FILE) -> list[dict]:
    if not path.exists():
        return []
    return tomllib.loads(path.read_text()).get("equivalent", [])


def _toml(value) -> str:
    return json.dumps(value)  # a JSON string, number, boolean or list of strings is TOML too


def prepare(module: Module, workdir: Path, root: Path = ROOT, sampled: bool = False) -> None:
    """A fresh work directory: the sources and tests, and a pyproject whose [tool.mutmut] names this module."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    for name in COPIED:
        shutil.copytree(root / name, workdir / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.sqlite3"))
    text = (root / "pyproject.toml").read_text()
    text += "\n[tool.mutmut]\n" + "\n".join([
        f"source_paths = {_toml([module.path])}",
        f"also_copy = {_toml(list(COPIED))}",
        f"pytest_add_cli_args = {_toml(['-p', 'no:cacheprovider', '-p', 'no:randomly', '-q'])}",
        f"pytest_add_cli_args_test_selection = {_toml(module.sample_tests if sampled else module.tests)}",
        "use_git_change_detection = false",
        "track_dependencies = false",
        "timeout_multiplier = 2.0",
        "timeout_constant = 3.0",
    ]) + "\n"
    (workdir / "pyproject.toml").write_text(text)


def _mutmut(workdir: Path, args: list[str], timeout: float | None, log) -> int | None:
    """Runs `mutmut` in the work directory; None when it did not finish within `timeout` seconds."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    # Generated (Hypothesis) tables: fewer per mutant than in the suite (tests/unit/mutation_targets).
    env.setdefault("PROPERTY_EXAMPLES", "20")
    env.pop("PYTHONPATH", None)
    command = [sys.executable, "-m", "mutmut", *args]
    process = subprocess.Popen(command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
        return None


def _in_workdir(workdir: Path):
    """mutmut reads its configuration and state from the current directory."""
    from mutmut import configuration

    os.chdir(workdir)
    configuration.reset_config()


def mutant_names(module: Module, workdir: Path) -> list[str]:
    """Every mutant of the module (generating them when needed), in mutmut's order."""
    meta = workdir / "mutants" / (module.path + ".meta")
    if not meta.exists():
        cwd = os.getcwd()
        try:
            _in_workdir(workdir)
            from mutmut.__main__ import copy_also_copy_files, copy_src_dir, create_mutants
            from mutmut.mutation.data import SourceFileMutationData

            Path("mutants").mkdir(exist_ok=True)
            with contextlib.redirect_stdout(io.StringIO()):
                copy_src_dir()
                copy_also_copy_files()
                create_mutants(1)
            data = SourceFileMutationData(path=Path(module.path))
            data.load()
            return list(data.exit_code_by_key)
        finally:
            os.chdir(cwd)
    return list(json.loads(meta.read_text())["exit_code_by_key"])


def collect(module: Module, workdir: Path, only: set[str] | None, known: list[dict]) -> list[Mutant]:
    """The mutants' results and diffs, with the equivalent ones marked from `known`."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    cwd = os.getcwd()
    try:
        _in_workdir(workdir)
        meta = json.loads((Path("mutants") / (module.path + ".meta")).read_text())
        mutants = []
        for name, code in meta["exit_code_by_key"].items():
            if only is not None and name not in only:
                continue
            status = status_by_exit_code[code]
            if status == "killed" or code in NOT_RUN:
                mutants.append(Mutant(name, "killed" if status == "killed" else "not checked", ""))
                continue
            diff = get_diff_for_mutant(name, path=module.path)
            mutant = Mutant(name, status, diff, *_changed(name, diff))
            mutant.reason = _reason(module, mutant, known)
            mutants.append(mutant)
        return mutants
    finally:
        os.chdir(cwd)


def _changed(name: str, diff: str) -> tuple[str, list[str], list[str]]:
    function = name.rsplit(".", 1)[-1].split("__mutmut_")[0]
    function = function.replace("xǁ", "").replace("ǁ", ".")
    if function.startswith("x_"):
        function = function[2:]
    lines = diff.splitlines()[2:]
    before = [line[1:].strip() for line in lines if line.startswith("-")]
    after = [line[1:].strip() for line in lines if line.startswith("+")]
    return function, before, after


def run_module(module: Module, workdir: Path, *, sample: int | None, seed: int, budget: float | None,
               known: list[dict], log) -> Result:
    started = time.monotonic()
    prepare(module, workdir, sampled=sample is not None)
    only = None
    args = ["run", "--max-children", str(max(1, int(os.environ.get("MUTATION_JOBS", "2"))))]
    if sample is not None:
        names = mutant_names(module, workdir)
        only = set(random.Random(f"{seed}:{module.name}").sample(names, min(sample, len(names))))
        args += sorted(only)
    code = _mutmut(workdir, args, budget, log)
    if code not in (0, None):
        raise RuntimeError(f"mutmut failed on {module.name} (exit {code}); see {workdir / 'mutmut.log'}")
    mutants = collect(module, workdir, only, known)
    return Result(module, mutants, time.monotonic() - started, sampled=sample is not None)


def run_all(modules: list[Module], *, workdir: Path, sample: int | None, seed: int, budget: float | None,
            known: list[dict], echo: bool = False) -> list[Result]:
    """Each module in turn, within `budget` seconds in all: a module may use what is left but RESERVE seconds
    for each module after it."""
    started = time.monotonic()
    results = []
    for i, module in enumerate(modules):
        left = None
        if budget is not None:
            left = max(RESERVE, budget - (time.monotonic() - started) - RESERVE * (len(modules) - i - 1))
        with open(_log_path(workdir / module.name), "w") as log:
            result = run_module(module, workdir / module.name, sample=sample, seed=seed, budget=left, known=known,
                                log=log)
        results.append(result)
        if echo:
            print(report(result), flush=True)
    return results


def save(result: Result, workdir: Path) -> None:
    """The result of a full run of a module, for docs/quality.md when other modules run later."""
    data = {"path": result.module.path, "seconds": result.seconds,
            "mutants": [dict(name=m.name, status=m.status, diff=m.diff) for m in result.mutants]}
    (workdir / f"{result.module.name}.json").write_text(json.dumps(data, indent=1))


def load(module: Module, workdir: Path) -> Result | None:
    """The saved full run of a module, its equivalents marked anew; None if none or of another path."""
    path = workdir / f"{module.name}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    if data["path"] != module.path:
        return None
    known = equivalents()
    mutants = []
    for m in data["mutants"]:
        mutant = Mutant(m["name"], m["status"], m["diff"], *_changed(m["name"], m["diff"]))
        mutant.reason = _reason(module, mutant, known)
        mutants.append(mutant)
    return Result(module, mutants, data["seconds"])


def _reason(module: Module, mutant: Mutant, known: list[dict]) -> str | None:
    if mutant.status in ("killed", "timeout", "not checked"):
        return None
    for entry in known:
        if (entry["module"] == module.name and entry["function"] == mutant.function
                and entry["before"] == mutant.before and entry["after"] == mutant.after):
            return entry["reason"]
    return None


def report(result: Result) -> str:
    m = result.module
    lines = [f"{m.name:<16} {m.path:<52} {len(result.mutants):>4} mutants  {len(result.killed):>4} killed  "
             f"{len(result.equivalent):>3} equivalent  {len(result.survivors):>3} survived  "
             f"{result.score:5.1f} %  {'ok' if result.ok else 'BELOW TARGET'}  ({result.seconds:.0f} s"
             + (f", {unrun} not run in time)" if (unrun := sum(m.status == "not checked" for m in result.mutants))
                else ")")]
    for mutant in result.survivors:
        lines.append(f"  survived: {mutant.name} ({mutant.status})")
        lines.extend("    " + line for line in mutant.diff.splitlines()[2:] if line[:1] in "-+")
    return "\n".join(lines)


HARMFUL = [
    "- Suppression without its second stage (the exposure test): "
    "`tests/unit/mutation_targets/test_suppression_second_stage.py::"
    "test_a_cell_joining_two_blocks_of_small_counts_is_protected_by_the_second_stage` (the 5×5 table) and "
    "`::test_tables_that_need_the_second_stage_are_protected` (Hypothesis generates such tables).",
    "- Survival sampling with `1 < events` for `0 < events`: `tests/unit/mutation_targets/test_survival_limits.py::"
    "test_exactly_one_transition_so_far_is_disclosive_and_exactly_five_is_not`; an event on a sampled day, exactly 5 "
    "and exactly 1 at risk and a day-0 transition: `::test_an_event_on_a_sampled_day_is_in_the_value_of_that_day`, "
    "`::test_exactly_five_at_risk_is_shown_and_four_is_not`, `::test_exactly_one_at_risk`, "
    "`::test_a_transition_on_day_0_is_a_step_of_the_curve`.",
    "- The inbox without the flush after a handler: `tests/unit/mutation_targets/test_inbox_sqlite.py::"
    "test_events_a_handler_emits_are_written_to_the_outbox_in_the_same_transaction`; a duplicate from an earlier "
    "batch on SQLite: `::test_a_duplicate_from_an_earlier_batch_is_skipped`.",
    "- `explain()` with `any` for `all` over the hard constraints: `tests/unit/mutation_targets/"
    "test_scoring_properties.py::test_one_failing_hard_constraint_makes_a_fitting_pair_ineligible` and "
    "`::test_a_pair_is_eligible_exactly_when_every_hard_constraint_holds_and_a_skill_fits`.",
    "- Found on the way by the property test of suppression with means: a distribution's mean published beside "
    "its n gave hidden counts away (two hidden counts of a row are two unknowns of two equations). "
    "services/reporting/domain/tables.py now hides such a mean (`mean_gives_away`); "
    "`::test_no_hidden_count_of_a_distribution_can_be_worked_out_from_its_n_and_mean`.",
]


def quality_md(results: list[Result]) -> str:
    out = ["# Quality: mutation testing of the modules that guard privacy and data", "",
           "Written by `make mutation` (tools/mutation.py, mutmut); do not edit by hand. The modules, their",
           "tests and targets are listed in pyproject.toml's `[tool.kampus.mutation]`; equivalent mutants in",
           "tools/mutation_equivalent.toml. A mutant is one small change of the code (an operator, a constant,",
           "a string, an argument, a removed call); it is *killed* when one of the module's unit tests fails.",
           "The score counts killed mutants among the non-equivalent ones. mutmut mutates code inside",
           "functions and methods only (not module-level constants). Generated (Hypothesis) suppression tables",
           "run 20 examples per mutant (PROPERTY_EXAMPLES), the suite 60.", "",
           "| module | path | mutants | killed | equivalent | survived | score | target |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    missing = [r for r in results if isinstance(r, Module)]
    results = [r for r in results if not isinstance(r, Module)]
    for r in results:
        target = f"≥ {r.module.threshold:g} %" + (", no survivor" if r.module.strict else "")
        out.append(f"| {r.module.name} | `{r.module.path}` | {len(r.mutants)} | {len(r.killed)} | "
                   f"{len(r.equivalent)} | {len(r.survivors)} | {r.score:.1f} % | {target} |")
    for m in missing:
        out.append(f"| {m.name} | `{m.path}` | not run yet | | | | | |")
    notes = [m for m in [r.module for r in results] + missing if m.note]
    if notes:
        out += [""] + [f"- **{m.name}**: {m.note}" for m in notes]
    out += ["", "## The harmful mutants of issue 22 and the tests that kill them", "", *HARMFUL]
    out += ["", "## Surviving mutants", ""]
    survivors = [(r, m) for r in results for m in r.survivors]
    if not survivors:
        out.append("None.")
    for r, m in survivors:
        out += [f"### {r.module.name}: `{m.function}` ({m.status})", "", "```diff", *m.diff.splitlines()[2:], "```",
                ""]
    out += ["", "## Equivalent mutants", "",
            "Changes that nothing observable can tell apart from the original, each with the reason.", ""]
    for r in results:
        for m in r.equivalent:
            change = "; ".join(f"`{b}` → `{a}`" for b, a in zip(m.before, m.after)) or "; ".join(
                f"`{b}` removed" for b in m.before)
            out.append(f"- **{r.module.name}** `{m.function}`: {change}. {m.reason}")
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="names from [tool.kampus.mutation.modules] (default: all)")
    parser.add_argument("--privacy", action="store_true", help="only the modules marked privacy")
    parser.add_argument("--sample", type=int, help="mutants drawn at random per module (seeded)")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--budget", type=float, help="seconds for the whole run; unfinished mutants are not counted")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "mutation")
    parser.add_argument("--write", type=Path, help="write the results as Markdown (default: docs/quality.md "
                                                   "when every module ran in full)")
    parser.add_argument("--report", action="store_true",
                        help="run nothing: write docs/quality.md from the latest full run of each module")
    args = parser.parse_args(argv)
    _table, modules = settings()
    if args.report:
        results = [load(m, args.workdir) or m for m in modules]
        write = args.write or ROOT / "docs" / "quality.md"
        write.write_text(quality_md(results))
        for r in results:
            print(report(r) if isinstance(r, Result) else f"{r.name:<16} not run yet")
        return 0 if all(isinstance(r, Result) and r.ok for r in results) else 1
    if args.modules:
        unknown = set(args.modules) - {m.name for m in modules}
        if unknown:
            parser.error(f"unknown modules: {sorted(unknown)}")
        modules = [m for m in modules if m.name in args.modules]
    if args.privacy:
        modules = [m for m in modules if m.privacy]
    results = run_all(modules, workdir=args.workdir, sample=args.sample, seed=args.seed, budget=args.budget,
                      known=equivalents(), echo=True)
    write = args.write or (ROOT / "docs" / "quality.md" if args.sample is None else None)
    if args.sample is None:
        for result in results:
            save(result, args.workdir)
    if write:
        # Every listed module, with the latest full run of those not run now.
        _table, listed = settings()
        fresh = {r.module.name: r for r in results}
        write.write_text(quality_md([fresh.get(m.name) or load(m, args.workdir) or m for m in listed]))
        print(f"wrote {write.relative_to(ROOT) if write.is_relative_to(ROOT) else write}")
    return 0 if all(r.ok for r in results) else 1


def _log_path(workdir: Path) -> Path:
    workdir.parent.mkdir(parents=True, exist_ok=True)
    return workdir.parent / f"{workdir.name}.log"


if __name__ == "__main__":
    sys.exit(main())
