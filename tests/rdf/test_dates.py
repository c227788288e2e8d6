"""Dates as precise as their sources, and the one table from a precision to its XSD datatype."""

from __future__ import annotations

import datetime as dt

import rdflib
from hypothesis import given
from hypothesis import strategies as st

from kzkg.rdf.dates import DATATYPES, Date
from kzkg.rdf.namespaces import XSD


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(sorted(DATATYPES)))
def test_each_precision_is_written_as_a_well_typed_literal(day, precision):
    text = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[precision]
    date = Date.parse(day.strftime(text))
    assert date.precision == precision
    literal = rdflib.Literal(date.value, datatype=rdflib.URIRef(XSD + date.datatype))
    assert not literal.ill_typed, f"{date.value} is not a valid xsd:{date.datatype}"
    assert date.earliest <= day <= date.latest
