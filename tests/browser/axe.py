"""axe-core (the maintained accessibility engine, shipped by axe-playwright-python) on a page.

``audit`` runs axe twice on the page: once on what the project renders (the
notebook's outputs, or the presented cells, given as CSS selectors) and once
on everything else, the JupyterLab or Voila shell, which is not ours. Only
the first may hold serious or critical violations; the second is written to
``test-artifacts/axe/`` for the record.
"""

from __future__ import annotations

import json

from ..paths import ARTIFACTS

SERIOUS = ("serious", "critical")
AXE_DIR = ARTIFACTS / "axe"
# WCAG 2.x A and AA and axe's best practices: what a reader meets, not the page's <head>.
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
}


def _run(page, context) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=context, options=OPTIONS).response["violations"]


def _summary(violations) -> list[dict]:
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": len(v["nodes"]),
            "targets": [" ".join(map(str, n["target"])) for n in v["nodes"][:5]],
            "why": (v["nodes"][0].get("failureSummary") or "").splitlines()[1:3] if v["nodes"] else [],
        }
        for v in violations
    ]


def audit(page, ours: list[str], name: str, shell: bool = True) -> dict:
    """Violations in the project's own output (``ours``) and, if ``shell``, in the page around it.

    Returns ``{"ours": [...], "shell": [...]}`` (summaries) and writes them to
    ``test-artifacts/axe/NAME.json``.
    """
    present = [s for s in ours if page.locator(s).count()]
    found = {"ours": [], "shell": []}
    if present:
        found["ours"] = _summary(_run(page, {"include": [[s] for s in present]}))
    if shell:
        found["shell"] = _summary(_run(page, {"exclude": [[s] for s in present]} if present else None))
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    (AXE_DIR / f"{name}.json").write_text(json.dumps(found, indent=1) + "\n")
    return found


def serious(summaries) -> list[str]:
    """One line per serious or critical violation: rule, impact, count, where, why."""
    return [
        f"{s['rule']} ({s['impact']}, {s['nodes']} nodes): {s['help']}; e.g. {s['targets'][:3]} {s['why']}"
        for s in summaries
        if s["impact"] in SERIOUS
    ]
