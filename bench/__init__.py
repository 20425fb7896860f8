"""Benchmarks: how fast the simulator answers, each figure beside the floor it is compared with.

``python -m bench.run`` prints the table and writes JSON (see README, section Benchmarks).
Benchmarks are not tests: nothing here asserts a timing.
"""
