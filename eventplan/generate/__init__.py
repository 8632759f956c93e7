"""Seeded generator of realistic scenarios, for tests, benchmarks and demonstrations.

``generate(Spec(staff=5000, posts=500, seed=1))`` gives a validated
:class:`~eventplan.scenario.Scenario`; :func:`generate_document` the plain document behind it.
"""

from eventplan.generate.build import generate_document
from eventplan.generate.spec import Spec, resolve
from eventplan.scenario import Scenario, from_document


def generate(spec: Spec) -> Scenario:
    """A validated scenario for ``spec`` (raises ``InputError`` if the generator erred)."""
    return from_document(generate_document(spec), file=f"<generated seed {spec.seed}>")


__all__ = ["Spec", "generate", "generate_document", "resolve"]
