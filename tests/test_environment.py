"""environment.yml (conda) must list exactly the runtime dependencies and the lab extra of pyproject.toml."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.paths import ROOT


def _split(spec: str) -> tuple[str, str]:
    name, rest = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", spec.strip()).groups()
    return name.lower(), rest.replace(" ", "")


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    wanted = dict(_split(s) for s in [*project["dependencies"], *project["optional-dependencies"]["lab"]])
    listed = dict(_split(s) for s in conda if not s.startswith(("python", "pip")))
    assert listed == wanted
    assert "python=3.11" in conda
    assert "-e ." in pip, "conda users install the package itself from the repo"


def test_environment_pins_the_widget_stack_majors():
    env = (ROOT / "environment.yml").read_text()
    assert "jupyterlab>=4,<5" in env and "ipywidgets>=8.1,<8.1.9" in env
