"""The validated content of one data directory, as typed records and DataFrames."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..model import COLLECTIONS

SPECS = {c.name: c for c in COLLECTIONS}


class Content:
    """All validated content of one data directory.

    Collections are attributes: ``content.events`` is a tuple of
    :class:`~explainer.model.timeline.Event`, ``content.article`` the one
    :class:`~explainer.model.claims.Article`. ``content.get("sources", id)``
    looks a record up by id; ``content.frame("events")`` gives a pandas
    DataFrame.
    """

    def __init__(self, data_dir: Path, collections: dict[str, tuple]):
        self.data_dir = data_dir
        self._collections = collections
        self._index = {name: {rec.id: rec for rec in recs} for name, recs in collections.items()}
        self._frames: dict = {}

    def __getattr__(self, name):
        collections = self.__dict__.get("_collections", {})
        if name in collections:
            return collections[name][0] if SPECS[name].single else collections[name]
        raise AttributeError(name)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._collections))

    def __repr__(self):
        counts = ", ".join(f"{len(v)} {k}" for k, v in self._collections.items())
        return f"<Content from {self.data_dir}: {counts}>"

    @property
    def names(self) -> tuple[str, ...]:
        """Names of all collections, in load order."""
        return tuple(self._collections)

    def records(self, name: str) -> tuple:
        """All records of the collection ``name``."""
        return self._collections[name]

    def get(self, name: str, record_id: str):
        """The record with ``record_id`` in collection ``name``.

        Raises
        ------
        KeyError
            With a message naming the collection and the id.
        """
        try:
            return self._index[name][record_id]
        except KeyError:
            raise KeyError(f"no record {record_id!r} in {name}") from None

    def frame(self, name: str):
        """The collection ``name`` as a pandas DataFrame (one row per record).

        List fields become text joined with ``"; "``; nested records are left
        out (use :meth:`records` for those). The frame is built once and a copy
        is returned, so callers may change it freely.
        """
        if name not in self._frames:
            import pandas as pd

            spec = SPECS[name]
            columns = [f.name for f in dataclasses.fields(spec.record)]
            rows = []
            for rec in self._collections[name]:
                row = {}
                for col in columns:
                    value = getattr(rec, col)
                    if isinstance(value, tuple):
                        if value and dataclasses.is_dataclass(value[0]):
                            continue
                        value = "; ".join(map(str, value))
                    row[col] = value
                rows.append(row)
            frame = pd.DataFrame(rows)
            for col in frame.columns:
                if spec.fmt == "yaml" and frame[col].map(lambda v: hasattr(v, "isoformat")).all():
                    frame[col] = pd.to_datetime(frame[col])
            self._frames[name] = frame
        return self._frames[name].copy()

    def sources_for(self, ids) -> tuple:
        """The source records for ``ids``, each once, in the order given."""
        return tuple(self.get("sources", i) for i in dict.fromkeys(ids))
