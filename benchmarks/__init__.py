"""Benchmarks of eventplan's staffing against other ways of solving the same problem.

Not part of the test run; see ``benchmarks/README.md`` for the protocol and
``python -m benchmarks.run --help`` for the runner.
"""
