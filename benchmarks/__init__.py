"""Benchmarks for the explainer: each figure measured against its floor in the same run.

Run with ``make bench`` (or ``python -m benchmarks``); see :mod:`benchmarks.bench`.
The kernel helpers in :mod:`benchmarks.kernels` and the in-kernel probe in
:mod:`benchmarks.probe` are shared with ``tests/test_robustness.py``.
"""
