"""`kampus matching ...`: rebuild suggestions, measure their quality, send the digest, report fairness, remind
partners of introductions without feedback."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from shared.audit.operations import logged
from shared.config import Config


@contextmanager
def _runtime() -> Iterator:
    """Matching's runtime from the environment, migrated, closed when the command is done."""
    from services.matching import SERVICE

    runtime = SERVICE.runtime(Config.from_env("matching"))
    try:
        runtime.migrate()
        yield runtime
    finally:
        runtime.close()


@click.group()
def cli() -> None:
    """Matching: suggestions, their quality, the digest and fairness monitoring."""


@cli.command()
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="processes that rank the targets (forked)")
@logged("suggestions", service="matching", purpose="matching")
def rebuild(workers: int) -> None:
    """Reload the engine from the read models and bring every suggestion in line (new ones are sent).

    It also takes a new rarity snapshot: run it e.g. nightly in a large network.
    """
    from services.matching.handlers.maintenance import rebuild as run

    with _runtime() as runtime:
        result = run(runtime, workers)
    click.echo(f"profiles {result['profiles']}, targets {result['targets']}, suggestions made {result['made']}")


@cli.command()
@click.option("--k", default=5, show_default=True, type=click.IntRange(1, 100), help="k of precision@k")
@click.option("--esco", is_flag=True, help="an offline benchmark built from ESCO's occupation-skill relations "
                                          "instead (no database): the engine against two baselines")
@click.option("--seed", default=2, show_default=True, type=int,
              help="seed of the --esco benchmark (the weights were tuned on seed 1)")
@click.option("--free-text", "free_text", is_flag=True,
              help="recall@5 of free-text skill suggestions per language, on ESCO alternative labels held out "
                   "of the index and on hand-written phrases (no database)")
def evaluate(k: int, esco: bool, seed: int, free_text: bool) -> None:
    """Replay accepted and declined decisions: precision@k and NDCG@10 of today's ranking.

    With --free-text: recall@5 of the free-text skill suggestions in fi, sv and en (300 held-out
    alternative labels per language drawn with --seed, the hand-written phrases, and 200 preferred
    labels per language inflected and reordered with simplemma's forms, drawn with --seed).

    With --esco: NDCG@10 and P@10 of the engine, Jaccard and an idf-weighted scorer with sibling
    credit on a seeded benchmark of persons and needs drawn from ESCO occupations.
    """
    if esco:
        _evaluate_esco(seed)
        return
    if free_text:
        _evaluate_free_text(seed)
        return
    from services.matching.handlers.maintenance import quality

    with _runtime() as runtime:
        report = quality(runtime, k)
    click.echo(f"needs with decisions      {report.needs}")
    click.echo(f"needs with acceptances    {report.needs_with_acceptances}")
    click.echo(f"precision@{report.k:<16}{report.precision_at_k:.3f}")
    click.echo(f"NDCG@10                   {report.ndcg_at_10:.3f}")


def _evaluate_esco(seed: int) -> None:
    from services.matching.domain import evaluation
    from shared.reference import esco

    taxonomy = esco.load_taxonomy()
    bench = evaluation.build(taxonomy, evaluation.esco_occupations(), seed)
    click.echo(f"seed {seed}: {len(bench.persons)} persons of {len(set(bench.person_occupation.tolist()))} "
               f"occupations, {len(bench.needs)} needs")
    click.echo(evaluation.table(evaluation.evaluate(taxonomy, bench)))


def _evaluate_free_text(seed: int) -> None:
    from services.matching.domain import free_text_evaluation as evaluation

    held_out = [evaluation.held_out_recall(lang, seed=seed) for lang in evaluation.LANGS]
    phrases = [evaluation.phrase_recall(lang) for lang in evaluation.LANGS]
    variants = [evaluation.variant_recall(lang, n=200, seed=seed) for lang in evaluation.LANGS]
    click.echo(f"free-text suggestions, recall@5; held-out alternative labels and inflected labels drawn "
               f"with seed {seed}")
    click.echo(evaluation.table(held_out, phrases, variants))
    click.echo("hand-written phrases by group (first 14 written while tuning; other 27 held out; development set)")
    for lang in evaluation.LANGS:
        groups = [f"{name} {r.hits}/{r.queries}" for name, r in evaluation.phrase_groups(lang).items() if r.queries]
        click.echo(f"{lang:<5} " + "   ".join(groups))


@cli.command()
@logged("suggestions", service="matching", purpose="matching")
def digest() -> None:
    """Send the daily e-mail digest of new suggestions to the managers who asked for it (SMTP_* settings)."""
    from services.matching.config import MatchingSettings
    from services.matching.handlers.digest import send

    with _runtime() as runtime:
        sent = send(runtime, MatchingSettings.from_config(runtime.config))
    for username, count in sent:
        click.echo(f"{username}: {count} suggestions")
    click.echo(f"{len(sent)} digests sent")


@cli.command("remind-feedback")
@click.option("--days", default=None, type=click.IntRange(1, 365),
              help="days after an introduction (default: FEEDBACK_REMINDER_DAYS, 14)")
def remind_feedback(days: int | None) -> None:
    """Store a reminder for each partner whose introduction has had no feedback for `days` (run daily)."""
    from services.matching.config import MatchingSettings
    from services.matching.handlers.dialogue import remind

    with _runtime() as runtime, runtime.work() as work:
        made = remind(work, days or MatchingSettings.from_config(runtime.config).feedback_reminder_days)
    click.echo(f"{made} reminders stored")


@cli.command()
@click.option("--period", default=None, help="the month, YYYY-MM (default: this month)")
@logged("suggestions", service="matching", purpose="statistics")
def fairness(period: str | None) -> None:
    """Compute the month's rates by service area, store them and send them to reporting."""
    from services.matching.domain.fairness import current_period
    from services.matching.handlers.fairness import publish

    with _runtime() as runtime, runtime.work() as work:
        report = publish(work, period or current_period())
    click.echo(f"{'service area':<24} {'profiles':>9} {'suggested':>10} {'accepted':>9}")
    for g in report["groups"]:
        shown = ["<" + str(report["min_cell"]) if v is None else str(v)
                 for v in (g["population"], g["suggested"], g["accepted"])]
        click.echo(f"{g['group']:<24} {shown[0]:>9} {shown[1]:>10} {shown[2]:>9}")
    for w in report["warnings"]:
        click.echo(f"warning: {w['metric']} of {w['group']} is under four fifths of {w['compared_to']}'s")
