"""The alert rules in deploy/prometheus: valid, firing as their unit tests expect, on metrics that exist."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client import generate_latest

from shared.metrics import ServiceMetrics

PROMETHEUS = Path(__file__).resolve().parents[3] / "deploy" / "prometheus"
RULES = PROMETHEUS / "alerts.yml"
REQUIRED = {"KampusOutboxBacklogOld", "KampusDeadLetters", "KampusQueueNotConsumed"}


def promtool(*args: str) -> subprocess.CompletedProcess:
    tool = shutil.which("promtool")
    if tool is None:
        pytest.fail("promtool is missing: apt-get install prometheus (.ci/run installs it)", pytrace=False)
    return subprocess.run([tool, *args], cwd=PROMETHEUS, capture_output=True, text=True, timeout=120)


def rules() -> list[dict]:
    return [rule for group in yaml.safe_load(RULES.read_text())["groups"] for rule in group["rules"]]


def test_rule_file_is_valid_and_has_the_required_alerts():
    result = promtool("check", "rules", RULES.name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {rule["alert"] for rule in rules()} >= REQUIRED


def test_every_alert_fires_as_its_unit_tests_expect():
    result = promtool("test", "rules", "alerts.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    tested = set(re.findall(r"alertname: (\w+)", (PROMETHEUS / "alerts.test.yml").read_text()))
    assert tested == {rule["alert"] for rule in rules()}, "every alert has a unit test"


def exported_names(metrics: ServiceMetrics) -> set[str]:
    text = generate_latest(metrics.registry).decode()
    return set(re.findall(r"^# TYPE (\w+) ", text, re.MULTILINE))


def test_the_services_metrics_the_rules_read_are_exported():
    """Every metric of the rules is either RabbitMQ's (rabbitmq_*) or one that a service process exports."""
    metrics = ServiceMetrics("intake")
    names = exported_names(metrics)
    used = set()
    for rule in rules():
        expr = re.sub(r"\{[^}]*\}", "", re.sub(r"\bby\s*\([^)]*\)", "", rule["expr"]))
        used |= {n for n in re.findall(r"\b[a-z_][a-z0-9_]*\b", expr)
                 if not n.startswith("rabbitmq_") and n not in {"max", "sum", "or", "and", "unless"}}
    assert used == {"outbox_oldest_age_seconds", "dead_letter_messages", "process_ready"}
    assert used <= names, used - names
