"""Benchmarks for the explainer: each figure measured against its floor in the same run.

Run with ``make bench`` (or ``python -m benchmarks``); see :mod:`benchmarks.bench`.
The kernel helpers (:mod:`tests.kernels`) and the in-kernel probe that finds
and drives every view (:mod:`tests.probe`) belong to the tests; the benchmarks
import them from there, never the other way round.
"""
