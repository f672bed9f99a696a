"""Benchmarks: `make bench` prints how fast the build is and how heavy the site is (see run.py)."""
