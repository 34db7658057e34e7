"""JupyterLab's "official Jupyter news" pop-up and its update check, off for every user of an environment.

``python -m explainer.commands.labsettings`` writes them into the
environment's ``share/jupyter/lab/settings/overrides.json``, which every
JupyterLab started from that environment reads: ``make lab``, Binder's
``postBuild`` and a hub image run it, so a plain ``jupyter lab`` is quiet too,
not only ``explainer lab`` (which also passes them on its command line).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: The settings written, by JupyterLab plugin id.
QUIET = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def overrides_path(prefix=None) -> Path:
    """Where an environment's JupyterLab reads settings overrides (``prefix``: default ``sys.prefix``)."""
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides(prefix=None) -> Path:
    """Add :data:`QUIET` to the environment's ``overrides.json``, keeping every other setting in it.

    Parameters
    ----------
    prefix : str or Path, optional
        The environment's root (default: the running Python's ``sys.prefix``).

    Returns
    -------
    Path
        The file written.
    """
    path = overrides_path(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    overrides = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for plugin, settings in QUIET.items():
        overrides.setdefault(plugin, {}).update(settings)
    path.write_text(json.dumps(overrides, indent=2) + "\n", encoding="utf-8")
    return path


def main() -> int:
    print(f"JupyterLab news and update check off: {write_overrides()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
