"""XSD literals for the fast SHACL engine: which lexical forms are valid, and how values compare.

``sh:datatype`` fails an ill-formed literal (``"300"^^xsd:byte``, ``"2019-02-30"^^xsd:date``),
and ``sh:minInclusive`` and its kin compare values as SPARQL's ``<`` does: numbers by value
whatever their numeric datatype, date-times on the time line (a time zone counts; a date-time
without one is compared only when 14 hours either way cannot change the answer), strings by
code point, booleans false before true. Anything else, an ill-formed literal among them, is
incomparable, which SHACL counts as a failure. Both judge the literal as written: the shapes
and the data are read by the parser, never through a store that would rewrite ``1.0`` as ``1``.
"""

from __future__ import annotations

import math
import re
import struct
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache

from kzkg.rdf import RDF, RDF_LANG_STRING, XSD, Text, literal_parts

__all__ = ["RULED", "compare", "well_formed"]

_BOUNDS = {
    "integer": (None, None),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-32768, 32767),
    "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 65535),
    "unsignedByte": (0, 255),
}
_TZ = r"(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR, _MONTH, _DAY = r"-?([1-9]\d{3,}|0\d{3})", r"(0[1-9]|1[0-2])", r"(0[1-9]|[12]\d|3[01])"
_TIME = r"(([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?|24:00:00(\.0+)?)"
_B64 = r"[A-Za-z0-9+/] ?"
_DECIMAL = r"[+-]?(\d+(\.\d*)?|\.\d+)"
_LEXICAL = {
    "decimal": _DECIMAL,
    "float": rf"{_DECIMAL}([eE][+-]?\d+)?|[+-]?INF|NaN",
    "boolean": r"true|false|1|0",
    "dateTime": rf"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_TZ}",
    "dateTimeStamp": rf"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))",
    "date": rf"{_YEAR}-{_MONTH}-{_DAY}{_TZ}",
    "time": rf"{_TIME}{_TZ}",
    "gYear": rf"{_YEAR}{_TZ}",
    "gYearMonth": rf"{_YEAR}-{_MONTH}{_TZ}",
    "gMonth": rf"--{_MONTH}{_TZ}",
    "gDay": rf"---{_DAY}{_TZ}",
    "gMonthDay": rf"--{_MONTH}-{_DAY}{_TZ}",
    "duration": r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
    "dayTimeDuration": r"-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
    "yearMonthDuration": r"-?P(?=\d)(\d+Y)?(\d+M)?",
    "hexBinary": r"([0-9a-fA-F]{2})*",
    "base64Binary": rf"(({_B64}){{4}})*(({_B64}){{3}}[A-Za-z0-9+/]|({_B64}){{2}}[AEIMQUYcgkosw048] ?="
    rf"|{_B64}[AQgw] ?= ?=)?",
    "language": r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*",
    "normalizedString": r"[^\r\n\t]*",
    "token": r"([^\s]+( [^\s]+)*)?",
    "NMTOKEN": r"[\w.:\-\u00b7]+",
    "Name": r"[^\W\d.\-][\w.:\-\u00b7]*",
    "NCName": r"[^\W\d.\-:][\w.\-\u00b7]*",
}
_LEXICAL["double"] = _LEXICAL["float"]
_PATTERNS = {f"<{XSD}{name}>": pattern for name, pattern in _LEXICAL.items()}
_INTEGERS = {f"<{XSD}{name}>": bounds for name, bounds in _BOUNDS.items()}
_INTEGER_FORM = re.compile(r"[+-]?\d+")
_DATED = {f"<{XSD}{name}>" for name in ("dateTime", "dateTimeStamp", "date")}
_NUMERIC = {*_INTEGERS, *(f"<{XSD}{n}>" for n in ("decimal", "float", "double"))}
_FLOAT, _DOUBLE = f"<{XSD}float>", f"<{XSD}double>"
_BINARY = {_FLOAT, _DOUBLE}
_STRING, _BOOLEAN = f"<{XSD}string>", f"<{XSD}boolean>"
_DATETIME = {f"<{XSD}dateTime>", f"<{XSD}dateTimeStamp>"}
# Datatypes with lexical rules: a literal of any other is well-formed whatever its text.
RULED = {*_PATTERNS, *_INTEGERS, RDF_LANG_STRING, f"<{RDF}PlainLiteral>"}


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A lexical pattern compiled the first time a literal of its datatype is judged."""
    return re.compile(pattern)


def well_formed(literal: Text) -> bool:
    """Whether a literal's lexical form is valid for its datatype; unknown datatypes always are."""
    return _valid(*literal_parts(literal))


