"""Benchmarks, run on demand: ``python -m benchmarks [--quick]`` (see README)."""
