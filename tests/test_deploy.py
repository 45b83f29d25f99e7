"""Issue 23, point 4: the Kubernetes sample (deploy/kubernetes.yaml) says what docs/deploy.md says of it:
two replicas, the platform's probe paths on the container's port, a user that is not root on a read-only
root file system, the database's address from a Secret, and only settings the program reads."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

MANIFEST = ROOT / "deploy" / "kubernetes.yaml"
SETTINGS = ROOT / "docs" / "robustness-and-security.md"


def documents() -> dict[str, dict]:
    found = {}
    for document in yaml.safe_load_all(MANIFEST.read_text(encoding="utf-8")):
        if document:
            found[document["kind"]] = document
    return found


def container() -> dict:
    (only,) = documents()["Deployment"]["spec"]["template"]["spec"]["containers"]
    return only


def test_two_replicas_probed_on_the_platforms_paths_at_the_containers_port():
    deployment = documents()["Deployment"]
    assert deployment["spec"]["replicas"] == 2
    serving = container()
    ports = {p["containerPort"] for p in serving["ports"]} | {p["name"] for p in serving["ports"] if "name" in p}
    assert 8000 in ports
    assert serving["livenessProbe"]["httpGet"]["path"] == "/internal/isalive"
    assert serving["readinessProbe"]["httpGet"]["path"] == "/internal/isready"
    for probe in ("livenessProbe", "readinessProbe"):
        assert serving[probe]["httpGet"]["port"] in ports
    words = serving["args"]
    assert words[words.index("--port") + 1] == "8000" and words[words.index("--host") + 1] == "0.0.0.0"
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/path"] == "/internal/metrics" and annotations["prometheus.io/port"] == "8000"
    service = documents()["Service"]
    assert service["spec"]["selector"] == deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["ports"][0]["targetPort"] in ports


def test_not_root_and_a_read_only_root_file_system_with_the_cache_in_an_empty_dir():
    pod = documents()["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    serving = container()
    assert serving["securityContext"]["readOnlyRootFilesystem"] is True
    assert serving["securityContext"]["allowPrivilegeEscalation"] is False
    assert serving["resources"]["requests"] and serving["resources"]["limits"]
    env = {e["name"]: e for e in serving["env"]}
    mounts = {m["mountPath"]: m["name"] for m in serving["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    cache = mounts[env["SAMARBEID_CACHE_DIR"]["value"]]
    assert "emptyDir" in volumes[cache]


def test_the_database_address_comes_from_a_secret():
    env = {e["name"]: e for e in container()["env"]}
    source = env["SAMARBEID_DATABASE_URL"]
    assert "value" not in source, "never the address itself in the manifest"
    assert source["valueFrom"]["secretKeyRef"]["name"] and source["valueFrom"]["secretKeyRef"]["key"]


def test_every_setting_the_manifest_gives_is_in_the_settings_table():
    given = {e["name"] for e in container()["env"]}
    listed = set(re.findall(r"^\| `(SAMARBEID_[A-Z_]+)` \|", SETTINGS.read_text(encoding="utf-8"), flags=re.M))
    assert given and {name for name in given if name.startswith("SAMARBEID_")} == given
    assert sorted(given - listed) == [], "a setting the manifest gives that the program does not list"
