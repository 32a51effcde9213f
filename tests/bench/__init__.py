"""Benchmarks: ``python -m tests.bench`` (``make bench``) runs them and writes docs/benchmarks.md.

Each benchmark is a module in this package with ``TITLE`` and ``run(context) -> str`` (a Markdown
section); add its name to ``BENCHMARKS`` in ``__main__``. Benchmarks print figures and never fail
on time.
"""
