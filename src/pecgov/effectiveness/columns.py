"""The measures as a file (EFF-2, ADM-3): one row per measure with its definition, source and
the page listing the records it counts. Export only: measures are read from the record, never
imported."""

from __future__ import annotations

from pecgov.effectiveness.measuring import Measure, Measures
from pecgov.ui.tabular import Column


def measure_columns(measures: Measures) -> tuple[Column, ...]:
    return (
        Column("committee", lambda m: measures.committee),
        Column("from", lambda m: measures.start),
        Column("to", lambda m: measures.end),
        Column("measure", lambda m: m.key),
        Column("label", lambda m: m.label),
        Column("value", _value),
        Column("unit", lambda m: m.unit),
        Column("definition", lambda m: m.definition),
        Column("source", lambda m: m.source),
        Column("link", lambda m: m.link),
    )


def _value(measure: Measure) -> object:
    """Nothing to count is an empty cell, not zero."""
    return measure.value
