"""Tests of the explainer; also home of the kernel helpers and probe the benchmarks share."""
