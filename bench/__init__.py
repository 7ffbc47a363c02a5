"""Benchmarks: scripts that measure, run by hand from the project folder (see README.md)."""
