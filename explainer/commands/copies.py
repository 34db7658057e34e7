"""``explainer notebooks DIR``: a student's own copy of the lesson notebooks (and, if asked, of the data).

The notebooks go to ``DIR/notebooks/`` and the data to ``DIR/data/``, the
layout of the repository, so that a kernel started in ``DIR/notebooks/``
finds the copy (:func:`explainer.paths.find_project`): the student's work is
saved in ``DIR/notebooks/my_work/``, and a ``DIR/data/`` is read instead of
the data shipped with the package. A file already in ``DIR`` is never
replaced: it may hold a student's answers or edits.
"""

from __future__ import annotations

import errno
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import NOTEBOOK_PATTERN, SHIPPED


@dataclass
class CopyReport:
    """What :func:`copy_project` did: the files it wrote and the ones it left as they were."""

    root: Path
    copied: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What to tell the user, one line each."""
        out = [f"{self.root}: {len(self.copied)} files copied, {len(self.kept)} already there and kept"]
        # Name the kept notebooks (a student may wonder why a lesson did not change); data files are counted.
        out += [f"  kept as it was: {p.relative_to(self.root)}" for p in self.kept if p.suffix == ".ipynb"]
        start = self.root / "notebooks" / "00_start_here.ipynb"
        out.append(f"Open {start} in Jupyter, or run `explainer lab` in {self.root}.")
        return out


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file() and ".ipynb_checkpoints" not in p.parts)


def copy_project(dest, *, data: bool = False, source: Path = SHIPPED) -> CopyReport:
    """Copy the lesson notebooks (and, with ``data``, the data files) into ``dest``.

    Parameters
    ----------
    dest : str or Path
        The folder to write; made if missing. Notebooks go to ``dest/notebooks/``,
        data files to ``dest/data/``.
    data : bool
        Also copy ``data/``, so the student can edit it (the notebooks then read
        that copy, not the shipped one).
    source : Path
        The folder holding ``notebooks/`` and ``data/`` (default: the copy shipped
        with the package, :data:`explainer.paths.SHIPPED`).

    Returns
    -------
    CopyReport
        The files written and the files left untouched because they were there.

    Raises
    ------
    OSError
        When a folder cannot be made (for example ``dest`` is a file) or a file cannot be written.
    """
    root = Path(dest).expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(dest))
    report = CopyReport(root)
    pairs = [(path, root / "notebooks" / path.name) for path in _files(source / "notebooks", NOTEBOOK_PATTERN)]
    if data:
        pairs += [(path, root / "data" / path.relative_to(source / "data")) for path in _files(source / "data", "**/*")]
    for src, target in pairs:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            # "x": create, never replace, even if the file appeared since we looked.
            with open(src, "rb") as read, open(target, "xb") as write:
                shutil.copyfileobj(read, write)  # contents only: a copy from a read-only install stays writable
        except FileExistsError:
            report.kept.append(target)
        else:
            report.copied.append(target)
    return report