def _valid(lexical: str, datatype: Text, language: str) -> bool:
    if datatype == RDF_LANG_STRING:
        return bool(language)
    bounds = _INTEGERS.get(datatype)
    if bounds is not None:
        if _INTEGER_FORM.fullmatch(lexical) is None:
            return False
        low, high = bounds
        number = int(lexical)
        return (low is None or number >= low) and (high is None or number <= high)
    pattern = _PATTERNS.get(datatype)
    if pattern is None:
        return datatype != f"<{RDF}PlainLiteral>"
    if _compiled(pattern).fullmatch(lexical) is None:
        return False
    if datatype in _DATED:
        year, month, day = re.match(r"(-?\d+)-(\d\d)-(\d\d)", lexical).groups()  # type: ignore[union-attr]
        return int(day) <= _days_in(int(year), int(month))
    return True


def _days_in(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar; XSD's year 0 is 1 BCE, a leap
    year as 4 BCE is (the rule holds for negative years through Python's modulo)."""
    if month != 2:
        return 30 if month in (4, 6, 9, 11) else 31
    return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28


def _number(lexical: str, datatype: Text, target: Text) -> float | None:
    """A numeric literal promoted to ``target`` (xsd:float or xsd:double), as XPath and SPARQL
    promote a decimal or an integer compared with a float or a double; None for NaN."""
    number = float(lexical.replace("INF", "inf"))
    if _FLOAT in (datatype, target) and math.isfinite(number):
        number = struct.unpack("f", struct.pack("f", number))[0]  # to the nearest float
    return None if math.isnan(number) else number


_DATE_TIME = re.compile(
    r"(-?\d+)-(\d\d)-(\d\d)(?:T(\d\d):(\d\d):(\d\d)(\.\d+)?)?(Z|[+-]\d\d:\d\d)?"
)


def _instant(lexical: str) -> tuple[datetime, bool] | None:
    """The instant a date-time or a date starts at, as if in UTC, and whether it had a zone."""
    match = _DATE_TIME.fullmatch(lexical)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if not 1 <= int(year) <= 9999:
        return None  # outside what datetime holds: judged incomparable, never guessed
    moment = datetime(int(year), int(month), int(day), tzinfo=UTC)
    moment += timedelta(
        hours=int(hour or 0),
        minutes=int(minute or 0),
        seconds=int(second or 0) + float(fraction or 0),
    )
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        moment -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    return moment, zone is not None


def _order(x: object, y: object) -> int:
    return (x > y) - (x < y)  # type: ignore[operator]


def compare(a: Text, b: Text) -> int | None:
    """-1, 0 or 1 as SPARQL orders two literals; None when they are incomparable."""
    if a[0] != '"' or b[0] != '"':
        return None
    (x, x_type, x_language), (y, y_type, y_language) = literal_parts(a), literal_parts(b)
    if not (_valid(x, x_type, x_language) and _valid(y, y_type, y_language)):
        return None
    if x_type in _NUMERIC and y_type in _NUMERIC:
        if x_type in _BINARY or y_type in _BINARY:
            target = _DOUBLE if _DOUBLE in (x_type, y_type) else _FLOAT
            p, q = _number(x, x_type, target), _number(y, y_type, target)
            return None if p is None or q is None else _order(p, q)
        return _order(Decimal(x), Decimal(y))
    if x_type == y_type == _STRING:
        return _order(x, y)
    if x_type == y_type == _BOOLEAN:
        return _order(x in ("true", "1"), y in ("true", "1"))
    same_kind = x_type == y_type or (x_type in _DATETIME and y_type in _DATETIME)
    if not same_kind or x_type not in _DATED:
        return None
    p, q = _instant(x), _instant(y)
    if p is None or q is None:
        return None
    if p[1] == q[1]:
        return _order(p[0], q[0])
    # One has a time zone and the other not: the other may be anywhere from -14:00 to +14:00.
    gap = (p[0] - q[0]).total_seconds()
    return None if math.fabs(gap) <= 14 * 3600 else _order(gap, 0)
