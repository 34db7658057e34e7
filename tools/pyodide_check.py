"""Could explainer run in Pyodide (a JupyterLite build)? Each runtime import mapped to where Pyodide would get it.

The runtime imports are the top-level third-party modules imported anywhere in
``explainer/`` (inside functions too), less the standard library, explainer
itself and the tools of the ``lab`` and ``site`` extras (:data:`EXTRA_ONLY`).
Each one is either in the ``pyodide-lock.json`` of the npm ``pyodide``
package (built for Pyodide), or a pure-Python wheel that micropip can install
from PyPI (with its own dependencies, checked the same way), or it BLOCKS.

Usage: ``python tools/pyodide_check.py [--lock PATH]``. The lock comes from
``npm install --no-save --prefix .ci/npm pyodide@VERSION`` (what ``.ci/run``
does; the folder is git-ignored). Exit status 1 if anything blocks, 2 without
the lock. ``tests/test_pyodide.py`` runs the same check.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "explainer"
#: The Pyodide release checked against: .ci/run installs this one.
PYODIDE_VERSION = "314.0.8"
NPM_PREFIX = ROOT / ".ci" / "npm"
LOCK = NPM_PREFIX / "node_modules" / "pyodide" / "pyodide-lock.json"
INSTALL = f"npm install --no-save --no-fund --no-audit --prefix .ci/npm pyodide@{PYODIDE_VERSION}"

#: Modules left out of the runtime imports: each is needed only by a command of an extra, never in a notebook.
#: Module -> (extra, the only files of explainer/ allowed to import it, why).
EXTRA_ONLY = {
    "nbformat": (
        "site",
        ("commands/site.py", "commands/launch.py"),
        "`explainer html` reads the notebooks to build the static site; tools/launch_links.py (refresh) rewrites them",
    ),
    "nbconvert": (
        "site",
        ("commands/site.py", "commands/handout.py"),
        "`explainer html` renders each run notebook as a page, and the teacher's key on it",
    ),
    "nbclient": ("site", ("commands/site.py",), "`explainer html` runs each notebook in a kernel first"),
    "jupyterlab": ("lab", (), "`explainer lab` starts it as `python -m jupyterlab` (commands/cli.py); never imported"),
    "voila": ("lab", (), "`explainer present` starts it as `python -m voila` (commands/cli.py); never imported"),
}


def imports_by_module(package: Path = PACKAGE) -> dict[str, list[str]]:
    """Every top-level third-party module imported in ``package``, inside functions too.

    Parameters
    ----------
    package : Path
        The package folder (default: ``explainer/``); its own name, relative
        imports and the standard library (``sys.stdlib_module_names``) are left out.

    Returns
    -------
    dict
        Module name -> the files (relative to ``package``) that import it, both sorted.
    """
    found: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue  # relative imports are explainer's own
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != package.name:
                    found.setdefault(top, set()).add(path.relative_to(package).as_posix())
    return {module: sorted(files) for module, files in sorted(found.items())}


def runtime_imports(package: Path = PACKAGE) -> dict[str, list[str]]:
    """:func:`imports_by_module` less :data:`EXTRA_ONLY`, for those imported only where their entry allows.

    A module of an extra imported anywhere else stays in: it has become a runtime import.

    Returns
    -------
    dict
        Module name -> the files that import it.
    """
    return {
        module: files
        for module, files in imports_by_module(package).items()
        if not (module in EXTRA_ONLY and set(files) <= set(EXTRA_ONLY[module][1]))
    }


def read_lock(path: Path = LOCK) -> dict:
    """Read a ``pyodide-lock.json``.

    Parameters
    ----------
    path : Path
        The lock file; the ``package.json`` beside it gives the Pyodide version.

    Returns
    -------
    dict
        The lock, with ``by_import`` (module -> package entry), ``by_name``
        (canonical distribution name -> entry) and ``pyodide_version`` added.
    """
    lock = json.loads(Path(path).read_text(encoding="utf-8"))
    packages = lock["packages"].values()
    lock["by_import"] = {module: entry for entry in packages for module in entry.get("imports", ())}
    lock["by_name"] = {canonicalize_name(entry["name"]): entry for entry in packages}
    package_json = Path(path).with_name("package.json")
    lock["pyodide_version"] = json.loads(package_json.read_text())["version"] if package_json.exists() else "?"
    return lock


#: Where Pyodide gets a package: built into its distribution, from PyPI at run time, or nowhere.
LOCKED, MICROPIP, BLOCKS = "Pyodide's lock", "micropip", "BLOCKS"


@dataclass
class Row:
    """Where Pyodide would get one module (or one dependency of a micropip wheel)."""

    name: str  # the module, or for a dependency its distribution
    distribution: str | None
    here: str | None  # the version installed in this environment
    source: str  # LOCKED, MICROPIP or BLOCKS
    pyodide: str | None = None  # the version in Pyodide's lock
    needed_by: str | None = None  # for a dependency: the micropip wheel that needs it
    why: str = ""


def _installed(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _pure_python(dist: str) -> bool:
    """Whether the installed distribution was a pure-Python wheel (its WHEEL says ``Root-Is-Purelib: true``)."""
    wheel = metadata.distribution(dist).read_text("WHEEL") or ""
    return any(line.strip().lower() == "root-is-purelib: true" for line in wheel.splitlines())


def _where(name: str, dist: str, lock: dict, needed_by: str | None = None) -> Row:
    """One distribution: in Pyodide's lock, else a pure-Python wheel micropip can fetch, else it blocks."""
    entry, here = lock["by_name"].get(canonicalize_name(dist)), _installed(dist)
    if entry:
        return Row(name, entry["name"], here, LOCKED, entry["version"], needed_by)
    if here is None:
        return Row(name, dist, None, BLOCKS, None, needed_by, "not in the lock; not installed here to check its wheel")
    if not _pure_python(dist):
        return Row(name, dist, here, BLOCKS, None, needed_by, "compiled wheel, not built for Pyodide")
    return Row(name, dist, here, MICROPIP, None, needed_by, "pure-Python wheel from PyPI")


