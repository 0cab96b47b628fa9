"""The documented compose network fits PostgreSQL's default max_connections, as docs/operations.md says."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from shared import sizing

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_MAX_CONNECTIONS, RESERVED = 100, 3  # PostgreSQL's defaults (max_connections, superuser_reserved)


def resolved(env: dict) -> dict[str, str]:
    """A container's environment with ${NAME:-default} replaced by its default (nothing set in .env)."""
    return {k: re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", str(v)) for k, v in env.items()}


def compose_budget() -> int:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    total = 0
    for container in compose["services"].values():
        env = resolved(container.get("environment") or {})
        role = env.get("ROLE")
        if role == "web":
            workers = int(env.get("WEB_CONCURRENCY") or sizing.DEFAULT_WEB_WORKERS)
            threads = env.get("GUNICORN_THREADS") or str(sizing.DEFAULT_THREADS)
            total += sizing.process_budget("web", workers, {**env, "GUNICORN_THREADS": threads})
        elif role in ("relay", "consumer"):
            total += sizing.process_budget(role, 1, env)
    return total


def test_process_budgets_are_what_the_table_says():
    assert sizing.process_budget("web", 2, {}) == 10  # 2 workers x (4 threads + 1)
    assert sizing.process_budget("relay", 1, {}) == 4  # 2 workers + health + LISTEN
    assert sizing.process_budget("consumer", 1, {}) == 3
    assert sizing.process_budget("web", 3, {"GUNICORN_THREADS": "8", "DB_MAX_OVERFLOW": "0"}) == 24


def test_the_compose_network_fits_postgresql_defaults_and_the_document_says_how_much():
    total = compose_budget()
    # by hand: 6 webs x 10 + 5 relays x 4 + 5 consumers x 3 + the portal's consumer (notifications) x 2
    assert total == 6 * 10 + 5 * 4 + 5 * 3 + 2 == 97
    assert total <= DEFAULT_MAX_CONNECTIONS - RESERVED
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert f"adds up to **{total}** connections" in text


def test_the_kubernetes_network_at_full_scale_fits_its_clusters_max_connections():
    k8s = ROOT / "deploy" / "k8s"
    kustomization = yaml.safe_load((k8s / "kustomization.yaml").read_text(encoding="utf-8"))
    docs = [d for r in kustomization["resources"] for d in yaml.safe_load_all((k8s / r).read_text()) if d]
    config = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "kampus-config")["data"]
    hpas = {d["spec"]["scaleTargetRef"]["name"]: d["spec"] for d in docs if d["kind"] == "HorizontalPodAutoscaler"}
    total = deployments = 0
    for d in (d for d in docs if d["kind"] == "Deployment"):
        env = {**config, **{e["name"]: e["value"] for e in d["spec"]["template"]["spec"]["containers"][0]["env"]
                            if "value" in e}}  # not a Secret's key (valueFrom)
        role, name = env["ROLE"], d["metadata"]["name"]
        workers = int(env.get("WEB_CONCURRENCY", sizing.DEFAULT_WEB_WORKERS)) if role == "web" else 1
        pods = hpas[name]["maxReplicas"] if role == "web" else d["spec"]["replicas"]
        total += pods * sizing.process_budget(role, workers, env) + 1  # + a surge pod's migration
        deployments += 1
    [cluster] = [d for d in yaml.safe_load_all((k8s / "postgres" / "cluster.yaml").read_text()) if d
                 and d["kind"] == "Cluster"]
    limit = int(cluster["spec"]["postgresql"]["parameters"]["max_connections"])
    # by hand: 6 webs x 4 pods x 2 workers x (4 + 1), 5 relays x 2 pods x 4, 5 consumers x 2 pods x 3, the
    # portal's consumer 2 pods x (1 + 1), 17 migrations
    assert (deployments, total) == (17, 6 * 4 * 10 + 5 * 2 * 4 + 5 * 2 * 3 + 2 * 2 + 17)
    assert total <= limit - RESERVED
