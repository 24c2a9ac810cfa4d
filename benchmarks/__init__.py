"""Benchmarks that print JSON numbers (`python -m benchmarks.bench_extract`)."""
