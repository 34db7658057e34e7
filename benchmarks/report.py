"""``python -m benchmarks.report``: the last ``make bench`` run as Markdown, for the README.

Reads ``bench-results.json`` and ``bench-details.json`` at the repository root
(and ``test-artifacts/classroom.json`` if the classroom test has run) and
prints a section to paste: every figure, its floor, its goal, and the machine.
"""

from __future__ import annotations

import json
import sys

from .bench import DETAILS, GOALS, RESULTS, ROOT

CLASSROOM = ROOT / "test-artifacts" / "classroom.json"


def markdown(results: dict, details: dict, classroom: dict | None = None) -> str:
    m = details.get("machine", {})
    verdict = details.get("verdicts", {})

    def mark(key):
        return {True: "met", False: "**missed**", None: "not measured"}[verdict.get(key)]

    worst_widget = details.get("widget_worst") or ""
    worst_nb = details.get("kernel_rss_worst") or ""
    lines = [
        "| Measure | Value | Floor (same run) | Ratio | Goal | |",
        "|---|---|---|---|---|---|",
    ]
    if results.get("widget_update_ratio") is not None:
        upd, flo = results["widget_update_ms"].get(worst_widget), results["widget_floor_ms"].get(worst_widget)
        lines.append(
            f"| Widget update, worst of {len(results['widget_update_ms'])} (`{worst_widget}`) | {upd:.1f} ms "
            f"| {flo:.1f} ms | {results['widget_update_ratio']:.2f} | ≤ {GOALS['widget_update_ratio']} "
            f"| {mark('widget_update_ratio')} |"
        )
    if "notebooks_exec_s" in results:
        lines.append(
            f"| Run all {len(results['kernel_rss_mib'])} notebooks (nbclient) | {results['notebooks_exec_s']:.1f} s "
            f"| {results['notebooks_floor_s']:.1f} s | {results['notebooks_exec_ratio']:.2f} "
            f"| ≤ {GOALS['notebooks_exec_ratio']} | {mark('notebooks_exec_ratio')} |"
        )
        lines.append(
            f"| Kernel peak memory, worst (`{worst_nb}`) | {results['kernel_rss_mib'][worst_nb]:.0f} MiB "
            f"| {results['kernel_rss_floor_mib'][worst_nb]:.0f} MiB | {results['kernel_rss_ratio']:.2f} "
            f"| ≤ {GOALS['kernel_rss_ratio']} | {mark('kernel_rss_ratio')} |"
        )
    if results.get("content_load_ms") is not None:
        lines.append(
            f"| Load and validate `data/` (warm) | {results['content_load_ms']:.0f} ms | | "
            f"| ≤ {GOALS['content_load_ms']:.0f} ms | {mark('content_load_ms')} |"
        )
    if results.get("import_ratio") is not None:
        lines.append(
            "| `import explainer` in a fresh Python (floor: `python -c 'import pathlib'`) "
            f"| {results['import_ms']:.1f} ms "
            f"| {results['import_floor_ms']:.1f} ms | {results['import_ratio']:.2f} | ≤ {GOALS['import_ratio']} "
            f"| {mark('import_ratio')} |"
        )
    if "browser_update_ms" in results:
        value = results["browser_update_ms"]
        shown = f"{value:.0f} ms" if value is not None else "n/a"
        lines.append(
            f"| Slider key press to new chart in JupyterLab (Chromium) | {shown} | | "
            f"| ≤ {GOALS['browser_update_ms']:.0f} ms | {mark('browser_update_ms')} |"
        )
    out = [
        f"Measured with `make bench` on {m.get('when', '?')[:10]}: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
        f"{m.get('memory', '?')}, {m.get('os', '?')}, Python {m.get('python', '?')} "
        f"(load average {m.get('load_average_at_start', '?')} at the start). Floors are measured in the same run; "
        "see `benchmarks/bench.py` for what each one is.",
        "",
        *lines,
    ]
    if classroom:
        per = classroom["peak_kernel_rss_mib_by_notebook"]
        out += [
            "",
            f"Ten kernels running every notebook at once on {classroom['cores']} cores (`make test`, "
            f"`tests/test_classroom_kernels.py`): all succeeded in {classroom['wall_seconds']:.0f} s; "
            f"peak memory of all kernels together {classroom['peak_total_kernel_rss_mib']:.0f} MiB "
            f"({classroom['kernels_alive_at_peak']} kernels alive at that moment); peak per kernel "
            f"{min(per.values()):.0f}-{max(per.values()):.0f} MiB depending on the notebook.",
        ]
    return "\n".join(out)


def main() -> int:
    try:
        results = json.loads(RESULTS.read_text())
        details = json.loads(DETAILS.read_text())
    except OSError:
        print("No bench results yet: run `make bench` first.", file=sys.stderr)
        return 1
    classroom = json.loads(CLASSROOM.read_text()) if CLASSROOM.exists() else None
    print(markdown(results, details, classroom))
    return 0


if __name__ == "__main__":
    sys.exit(main())