def _requirements(dist: str, lock: dict) -> list[Requirement]:
    """What ``dist`` needs on Pyodide's Python: its requirements whose markers hold there (no extras)."""
    python = lock["info"]["python"]
    env = {
        "python_version": ".".join(python.split(".")[:2]),
        "python_full_version": python,
        "sys_platform": "emscripten",
        "platform_system": "Emscripten",
        "platform_machine": "wasm32",
        "extra": "",
    }
    reqs = [Requirement(text) for text in metadata.requires(dist) or ()]
    return [req for req in reqs if req.marker is None or req.marker.evaluate(env)]


def check(modules, lock: dict) -> list[Row]:
    """Where Pyodide would get each module, and each dependency of a wheel micropip would fetch.

    Pyodide resolves the dependencies of the packages in its lock itself; a
    wheel from PyPI brings only a list of requirements, each of which must be
    found the same way, to the end.

    Parameters
    ----------
    modules : iterable of str
        Top-level module names.
    lock : dict
        From :func:`read_lock`.

    Returns
    -------
    list of Row
        A row per module, in order, then a row per dependency (``needed_by`` set).
    """
    rows: list[Row] = []
    providers = metadata.packages_distributions()  # module -> distributions, from every installed one
    for module in modules:
        entry = lock["by_import"].get(module)
        dists = providers.get(module)
        if entry:
            rows.append(Row(module, entry["name"], dists and _installed(dists[0]), LOCKED, entry["version"]))
        elif dists:
            rows.append(_where(module, dists[0], lock))
        else:
            rows.append(Row(module, None, None, BLOCKS, why="not in the lock; no installed distribution provides it"))
    queue = [row.distribution for row in rows if row.source == MICROPIP]
    seen = {canonicalize_name(dist) for dist in queue}
    while queue:
        dist = queue.pop(0)
        for req in _requirements(dist, lock):
            if canonicalize_name(req.name) in seen:
                continue
            seen.add(canonicalize_name(req.name))
            rows.append(_where(req.name, req.name, lock, needed_by=dist))
            if rows[-1].source == MICROPIP:
                queue.append(req.name)
    return rows


def blocking(rows: list[Row]) -> list[Row]:
    """The rows of :func:`check` that Pyodide could not get."""
    return [row for row in rows if row.source == "BLOCKS"]


def version_warnings(rows: list[Row], pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """Name each package whose version in Pyodide's lock the project's requirement does not allow.

    Not a failure: an older package in Pyodide is a finding for the JupyterLite build to weigh.

    Parameters
    ----------
    rows : list of Row
    pyproject : Path
        Its ``project.dependencies`` give the requirements.

    Returns
    -------
    list of str
        One ``warning: ...`` line each.
    """
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    wanted = {canonicalize_name(req.name): req for req in map(Requirement, declared)}
    lines = []
    for row in rows:
        req = row.distribution and wanted.get(canonicalize_name(row.distribution))
        if req and row.pyodide and req.specifier and not req.specifier.contains(Version(row.pyodide), True):
            lines.append(
                f"warning: Pyodide's {row.distribution} is {row.pyodide}; pyproject.toml asks for "
                f"{req.name}{req.specifier}"
            )
    return lines


def report(rows: list[Row], lock: dict, warnings: list[str]) -> str:
    """The table a developer reads.

    Returns
    -------
    str
        The Pyodide release, a table of the modules and one of the
        dependencies of micropip wheels, the counts, then ``warnings``.
    """
    info = lock["info"]
    lines = [
        f"Pyodide {lock['pyodide_version']} (Python {info['python']}, {info['platform']}), "
        f"{len(lock['packages'])} packages in its lock",
    ]
    for title, part in (
        ("module", [r for r in rows if not r.needed_by]),
        ("dependency of a micropip wheel", [r for r in rows if r.needed_by]),
    ):
        if not part:
            continue
        lines += ["", f"{title:<36} {'distribution':<20} {'here':<9} {'Pyodide':<9} source", "-" * 104]
        for row in part:
            name = f"{row.name} (of {row.needed_by})" if row.needed_by else row.name
            source = row.source + (f": {row.why}" if row.why and row.source != LOCKED else "")
            lines.append(
                f"{name:<36} {row.distribution or '-':<20} {row.here or '-':<9} {row.pyodide or '-':<9} {source}"
            )
    counts = [sum(r.source == source for r in rows) for source in (LOCKED, MICROPIP, BLOCKS)]
    lines += ["", f"{counts[0]} from Pyodide's lock, {counts[1]} from PyPI by micropip, {counts[2]} blocking"]
    return "\n".join(lines + warnings)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/pyodide_check.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lock", type=Path, default=LOCK, help=f"pyodide-lock.json (default: {LOCK.relative_to(ROOT)})"
    )
    args = parser.parse_args(argv)
    if not args.lock.exists():
        print(f"{args.lock}: no such file; install it with `{INSTALL}`", file=sys.stderr)
        return 2
    lock = read_lock(args.lock)
    modules = runtime_imports()
    rows = check(modules, lock)
    print("Runtime imports of explainer/: " + ", ".join(modules))
    print("Left out (extras only): " + ", ".join(f"{m} ({extra})" for m, (extra, _f, _w) in EXTRA_ONLY.items()))
    print()
    print(report(rows, lock, version_warnings(rows)))
    return 1 if blocking(rows) else 0


if __name__ == "__main__":
    sys.exit(main())
