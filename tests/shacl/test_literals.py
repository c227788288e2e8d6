"""Literals as the fast engine judges them: well-formed per XSD, ordered as SPARQL orders them.

The judge is elementpath, an XPath/XSD implementation nobody here wrote: its XSD 1.1 datatypes
decide whether a lexical form is valid, its ``lt``/``eq``/``gt`` how two values compare. The
inputs are seeded random forms mutated from typical ones. A date-time with a time zone and one
without are where SPARQL and XPath part ways (XPath assumes an implicit zone, SPARQL calls the
pair incomparable within 14 hours), so those are checked by hand against the XSD rule.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from elementpath import datatypes, select

from kzkg.shacl.engine import validate_graphs
from kzkg.shacl.xsd import compare, well_formed

X = "http://www.w3.org/2001/XMLSchema#"
ROOT = ET.XML("<root/>")
JUDGES = {
    **{n: getattr(datatypes, n[0].upper() + n[1:]) for n in ("integer", "long", "int", "short")},
    **{n: getattr(datatypes, n[0].upper() + n[1:]) for n in ("byte", "float", "duration")},
    **{n: getattr(datatypes, n[0].upper() + n[1:]) for n in ("date", "time", "dateTime")},
    **{n: getattr(datatypes, n[0].upper() + n[1:]) for n in ("unsignedByte", "unsignedInt")},
    **{n: getattr(datatypes, n[0].upper() + n[1:]) for n in ("positiveInteger", "language")},
    **{n: getattr(datatypes, n[0].upper() + n[1:]) for n in ("negativeInteger", "hexBinary")},
    "nonNegativeInteger": datatypes.NonNegativeInteger,
    "unsignedLong": datatypes.UnsignedLong,
    "decimal": datatypes.DecimalProxy,
    "double": datatypes.DoubleProxy,
    "boolean": datatypes.BooleanProxy,
    "dateTimeStamp": datatypes.DateTimeStamp,
    "gYear": datatypes.GregorianYear,
    "gYearMonth": datatypes.GregorianYearMonth,
    "gMonth": datatypes.GregorianMonth,
    "gDay": datatypes.GregorianDay,
    "gMonthDay": datatypes.GregorianMonthDay,
    "dayTimeDuration": datatypes.DayTimeDuration,
    "yearMonthDuration": datatypes.YearMonthDuration,
    "base64Binary": datatypes.Base64Binary,
}
FORMS = [
    *("0", "127", "-128", "300", "+5", "1.5", ".5", "1e3", "INF", "-INF", "NaN", "true"),
    *("2019-02-28", "2019-02-29", "2020-02-29", "2019-09-22T10:00:00", "2019-09-22T24:00:00"),
    *("2019-09-22T10:00:00Z", "2019-09-22T10:00:00+14:00", "2019-09-22T10:00:00+15:00"),
    *("10:00:00", "2019", "2019-09", "--09", "---22", "--09-22", "P1Y2M", "PT1H", "P1DT2H"),
    *("P", "PT", "0a1B", "abc", "QUJD", "QUI=", "en-GB", "x-y", "-0001-01-01", "0000-01-01"),
]


def judged_valid(name: str, lexical: str) -> bool:
    judge = JUDGES[name]
    try:
        (judge.fromstring if hasattr(judge, "fromstring") else judge)(lexical)
    except Exception:
        return False
    return True


def mutated(rng: random.Random) -> str:
    form = rng.choice(FORMS)
    for _ in range(rng.randint(0, 2)):
        at = rng.randint(0, len(form))
        if rng.random() < 0.5:
            form = form[:at] + rng.choice("0123456789-+:.TZPYMDHSEe") + form[at:]
        else:
            form = form[:at] + form[at + 1 :]
    return form


@pytest.mark.parametrize("name", sorted(JUDGES))
def test_well_formed_as_xsd_says(name: str):
    rng = random.Random(name)
    for _ in range(300):
        lexical = mutated(rng)
        if name.startswith(("date", "g")) and re.match(r"-?\d{5}", lexical):
            continue  # past year 9999 the judge stops checking the day of the month
        ours = well_formed(f'"{lexical}"^^<{X}{name}>')
        assert ours == judged_valid(name, lexical), (name, lexical)


NUMBERS = {
    "integer": ["0", "1", "-1", "10", "007"],
    "decimal": ["0.1", "1.0", "-1.5", "10.25", "0.30000000000000004"],
    "double": ["0.1", "1", "1e1", "-INF", "INF", "NaN", "1.5"],
    "float": ["0.1", "1", "1.1", "INF", "NaN"],
    "byte": ["1", "-1", "0"],
}
TIMES = {
    "dateTime": ["2019-09-22T10:00:00Z", "2019-09-22T10:00:00+02:00", "2019-09-22T08:00:00Z"],
    "date": ["2019-09-22", "2019-09-21", "2020-02-29"],
}


def xpath_order(a: str, b: str) -> int | None:
    for op, answer in (("lt", -1), ("eq", 0), ("gt", 1)):
        if select(ROOT, f"{a} {op} {b}"):
            return answer
    return None  # NaN: no order


@pytest.mark.parametrize("seed", range(3))
def test_numbers_and_times_compare_as_xpath_orders_them(seed: int):
    rng = random.Random(seed)
    for _ in range(150):
        x, y = rng.choice(sorted(NUMBERS)), rng.choice(sorted(NUMBERS))
        a, b = rng.choice(NUMBERS[x]), rng.choice(NUMBERS[y])
        ours = compare(f'"{a}"^^<{X}{x}>', f'"{b}"^^<{X}{y}>')
        assert ours == xpath_order(f"xs:{x}('{a}')", f"xs:{y}('{b}')"), (x, a, y, b)
        kind = rng.choice(sorted(TIMES))
        a, b = rng.choice(TIMES[kind]), rng.choice(TIMES[kind])
        ours = compare(f'"{a}"^^<{X}{kind}>', f'"{b}"^^<{X}{kind}>')
        assert ours == xpath_order(f"xs:{kind}('{a}')", f"xs:{kind}('{b}')"), (kind, a, b)


@pytest.mark.parametrize(
    ("a", "b", "order"),
    [
        # Without a zone the first may be anywhere from 14 hours before to 14 hours after UTC.
        ("2019-09-22T10:00:00", "2019-09-22T10:00:00Z", None),
        ("2019-09-22T10:00:00", "2019-09-23T00:00:01Z", -1),
        ("2019-09-22T10:00:00", "2019-09-21T19:59:59Z", 1),
        ("2019-09-22T10:00:00", "2019-09-22T23:00:00+02:00", None),
    ],
)
def test_a_zoned_and_an_unzoned_date_time_compare_only_when_14_hours_cannot_matter(
    a: str, b: str, order: int | None
):
    assert compare(f'"{a}"^^<{X}dateTime>', f'"{b}"^^<{X}dateTime>') == order


def test_incomparable_literals_are_none():
    assert compare(f'"1"^^<{X}integer>', '"1"') is None  # a number and a string
    assert compare(f'"abc"^^<{X}integer>', f'"1"^^<{X}integer>') is None  # ill-formed
    assert compare(f'"2019"^^<{X}gYear>', f'"2020"^^<{X}gYear>') is None  # no SPARQL order
    assert compare('"a"@en', '"b"@en') is None


EX, SH = "http://example.org/", "http://www.w3.org/ns/shacl#"


def one_property_shape(constraint: str, argument: ox.Literal | ox.NamedNode) -> list[ox.Triple]:
    shape, prop = ox.NamedNode(f"{EX}S"), ox.BlankNode("p")
    return [
        ox.Triple(shape, ox.NamedNode(f"{SH}targetNode"), ox.NamedNode(f"{EX}n")),
        ox.Triple(shape, ox.NamedNode(f"{SH}property"), prop),
        ox.Triple(prop, ox.NamedNode(f"{SH}path"), ox.NamedNode(f"{EX}p")),
        ox.Triple(prop, ox.NamedNode(f"{SH}{constraint}"), argument),
    ]


def values(*literals: ox.Literal) -> list[ox.Triple]:
    node, p = ox.NamedNode(f"{EX}n"), ox.NamedNode(f"{EX}p")
    return [ox.Triple(node, p, literal) for literal in literals]


def test_an_out_of_range_byte_fails_sh_datatype():
    byte = ox.NamedNode(f"{X}byte")
    validation = validate_graphs(
        values(ox.Literal("300", datatype=byte), ox.Literal("12", datatype=byte)),
        one_property_shape("datatype", byte),
    )
    assert [r.value for r in validation.results] == [ox.Literal("300", datatype=byte)]


def test_a_shape_literal_is_judged_as_written_not_as_a_store_keeps_it():
    """A store rewrites "1.0"^^xsd:decimal as "1"; sh:hasValue 1.0 must find the data's 1.0."""
    decimal = ox.NamedNode(f"{X}decimal")
    written = ox.Literal("1.0", datatype=decimal)
    assert validate_graphs(values(written), one_property_shape("hasValue", written)).conforms
    other = ox.Literal("1", datatype=decimal)
    assert not validate_graphs(values(other), one_property_shape("hasValue", written)).conforms


def test_one_result_per_failing_value_and_incomparable_values_fail():
    integer = ox.NamedNode(f"{X}integer")
    data = values(
        ox.Literal("5", datatype=integer), ox.Literal("0", datatype=integer), ox.Literal("x")
    )
    validation = validate_graphs(
        data, one_property_shape("minInclusive", ox.Literal("1", datatype=integer))
    )
    assert sorted(str(r.value) for r in validation.results) == sorted(
        [str(ox.Literal("0", datatype=integer)), str(ox.Literal("x"))]
    )
