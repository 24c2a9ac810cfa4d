"""Benchmarks that print JSON numbers (`make bench`); targets are checked here, not by timed tests."""
