"""The Curtois & Qu employee shift-scheduling benchmark, solved by ``eventplan.rostering``.

``python -m benchmarks.curtois INSTANCE --time-limit S`` solves one instance file;
``python -m benchmarks.curtois.table`` runs the set and writes its section of
``docs/benchmarks.md``. Best-known optima: ``best_known.csv`` (Curtois and Qu, "Computational
results on new staff scheduling benchmark instances", University of Nottingham, 2014;
schedulingbenchmarks.org).
"""
