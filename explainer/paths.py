"""Where things are: the project folder, its ``data/`` and ``notebooks/``, and a notebook's file.

Two folders can hold the project. The *shipped* copy is the one that came with
the package (:data:`SHIPPED`): in an installed wheel, ``explainer/shipped/``
with ``data/``, ``notebooks/`` and ``examples/`` in it; in a git checkout
(installed with ``pip install -e .`` or not installed at all), the checkout's
root, the folder explainer itself sits in. The *project copy* is the nearest
folder above the working directory that holds ``notebooks/`` (and usually
``data/``; :func:`find_project`): on a JupyterHub, each student's own copy,
where a notebook's kernel runs, or the folder ``explainer notebooks DIR``
wrote. The copy comes first; the shipped one is the fallback.

This module imports nothing from the rest of the package, so every layer may use it.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The folder the ``explainer`` package sits in: a checkout's root when installed from a clone.
CHECKOUT = Path(__file__).resolve().parent.parent
#: Where the wheel puts ``data/``, ``notebooks/`` and ``examples/`` (see pyproject.toml); absent in a checkout.
WHEEL_CONTENT = Path(__file__).resolve().parent / "shipped"
#: The folder holding the ``data/``, ``notebooks/`` and ``examples/`` that came with the package.
SHIPPED = WHEEL_CONTENT if WHEEL_CONTENT.is_dir() else CHECKOUT
#: The ``data/`` shipped with the package.
PACKAGE_DATA = SHIPPED / "data"
#: The file names of the lesson notebooks: numbered, in teaching order.
NOTEBOOK_PATTERN = "[0-9][0-9]_*.ipynb"


def find_project(start=None) -> Path | None:
    """The nearest folder holding ``notebooks/`` and either ``data/`` or lesson notebooks, from ``start`` upward.

    A pulled copy of the project has both folders; ``explainer notebooks DIR``
    writes the notebooks with or without ``data/`` (:func:`resolve_data_dir`
    uses a copy's ``data/`` when it has one).

    Parameters
    ----------
    start : str or Path, optional
        Where to begin (default: the current working directory, which is the
        notebook's own folder when a kernel runs it).

    Returns
    -------
    Path or None
        The project copy's root folder, or None when no folder on the way up
        holds lesson notebooks.
    """
    here = Path(start or Path.cwd()).expanduser().resolve()
    for folder in (here, *here.parents):
        notebooks = folder / "notebooks"
        if notebooks.is_dir() and ((folder / "data").is_dir() or any(notebooks.glob(NOTEBOOK_PATTERN))):
            return folder
    return None


def project_root() -> Path:
    """The project copy the working directory is in, else the copy shipped with the package.

    Raises
    ------
    FileNotFoundError
        When neither has a ``notebooks/`` folder (an installed package used outside a copy of the project).
    """
    for root in (find_project(), SHIPPED):
        if root is not None and (root / "notebooks").is_dir():
            return root
    raise FileNotFoundError(f"{Path.cwd()}: no notebooks/ folder here or above")


def resolve_data_dir(data_dir=None) -> Path:
    """The data directory to use.

    The argument, then ``EXPLAINER_DATA``, then the ``data/`` of the project
    copy found from the working directory (:func:`find_project`) when it has
    one, then the one shipped with the package (:data:`PACKAGE_DATA`).
    """
    chosen = data_dir or os.environ.get("EXPLAINER_DATA")
    if not chosen:
        project = find_project()
        chosen = project / "data" if project and (project / "data").is_dir() else PACKAGE_DATA
    return Path(chosen).expanduser()


def notebook_file(name) -> str:
    """A notebook's file name: ``02_aid_figures`` or ``02_aid_figures.ipynb`` gives ``02_aid_figures.ipynb``."""
    name = str(name)
    return name if name.endswith(".ipynb") else f"{name}.ipynb"


def notebook_path(name, project=None) -> Path:
    """The file of one notebook, named as a reader would name it.

    Parameters
    ----------
    name : str or Path
        ``02_aid_figures`` or ``02_aid_figures.ipynb`` (a notebook of the
        project's ``notebooks/``), or a path to an ``.ipynb`` file anywhere
        (anything with a folder in it).
    project : str or Path, optional
        The project folder (default: :func:`project_root`).

    Returns
    -------
    Path

    Raises
    ------
    FileNotFoundError
        Naming the notebook, and the folder it was looked for in.
    """
    given = Path(name)
    if given.parent != Path("."):
        if not given.is_file():
            raise FileNotFoundError(f"{name}: no such notebook")
        return given
    folder = Path(project or project_root()) / "notebooks"
    path = folder / notebook_file(name)
    if not path.is_file():
        raise FileNotFoundError(f"{name}: no such notebook (the notebooks are in {folder})")
    return path


def notebook_paths(names=(), project=None) -> list[Path]:
    """The files of the notebooks ``names`` (see :func:`notebook_path`), or of every lesson notebook, in name order.

    Raises
    ------
    FileNotFoundError
        Naming the first of ``names`` that is not a notebook.
    """
    if names:
        return sorted(notebook_path(name, project) for name in names)
    return sorted((Path(project or project_root()) / "notebooks").glob(NOTEBOOK_PATTERN))
