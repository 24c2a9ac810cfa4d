"""Benchmarks: each module prints JSON numbers (run `python -m benchmarks.<name>`)."""
