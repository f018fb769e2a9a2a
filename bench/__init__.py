"""Benchmarks: they print numbers, they never fail a build. See README "Benchmarks"."""
