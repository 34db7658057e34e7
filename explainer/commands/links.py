"""Links to the project: Binder, Colab, and nbgitpuller on a JupyterHub, all from one repository URL.

The repository URL lives in one place, ``[project.urls] Repository`` in
``pyproject.toml``; a fork changes it there and every link follows (the
README's Binder badge, the teacher guide's links, ``python -m explainer
nbgitpuller-link``, the launch links at the top of every notebook and page).

A school's JupyterHub, if it has one, is given once too (:func:`hub_address`):
``[tool.explainer] hub`` in ``pyproject.toml``, or ``EXPLAINER_HUB`` for one run.
Without it there is no hub link.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from ..paths import CHECKOUT, notebook_file

PYPROJECT = CHECKOUT / "pyproject.toml"
BINDER = "https://mybinder.org/v2/gh"
COLAB = "https://colab.research.google.com/github"
START = "00_start_here"


def repository_url(pyproject: Path = PYPROJECT) -> str:
    """The project's repository URL, from ``[project.urls] Repository``.

    Read from ``pyproject.toml`` beside the package when there is one (a
    checkout), else from the installed package's metadata.
    """
    if pyproject.exists():
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["urls"]["Repository"]
    from importlib.metadata import metadata

    for entry in metadata("minerals-for-security").get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository":
            return url.strip()
    raise LookupError("no Repository URL in the installed package's metadata")


def _github_path(repo: str) -> str:
    parts = urlsplit(repo)
    if parts.netloc != "github.com":
        raise ValueError(f"Binder links are built for GitHub repositories; got {repo!r}")
    return parts.path.strip("/").removesuffix(".git")


def binder_url(repo: str | None = None, notebook: str = START, *, voila: bool = False, ref: str = "main") -> str:
    """The mybinder.org link that opens ``notebook`` in JupyterLab (or in Voila, code hidden).

    Parameters
    ----------
    repo : str, optional
        GitHub repository URL (default: :func:`repository_url`).
    notebook : str
        A notebook of ``notebooks/``, with or without ``.ipynb``.
    voila : bool
        Open it in Voila (presenter mode) rather than JupyterLab.
    ref : str
        Branch, tag or commit.
    """
    base = f"{BINDER}/{_github_path(repo or repository_url())}/{ref}"
    path = f"notebooks/{notebook_file(notebook)}"
    if voila:
        return f"{base}?urlpath=voila/render/{path}"
    return f"{base}?labpath={quote(path, safe='')}"


def nbgitpuller_link(hub: str, repo: str | None = None, notebook: str = START, *, branch: str = "main") -> str:
    """The link that copies (then updates) the project into a student's home on a JupyterHub.

    nbgitpuller clones ``repo`` into a folder named after the last part of its
    URL and opens ``notebook`` from its ``notebooks/`` folder in JupyterLab.

    Parameters
    ----------
    hub : str
        The hub's address, e.g. ``https://hub.example.org``.
    repo : str, optional
        Repository URL (default: :func:`repository_url`); a ``file://`` URL works for a local clone.
    notebook : str
        A notebook of ``notebooks/``, with or without ``.ipynb``.
    branch : str
        The branch to pull.
    """
    repo = repo or repository_url()
    folder = repo.rstrip("/").split("/")[-1]  # where nbgitpuller clones it (its own rule, `.git` kept)
    query = urlencode(
        {"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/notebooks/{notebook_file(notebook)}"},
        quote_via=quote,
        safe="",
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def colab_url(repo: str | None = None, notebook: str = START, *, ref: str = "main") -> str:
    """The link that opens ``notebook`` from GitHub in Google Colab.

    Parameters
    ----------
    repo : str, optional
        GitHub repository URL (default: :func:`repository_url`).
    notebook : str
        A notebook of ``notebooks/``, with or without ``.ipynb``.
    ref : str
        Branch, tag or commit.
    """
    return f"{COLAB}/{_github_path(repo or repository_url())}/blob/{ref}/notebooks/{notebook_file(notebook)}"


def hub_address(pyproject: Path = PYPROJECT, environ=None) -> str | None:
    """The school's JupyterHub that launch links point at, or None (no hub link).

    ``EXPLAINER_HUB`` when set (one run, one machine), else ``hub`` under
    ``[tool.explainer]`` in ``pyproject.toml`` (the project's own setting).
    """
    found = (os.environ if environ is None else environ).get("EXPLAINER_HUB", "").strip()
    if not found and pyproject.exists():
        config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        found = str(config.get("tool", {}).get("explainer", {}).get("hub", "")).strip()
    return found or None


def launch_links(notebook: str = START, repo: str | None = None, hub: str | None = None) -> list[tuple[str, str]]:
    """Where ``notebook`` can be opened and run, as (words, URL) pairs.

    JupyterLab and the presenter view (Voila, code hidden) on Binder, Google
    Colab, and the school's hub through nbgitpuller when ``hub`` is given.
    """
    repo = repo or repository_url()
    links = [
        ("JupyterLab on Binder", binder_url(repo, notebook)),
        ("presenter view on Binder", binder_url(repo, notebook, voila=True)),
        ("Google Colab", colab_url(repo, notebook)),
    ]
    if hub:
        links.append(("your school's JupyterHub", nbgitpuller_link(hub, repo, notebook)))
    return links
