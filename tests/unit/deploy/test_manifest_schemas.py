"""Schema validation of the deployment files: Kubernetes manifests and docker-compose.yml.

Built-in Kubernetes objects are validated strictly (unknown fields refused) with the schemas of
the PyPI package kubernetes-validate; the operators' custom resources with their
CustomResourceDefinitions vendored in deploy/k8s/schemas; the compose file with the Compose
Specification's JSON schema vendored in deploy/schemas. Each validator is also shown a
misspelt field, so a validator that accepts everything cannot pass.
"""
from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from kubernetes_validate import utils as k8s

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy" / "k8s"
SCHEMAS = K8S / "schemas"
COMPOSE_SCHEMA = ROOT / "deploy" / "schemas" / "compose-spec.json"
# The oldest Kubernetes minor release the manifests are meant for, and the newest the package knows.
KUBERNETES_VERSIONS = ("1.29", k8s.latest_version())


def load_all(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def manifests() -> list[tuple[str, dict]]:
    """Every object under deploy/k8s that kubectl would send to a cluster (not kustomize's own files)."""
    found = []
    for path in sorted(K8S.rglob("*.yaml")):
        if SCHEMAS in path.parents:
            continue
        for doc in load_all(path):
            if doc["kind"] != "Kustomization":
                found.append((f"{path.relative_to(K8S)}:{doc['kind']}/{doc['metadata']['name']}", doc))
    return found


def crd_schemas() -> dict[tuple[str, str], dict]:
    """(apiVersion, kind) -> JSON schema of each vendored CRD version."""
    result = {}
    for path in SCHEMAS.glob("*.yaml"):
        [crd] = load_all(path)
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            if version.get("served"):
                result[(f"{group}/{version['name']}", kind)] = to_json_schema(version["schema"]["openAPIV3Schema"])
    return result


def to_json_schema(node):
    """An OpenAPI v3 structural schema as JSON Schema, strict as the API server's field validation."""
    if isinstance(node, list):
        return [to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    schema = {k: to_json_schema(v) for k, v in node.items() if not k.startswith("x-kubernetes-") and k != "nullable"}
    if node.get("x-kubernetes-int-or-string"):
        schema.pop("type", None)
        schema["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.get("nullable") and "type" in schema:
        schema["type"] = [schema["type"], "null"]
    if node.get("x-kubernetes-embedded-resource"):
        props = schema.setdefault("properties", {})
        for name in ("apiVersion", "kind"):
            props.setdefault(name, {"type": "string"})
        props.setdefault("metadata", {"type": "object"})
    if "properties" in schema and "additionalProperties" not in schema \
            and not node.get("x-kubernetes-preserve-unknown-fields"):
        schema["additionalProperties"] = False
    return schema


CRDS = crd_schemas()
MANIFESTS = manifests()


def validate(doc: dict, version: str) -> None:
    """Raise if `doc` is not a valid object of its kind (CRD schema for custom resources)."""
    key = (doc["apiVersion"], doc["kind"])
    if key in CRDS:
        jsonschema.Draft7Validator(CRDS[key]).validate(doc)
    else:
        k8s.validate(doc, version, strict=True)


def test_the_manifests_use_built_in_kinds_and_the_operators_resources_only():
    kinds = {(d["apiVersion"], d["kind"]) for _, d in MANIFESTS}
    custom = {k for k in kinds if "." in k[0].split("/")[0]}
    assert custom <= set(CRDS), f"no vendored schema for {custom - set(CRDS)}"
    assert {("rabbitmq.com/v1beta1", "RabbitmqCluster"), ("postgresql.cnpg.io/v1", "Cluster"),
            ("postgresql.cnpg.io/v1", "Database")} <= custom


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("name, doc", MANIFESTS, ids=[n for n, _ in MANIFESTS])
def test_every_manifest_is_valid(name, doc, version):
    try:
        validate(doc, version)
    except jsonschema.ValidationError as exc:
        pytest.fail(f"{name}: {'.'.join(map(str, exc.absolute_path))}: {exc.message}")


def misspell(doc: dict) -> dict:
    """A copy with one field of its spec misspelt (`replicas` -> `replica`, or an unknown spec field)."""
    bad = copy.deepcopy(doc)
    spec = bad.get("spec") or bad.setdefault("data", {})
    if "spec" in bad and "replicas" in spec:
        spec["replica"] = spec.pop("replicas")
    elif "spec" in bad:
        spec["replicaz"] = 3
    else:
        bad["dataa"] = bad.pop("data")
    return bad


@pytest.mark.parametrize("kind", ["Deployment", "HorizontalPodAutoscaler", "ConfigMap", "RabbitmqCluster",
                                  "Cluster", "Database"])
def test_a_misspelt_field_is_refused(kind):
    doc = next(d for _, d in MANIFESTS if d["kind"] == kind)
    with pytest.raises(jsonschema.ValidationError):
        validate(misspell(doc), KUBERNETES_VERSIONS[0])


def test_a_misspelt_field_deep_in_a_pod_is_refused():
    doc = copy.deepcopy(next(d for _, d in MANIFESTS if d["kind"] == "Deployment"))
    doc["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {"httpGet": {"path": "/readyz", "port": 1}}
    with pytest.raises(jsonschema.ValidationError, match="readinesProbe"):
        validate(doc, KUBERNETES_VERSIONS[0])


def sources(readme: Path) -> dict[str, str]:
    """file -> SHA-256 from a schemas README's table."""
    rows = re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", readme.read_text(encoding="utf-8"), re.MULTILINE)
    return dict(rows)


def test_vendored_schemas_are_the_upstream_files_with_source_and_licence_noted():
    noted = {**{f"k8s/schemas/{k}": v for k, v in sources(SCHEMAS / "README.md").items()},
             **{f"schemas/{k}": v for k, v in sources(COMPOSE_SCHEMA.parent / "README.md").items()}}
    vendored = {str(p.relative_to(ROOT / "deploy")) for p in [*SCHEMAS.glob("*.yaml"), COMPOSE_SCHEMA]}
    assert set(noted) == vendored
    for name, digest in noted.items():
        assert hashlib.sha256((ROOT / "deploy" / name).read_bytes()).hexdigest() == digest, name
    for readme in (SCHEMAS / "README.md", COMPOSE_SCHEMA.parent / "README.md"):
        text = readme.read_text(encoding="utf-8")
        assert "Licen" in text and "github.com/" in text


@pytest.fixture(scope="module")
def compose_validator():
    schema = json.loads(COMPOSE_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def compose_file() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_file_follows_the_compose_specification(compose_validator, compose_file):
    errors = sorted(compose_validator.iter_errors(compose_file), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def test_compose_schema_refuses_a_misspelt_key(compose_validator, compose_file):
    bad = copy.deepcopy(compose_file)
    name = next(iter(bad["services"]))
    bad["services"][name]["healthchek"] = bad["services"][name].pop("healthcheck", {"test": ["NONE"]})
    assert any("healthchek" in e.message for e in compose_validator.iter_errors(bad))
