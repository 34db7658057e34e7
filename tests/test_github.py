"""GitHub conventions: CI runs .ci/run, Pages publishes `make html`, contributors find their way."""

from __future__ import annotations

import yaml

from tests.paths import ROOT

GITHUB = ROOT / ".github"


def _workflow(name):
    flow = yaml.safe_load((GITHUB / "workflows" / name).read_text())
    flow["on"] = flow.pop(True, flow.get("on"))  # YAML 1.1 reads the key `on` as true
    return flow


def _runs(job) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_ci_runs_ci_run_on_pushes_and_pull_requests():
    flow = _workflow("ci.yml")
    assert set(flow["on"]) == {"push", "pull_request"}
    (job,) = flow["jobs"].values()
    assert _runs(job) == ["bash .ci/run"]
    assert job["timeout-minutes"] <= 90
    assert "bookworm" in job["container"], "Debian, so that .ci/run can apt-get install chromium"


def test_pages_builds_make_html_and_publishes_the_site():
    flow = _workflow("pages.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert _runs(build) == ["make html"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_site"
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_issue_templates_for_a_correction_and_a_bug():
    correction = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "factual-correction.yml").read_text())
    bug = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "bug.yml").read_text())
    required = {b["id"] for b in correction["body"] if b.get("validations", {}).get("required")}
    assert {"where", "wrong", "right", "source"} <= required
    assert {"what", "steps", "where"} <= {b["id"] for b in bug["body"] if b.get("validations", {}).get("required")}


def test_contributing_covers_corrections_notebooks_and_checks():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    for heading in ("## Propose a correction", "## Add a notebook", "## The checks a change must pass"):
        assert heading in text
    assert "data/sources/" in text and "make test" in text
