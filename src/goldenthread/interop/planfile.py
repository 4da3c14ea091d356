"""Reading and checking plan files (``format: goldenthread-plan/1``).

A plan file holds one whole cycle: its framework levels, the organisation as it
stands for the plan, the results cascade with its indicators, the money, the
risks and the resource-mobilisation action lines. Codes tie records together.

Checking runs in two passes over plain dicts, with no database:

1. the *shape* pass walks the document against the JSON Schema shipped beside
   this module (``plan-format.schema.json``, the one home of field names, types
   and vocabularies), compiled once into small Python checks, because a
   general validator is far too slow on a plan of 100,000 results;
2. the *meaning* pass checks what a schema cannot: duplicate codes, references
   to codes missing from the file, link and unit-tree loops, periods outside
   the cycle, decimal places, residual risk given by halves.

Every problem is collected with its place (``results[12].parents[0].code: no
result 'O9.9' in this file``) and raised together in one ``PlanFileError``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from goldenthread.core.periods import Period
from goldenthread.finance.choices import REGULAR_BUDGET
from goldenthread.plans.graph import find_loop, format_loop

FORMAT = "goldenthread-plan/1"
SCHEMA_PATH = Path(__file__).with_name("plan-format.schema.json")

#: The lists of a plan file, in the order a dump writes them.
SECTIONS = (
    "levels", "units", "grades", "people", "funds", "results", "indicators", "costs",
    "allocations", "risks", "assumptions", "revenue", "action_lines",
)
#: Decimal places the database keeps, so that what is loaded dumps back unchanged.
AMOUNT_PLACES = 2
SHARE_PLACES = 4
WEIGHT_PLACES = 4
CAPACITY_PLACES = 2
THRESHOLD_PLACES = 3
VALUE_PLACES = 6
VALUE_INTEGER_DIGITS = 14
AMOUNT_INTEGER_DIGITS = 16
MAX_LOOPS_REPORTED = 10

# ``yes_no`` and ``qualitative`` indicators take booleans and text; the others numbers.
YES_NO = "yes_no"
QUALITATIVE = "qualitative"
_NOT_NUMBERS = (YES_NO, QUALITATIVE)
_VALUE_LIMIT = 10**VALUE_INTEGER_DIGITS
# Only voluntary contributions may be earmarked, and only to a result of an outcome level.
VOLUNTARY = "voluntary_contributions"
OUTCOME = "outcome"


@dataclass(frozen=True)
class PlanError:
    """One problem in a plan file and where it is (``results[3].unit``)."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class PlanFileError(Exception):
    """A plan file that cannot be loaded, with every problem found in it."""

    def __init__(self, errors: list[PlanError]):
        self.errors = errors
        count = len(errors)
        first = str(errors[0]) if errors else ""
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")


# --------------------------------------------------------------------------- reading


def _loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_plan(text: str, *, kind: str = "") -> dict[str, Any]:
    """Parse plan text as JSON or YAML (``kind`` "json"/"yaml", or guessed from
    the first character); broken syntax is reported with line and column."""
    if not kind:
        kind = "json" if text.lstrip()[:1] in ("{", "[") else "yaml"
    if kind == "json":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            place = f"line {exc.lineno}, column {exc.colno}"
            raise PlanFileError([PlanError(place, f"broken JSON: {exc.msg}")]) from None
    else:
        try:
            document = yaml.load(text, Loader=_loader())
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problem = " ".join(p for p in (exc.context, exc.problem) if p)
            raise PlanFileError([PlanError(place, f"broken YAML: {problem}")]) from None
        except yaml.YAMLError as exc:
            raise PlanFileError([PlanError("", f"broken YAML: {exc}")]) from None
    if document is None:
        raise PlanFileError([PlanError("", "the file is empty")])
    if not isinstance(document, dict):
        raise PlanFileError(
            [PlanError("", f"a plan file holds one mapping, not {_type_name(document)}")]
        )
    return document


def read_plan(path: str | Path) -> dict[str, Any]:
    """Read a plan file, JSON or YAML by its extension (or its content)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanFileError([PlanError("", f"cannot read the file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(
            [PlanError(f"byte {exc.start}", "the file is not UTF-8 text")]
        ) from None
    suffix = path.suffix.lower()
    kind = "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") else ""
    return parse_plan(text, kind=kind)


# --------------------------------------------------------------------- shape pass

Check = Callable[[Any, str, list[PlanError]], bool]

_EXACT_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
    "array": (), "object": (), "null": (type(None),),
}
_TYPE_NAMES = {
    "string": "a string", "integer": "an integer", "number": "a number",
    "boolean": "true or false", "array": "a list", "object": "a mapping", "null": "null",
}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_type(value: Any, name: str, date_ok: bool) -> bool:
    if name == "string":
        return isinstance(value, str) or (date_ok and isinstance(value, dt.date))
    if name == "integer":
        if isinstance(value, bool):
            return False
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    return value is None


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema of the plan format, as shipped in the package."""
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


class _Compiler:
    """Turns the subset of JSON Schema the plan format uses into Python checks.

    Supported keywords: $ref (to $defs), type, enum, const, pattern, format
    (date), minLength, maxLength, minimum, maximum, exclusiveMinimum, minItems,
    items, properties, required, additionalProperties, propertyNames, and anyOf
    over branches of different types (the value's type picks its branch).
    Anything else in the schema is refused, so the checks cannot silently drift
    from it.
    """

    KNOWN = {
        "$ref", "type", "enum", "const", "pattern", "format", "minLength", "maxLength",
        "minimum", "maximum", "exclusiveMinimum", "minItems", "items", "properties",
        "required", "additionalProperties", "propertyNames", "description", "title",
        "$schema", "$id", "$defs", "anyOf",
    }

    def __init__(self, schema: dict[str, Any]):
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.compiled_defs: dict[str, Check] = {}

    def compile(self, node: dict[str, Any]) -> Check:
        unknown = set(node) - self.KNOWN
        if unknown:
            raise ValueError(f"plan schema uses unsupported keywords: {sorted(unknown)}")
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in self.compiled_defs:
                self.compiled_defs[name] = self._compile_def(name)
            return self.compiled_defs[name]
        if "anyOf" in node:
            return self._compile_any_of(node["anyOf"])
        if node.get("type") == "object" or "properties" in node:
            return self._compile_object(node)
        if node.get("type") == "array":
            return self._compile_array(node)
        return self._compile_scalar(node, described=None)

    def _compile_def(self, name: str) -> Check:
        node = self.defs[name]
        if node.get("type") in ("object", "array"):
            return self.compile(node)
        return self._compile_scalar(node, described=node.get("description"))

    def _compile_scalar(self, node: dict[str, Any], described: str | None) -> Check:
        types = node.get("type")
        type_list: list[str] = [types] if isinstance(types, str) else list(types or [])
        exact = {t for name in type_list for t in _EXACT_TYPES[name]}
        if node.get("format") == "date" and "string" in type_list:
            exact |= {dt.date, dt.datetime}
        enum: list[str] = node.get("enum") or []
        enum_set = set(enum) if "enum" in node else None
        const = node.get("const", _MISSING)
        pattern = re.compile(node["pattern"]) if "pattern" in node else None
        is_date = node.get("format") == "date"
        min_len, max_len = node.get("minLength"), node.get("maxLength")
        minimum, maximum = node.get("minimum"), node.get("maximum")
        exclusive_min = node.get("exclusiveMinimum")
        hint = f"; {described[0].lower()}{described[1:]}" if described else ""
        has_text_rules = any(
            x is not None for x in (min_len, max_len, pattern)
        ) or is_date or enum_set is not None
        has_number_rules = any(x is not None for x in (minimum, maximum, exclusive_min))

        def slow(value: Any, place: str, errors: list[PlanError]) -> bool:
            if type_list and not any(_is_type(value, t, is_date) for t in type_list):
                wanted = " or ".join(_TYPE_NAMES[t] for t in type_list)
                errors.append(PlanError(place, f"expected {wanted}, got {_show(value)}{hint}"))
                return False
            if const is not _MISSING and value != const:
                errors.append(PlanError(place, f"must be {_show(const)}, not {_show(value)}"))
                return False
            if enum_set is not None and (not isinstance(value, str) or value not in enum_set):
                errors.append(
                    PlanError(place, f"{_show(value)} is not one of: {', '.join(enum)}")
                )
                return False
            if isinstance(value, str):
                if min_len is not None and len(value) < min_len:
                    errors.append(PlanError(place, "must not be empty"))
                    return False
                if max_len is not None and len(value) > max_len:
                    errors.append(PlanError(place, f"is longer than {max_len} characters"))
                    return False
                if pattern is not None and not pattern.match(value):
                    errors.append(PlanError(place, f"{_show(value)} is not valid{hint}"))
                    return False
                if is_date:
                    try:
                        dt.date.fromisoformat(value)
                    except ValueError:
                        message = f"{_show(value)} is not a date (YYYY-MM-DD)"
                        errors.append(PlanError(place, message))
                        return False
            elif isinstance(value, int | float) and not isinstance(value, bool):
                if minimum is not None and value < minimum:
                    errors.append(PlanError(place, f"{_show(value)} is below {minimum}{hint}"))
                    return False
                if exclusive_min is not None and value <= exclusive_min:
                    errors.append(
                        PlanError(place, f"{_show(value)} must be above {exclusive_min}{hint}")
                    )
                    return False
                if maximum is not None and value > maximum:
                    errors.append(PlanError(place, f"{_show(value)} is above {maximum}{hint}"))
                    return False
            return True

        if const is not _MISSING or not exact:
            return slow
        # Fast paths: most values pass, so the common case costs a type lookup
        # (and a set or pattern lookup); anything unusual takes the slow path,
        # which also words the error.
        if not has_text_rules and not has_number_rules:

            def check_type(value: Any, place: str, errors: list[PlanError]) -> bool:
                return type(value) in exact or slow(value, place, errors)

            return check_type
        if enum_set is not None and not has_number_rules and min_len is None and max_len is None:

            def check_enum(value: Any, place: str, errors: list[PlanError]) -> bool:
                return (type(value) is str and value in enum_set) or slow(value, place, errors)

            return check_enum
        good: set[Any] = set()  # values already found valid (codes, periods repeat a lot)

        def check_memo(value: Any, place: str, errors: list[PlanError]) -> bool:
            if type(value) in exact and value in good:
                return True
            if slow(value, place, errors):
                if len(good) < 500_000 and type(value) in exact:
                    good.add(value)
                return True
            return False

        return check_memo

    def _types_of(self, node: dict[str, Any]) -> list[str]:
        if "$ref" in node:
            node = self.defs[node["$ref"].rsplit("/", 1)[-1]]
        types: str | list[str] = node.get("type") or ("object" if "properties" in node else [])
        return [types] if isinstance(types, str) else list(types)

    def _compile_any_of(self, branches: list[dict[str, Any]]) -> Check:
        """A value takes the first branch of its type; its errors are that branch's."""
        options = [(self._types_of(branch), self.compile(branch)) for branch in branches]
        wanted = " or ".join(_TYPE_NAMES[t] for types, _ in options for t in types)

        def check(value: Any, place: str, errors: list[PlanError]) -> bool:
            for types, branch in options:
                if any(_is_type(value, t, False) for t in types):
                    return branch(value, place, errors)
            errors.append(PlanError(place, f"expected {wanted}, got {_show(value)}"))
            return False

        return check

    def _compile_array(self, node: dict[str, Any]) -> Check:
        item_check = self.compile(node["items"]) if "items" in node else None
        min_items = node.get("minItems")

        def check(value: Any, place: str, errors: list[PlanError]) -> bool:
            if not isinstance(value, list):
                errors.append(PlanError(place, f"expected a list, got {_show(value)}"))
                return False
            if min_items is not None and len(value) < min_items:
                errors.append(PlanError(place, f"needs at least {min_items} item(s)"))
                return False
            ok = True
            if item_check is not None:
                for i, item in enumerate(value):
                    here = None if place is None else f"{place}[{i}]"
                    ok = item_check(item, here, errors) and ok  # type: ignore[arg-type]
            return ok

        return check

    def _compile_object(self, node: dict[str, Any]) -> Check:
        record = self.compile_record(node)

        def check(value: Any, place: str, errors: list[PlanError]) -> bool:
            bad = record(value, place, errors)
            return bad is not None and not bad

        return check

    def compile_record(
        self, node: dict[str, Any]
    ) -> Callable[[Any, str, list[PlanError]], set[str] | None]:
        """A check of one mapping that returns the keys found bad (None: not a mapping)."""
        props = {name: self.compile(sub) for name, sub in node.get("properties", {}).items()}
        required = list(node.get("required", []))
        extra = node.get("additionalProperties", True)
        extra_check = self.compile(extra) if isinstance(extra, dict) else None
        names_check = self.compile(node["propertyNames"]) if "propertyNames" in node else None
        closed = extra is False

        prop_names = frozenset(props)
        required_set = frozenset(required)

        def check(value: Any, place: str, errors: list[PlanError]) -> set[str] | None:
            if place is None and type(value) is dict:
                # Quiet pass: stop at the first problem; the loud pass words it.
                keys = value.keys()
                if not keys >= required_set or (closed and not keys <= prop_names):
                    return {"?"}
                for key, sub in value.items():
                    prop = props.get(key)
                    if prop is None:
                        if (names_check is not None and not names_check(key, None, errors)) or (
                            extra_check is not None and not extra_check(sub, None, errors)
                        ):
                            return {key}
                    elif not prop(sub, None, errors):  # type: ignore[arg-type]
                        return {key}
                return _NO_KEYS
            if not isinstance(value, dict):
                errors.append(PlanError(place, f"expected a mapping, got {_show(value)}"))
                return None
            bad: set[str] = set()
            for name in required:
                if name not in value:
                    errors.append(PlanError(place, f"missing required key '{name}'"))
                    bad.add(name)
            for key, sub in value.items():
                here = None if place is None else f"{place}.{key}" if place else str(key)
                prop = props.get(key) if isinstance(key, str) else None
                if prop is not None:
                    if not prop(sub, here, errors):
                        bad.add(key)
                    continue
                if closed:
                    errors.append(PlanError(here, "unknown key"))
                    bad.add(key)
                    continue
                if names_check is not None:
                    is_number = isinstance(key, int) and not isinstance(key, bool)
                    shown_key = str(key) if is_number else key
                    if not names_check(shown_key, here, errors):
                        bad.add(key)
                        continue
                if extra_check is not None and not extra_check(sub, here, errors):
                    bad.add(key)
            return bad

        return check


_MISSING = object()
_NO_KEYS: set[str] = set()  # shared empty result of the quiet pass; never mutated


@dataclass
class _Shape:
    top: Callable[[Any, str, list[PlanError]], set[str] | None]
    records: dict[str, Callable[[Any, str, list[PlanError]], set[str] | None]]
    cycle: Callable[[Any, str, list[PlanError]], set[str] | None]


@cache
def _shape() -> _Shape:
    schema = load_schema()
    compiler = _Compiler(schema)
    props = schema["properties"]
    top_node = {
        "type": "object",
        "additionalProperties": False,
        "required": schema["required"],
        "properties": {"format": props["format"]},
    }
    # Sections are walked record by record below; here they only need to exist.
    top_node["properties"].update({name: {} for name in props if name != "format"})
    return _Shape(
        top=compiler.compile_record(top_node),
        records={name: compiler.compile_record(props[name]["items"]) for name in SECTIONS},
        cycle=compiler.compile_record(props["cycle"]),
    )


# ------------------------------------------------------------------- conversions


def to_decimal(value: Any) -> Decimal:
    """A JSON number or decimal string as an exact Decimal (floats via their repr)."""
    if isinstance(value, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{_show(value)} is not a number") from None
    raise ValueError(f"{_show(value)} is not a number")


def _places_problem(number: Decimal, places: int, integer_digits: int) -> str:
    if not number.is_finite():
        return "is not a finite number"
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places and number != number.quantize(
        Decimal(1).scaleb(-places)
    ):
        return f"has more than {places} decimal places"
    if number != 0 and number.adjusted() >= integer_digits:
        return f"is too large (at most {integer_digits} digits before the point)"
    return ""


def to_amount(value: Any) -> Decimal:
    """Money from a plan file, with exactly two places."""
    return to_decimal(value).quantize(Decimal("0.01"))


def to_value(value: Any, unit: str) -> tuple[Decimal | None, str]:
    """An indicator value as stored: (number, text). yes/no becomes 1 or 0."""
    if unit == QUALITATIVE:
        return None, value
    if unit == YES_NO:
        return Decimal(1 if value else 0), ""
    return to_decimal(value), ""


def to_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


@cache
def _period(value: int | str) -> Period:
    return Period.parse(value)


def to_period(value: Any) -> Period:
    """A period from a plan key or value; the few distinct keys are parsed once."""
    return _period(value)


# -------------------------------------------------------------------- meaning pass


class _Meaning:
    """The checks that need the whole document: codes, references, loops, periods."""

    def __init__(self, document: dict[str, Any], views: dict[str, list[dict[str, Any]]],
                 errors: list[PlanError]):
        self.document = document
        self.views = views
        self.errors = errors
        self.codes: dict[str, set[str]] = {}
        given = document.get("cycle")
        cycle: dict[str, Any] = given if isinstance(given, dict) else {}
        self.start: int | None = (
            cycle.get("start_year") if isinstance(cycle.get("start_year"), int) else None
        )
        self.end: int | None = (
            cycle.get("end_year") if isinstance(cycle.get("end_year"), int) else None
        )
        if self.start is None or self.end is None or self.end < self.start:
            self.start = self.end = None  # reported on the cycle; no year checks against it

    def error(self, place: str, message: str) -> None:
        self.errors.append(PlanError(place, message))

    # -- helpers

    def items(self, section: str) -> Iterable[tuple[int, dict[str, Any]]]:
        return enumerate(self.views.get(section, ()))

    def collect_codes(self, section: str, noun: str) -> set[str]:
        seen: dict[str, int] = {}
        for i, item in self.items(section):
            code = item.get("code")
            if code is None:
                continue
            if code in seen:
                self.error(
                    f"{section}[{i}].code",
                    f"duplicate {noun} code '{code}' (first at {section}[{seen[code]}])",
                )
            else:
                seen[code] = i
        self.codes[section] = set(seen)
        return self.codes[section]

    def ref(self, item: dict[str, Any], key: str, place: str, known: set[str], noun: str) -> bool:
        code = item.get(key)
        if code is None:
            return False
        if code not in known:
            self.error(f"{place}.{key}", f"no {noun} '{code}' in this file")
            return False
        return True

    def year_in_cycle(self, year: int, place: str) -> None:
        if self.start is not None and self.end is not None and not (self.start <= year <= self.end):
            self.error(place, f"{year} is outside the cycle {self.start}-{self.end}")

    def decimal(self, value: Any, place: str, places: int, digits: int, what: str) -> Any:
        """The value as a number if it keeps within ``places`` and ``digits``, else None."""
        kind = type(value)
        if kind is int and -(10**digits) < value < 10**digits:
            return value
        if kind is float:
            text = repr(value)
            point = text.find(".")
            if "e" not in text and "n" not in text and (
                point < 0 or len(text) - point - 1 <= places
            ) and abs(value) < 10**digits:
                return value
        try:
            number = to_decimal(value)
        except ValueError as exc:
            self.error(place, str(exc))
            return None
        problem = _places_problem(number, places, digits)
        if problem:
            self.error(place, f"{what} {_show(value)} {problem}")
            return None
        return number

    def amount(self, item: dict[str, Any], key: str, place: str) -> None:
        if key in item:
            self.money(item[key], f"{place}.{key}")

    def money(self, value: Any, place: str) -> None:
        number = self.decimal(value, place, AMOUNT_PLACES, AMOUNT_INTEGER_DIGITS, "amount")
        if number is not None and number < 0:
            self.error(place, f"amount {_show(value)} is negative; amounts cannot be negative")

    # -- sections

    def run(self) -> None:
        self.check_cycle()
        levels = self.collect_codes("levels", "level")
        units = self.check_units()
        grades = self.check_grades()
        people = self.check_people(units, grades)
        funds = self.check_funds()
        results = self.check_results(levels, units, people)
        self.check_indicators(results, people)
        self.check_costs(results, funds)
        self.check_allocations(people, results)
        self.check_risks(units, results, people)
        self.check_assumptions(results)
        self.check_revenue(results)
        self.check_action_lines(units)

    def check_cycle(self) -> None:
        cycle = self.views.get("cycle", [{}])[0]
        start, end = cycle.get("start_year"), cycle.get("end_year")
        base = cycle.get("baseline_year")
        if start is not None and end is not None and end < start:
            self.error("cycle.end_year", f"the cycle cannot end ({end}) before it starts ({start})")
        if start is not None and base is not None and base > start:
            self.error(
                "cycle.baseline_year",
                f"the baseline year {base} cannot follow the start year {start}",
            )
        thresholds = {}
        for key in ("on_track", "at_risk"):
            if key in cycle:
                thresholds[key] = self.decimal(
                    cycle[key], f"cycle.{key}", THRESHOLD_PLACES, 1, "threshold"
                )
        on_track = thresholds.get("on_track") or Decimal("0.9")
        at_risk = thresholds.get("at_risk") or Decimal("0.7")
        if at_risk > on_track:
            self.error(
                "cycle.at_risk", f"at_risk ({at_risk}) cannot be above on_track ({on_track})"
            )

    def check_units(self) -> set[str]:
        units = self.collect_codes("units", "unit")
        edges = []
        where: dict[tuple[str, str], int] = {}
        for i, item in self.items("units"):
            if self.ref(item, "parent", f"units[{i}]", units, "unit"):
                code = item.get("code")
                if code is not None:
                    edge = (code, item["parent"])
                    edges.append(edge)
                    where.setdefault(edge, i)
        loop = find_loop(edges)
        if loop is not None:
            i = where[(loop[-2], loop[-1])]
            self.error(f"units[{i}].parent", f"unit tree loop: {format_loop(loop)}")
        return units

    def check_grades(self) -> set[str]:
        grades = self.collect_codes("grades", "grade")
        for i, item in self.items("grades"):
            for year, amount in (item.get("annual_cost") or {}).items():
                place = f"grades[{i}].annual_cost.{year}"
                self.year_in_cycle(int(year), place)
                self.money(amount, place)
        return grades

    def check_people(self, units: set[str], grades: set[str]) -> set[str]:
        people = self.collect_codes("people", "person")
        for i, item in self.items("people"):
            place = f"people[{i}]"
            self.ref(item, "unit", place, units, "unit")
            self.ref(item, "grade", place, grades, "grade")
            if "capacity" in item:
                self.decimal(item["capacity"], f"{place}.capacity", CAPACITY_PLACES, 1, "capacity")
        return people

    def check_funds(self) -> set[str]:
        funds = self.collect_codes("funds", "fund")
        for i, item in self.items("funds"):
            if item.get("code") == REGULAR_BUDGET:
                self.error(
                    f"funds[{i}].code",
                    f"'{REGULAR_BUDGET}' is implicit in every cycle; do not list it",
                )
        return funds | {REGULAR_BUDGET}

    def check_results(self, levels: set[str], units: set[str], people: set[str]) -> set[str]:
        results = self.collect_codes("results", "result")
        edges: list[tuple[str, str]] = []
        where: dict[tuple[str, str], str] = {}
        for i, item in self.items("results"):
            place = f"results[{i}]"
            self.ref(item, "level", place, levels, "level")
            self.ref(item, "unit", place, units, "unit")
            self.ref(item, "person", place, people, "person")
            code = item.get("code")
            seen: dict[str, int] = {}
            for j, parent in enumerate(item.get("parents") or ()):
                here = f"{place}.parents[{j}]"
                if "weight" in parent:
                    self.decimal(parent["weight"], f"{here}.weight", WEIGHT_PLACES, 5, "weight")
                if not self.ref(parent, "code", here, results, "result"):
                    continue
                target = parent["code"]
                if target in seen:
                    self.error(
                        f"{here}.code",
                        f"'{target}' is already a parent (at {place}.parents[{seen[target]}])",
                    )
                    continue
                seen[target] = j
                if code is not None:
                    edges.append((code, target))
                    where.setdefault((code, target), f"{here}.code")
        for _ in range(MAX_LOOPS_REPORTED):
            loop = find_loop(edges)
            if loop is None:
                break
            closing = (loop[-2], loop[-1])
            self.error(where[closing], f"link loop: {format_loop(loop)}")
            edges = [edge for edge in edges if edge != closing]
        return results

    def check_value(self, value: Any, unit: str, place: str) -> None:
        if type(value) is int and unit not in _NOT_NUMBERS and -_VALUE_LIMIT < value < _VALUE_LIMIT:
            return
        if unit == QUALITATIVE:
            if not isinstance(value, str):
                self.error(place, f"a qualitative indicator takes text, not {_show(value)}")
        elif unit == YES_NO:
            if not isinstance(value, bool):
                self.error(place, f"a yes_no indicator takes true or false, not {_show(value)}")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            self.error(place, f"a {unit} indicator takes a number, not {_show(value)}")
        else:
            self.decimal(value, place, VALUE_PLACES, VALUE_INTEGER_DIGITS, "value")

    def check_indicators(self, results: set[str], people: set[str]) -> None:
        codes = self.collect_codes("indicators", "indicator")
        self.check_computed(codes)
        for i, item in self.items("indicators"):
            place = f"indicators[{i}]"
            self.ref(item, "result", place, results, "result")
            self.ref(item, "responsible", place, people, "person")
            unit = item.get("unit", "number")
            if "weight" in item:
                self.decimal(item["weight"], f"{place}.weight", WEIGHT_PLACES, 5, "weight")
            baseline = item.get("baseline")
            if baseline is not None:
                year = baseline["year"]
                if self.start is not None and year > self.start:
                    self.error(
                        f"{place}.baseline.year",
                        f"the baseline year {year} is after the cycle start {self.start}",
                    )
                self.check_value(baseline["value"], unit, f"{place}.baseline.value")
            for key in ("targets", "actuals"):
                values = item.get(key)
                if not values:
                    continue
                # Distinct text keys are distinct periods (the key pattern is
                # canonical); only YAML's integer keys can repeat a text one.
                mixed = not all(type(raw) is str for raw in values)
                seen: set[Period] = set()
                for raw, value in values.items():
                    period = to_period(raw)
                    if mixed:
                        if period in seen:
                            self.error(f"{place}.{key}.{raw}", f"period {period} is given twice")
                        seen.add(period)
                    if self.start is not None and self.end is not None and not (
                        self.start <= period.year <= self.end
                    ):
                        self.year_in_cycle(period.year, f"{place}.{key}.{raw}")
                    self.check_value(value, unit, f"{place}.{key}.{raw}")

    def check_computed(self, codes: set[str]) -> None:
        """Computed indicators: a method with sources, known numeric sources given once,
        no loops, no actuals of their own."""
        unit_of = {
            item["code"]: item.get("unit", "number")
            for _, item in self.items("indicators") if "code" in item
        }
        edges: list[tuple[str, str]] = []
        where: dict[tuple[str, str], str] = {}
        for i, item in self.items("indicators"):
            place = f"indicators[{i}]"
            code, method = item.get("code"), item.get("computation")
            sources = item.get("computed_from")
            if method is None and sources is None:
                continue
            given = set(item) | set(self.raw_keys("indicators", i))  # keys with shape errors too
            if "computation" not in given:
                self.error(f"{place}.computation", "computed_from needs a computation: "
                           "sum, mean, weighted_mean, min, max, latest or cumulative")
            elif "computed_from" not in given:
                self.error(f"{place}.computed_from", f"a computed indicator ({method}) needs "
                           "computed_from: the indicators it is computed from")
            unit = item.get("unit", "number")
            if method is not None and unit == QUALITATIVE:
                self.error(f"{place}.computation", "a qualitative indicator cannot be computed")
            elif method is not None and unit == YES_NO and method not in ("min", "max", "latest"):
                self.error(f"{place}.computation", "a yes_no indicator can only be computed as "
                           f"min (all yes), max (any yes) or latest, not {method}")
            seen: dict[str, int] = {}
            for j, entry in enumerate(sources or ()):
                here = f"{place}.computed_from[{j}]"
                if isinstance(entry, dict):
                    if "weight" in entry:
                        self.decimal(entry["weight"], f"{here}.weight", WEIGHT_PLACES, 5, "weight")
                    source, here = entry.get("code"), f"{here}.code"
                else:
                    source = entry
                if source is None:
                    continue
                if source not in codes:
                    self.error(here, f"no indicator '{source}' in this file")
                elif source == code:
                    self.error(here, f"{code} cannot be computed from itself")
                elif source in seen:
                    self.error(here, f"'{source}' is already a source "
                                     f"(at {place}.computed_from[{seen[source]}])")
                elif unit_of.get(source) == QUALITATIVE:
                    self.error(here, f"{source} is qualitative: it has no numbers to compute from")
                else:
                    seen[source] = j
                    if code is not None:
                        edges.append((code, source))
                        where.setdefault((code, source), here)
            if method is not None and sources and item.get("actuals"):
                self.error(f"{place}.actuals", f"{code} is computed from {', '.join(seen)} "
                           f"({method}): its actuals are computed and cannot be given")
        for _ in range(MAX_LOOPS_REPORTED):
            loop = find_loop(edges)
            if loop is None:
                break
            closing = (loop[-2], loop[-1])
            self.error(where[closing], f"computation loop: {format_loop(loop)}")
            edges = [edge for edge in edges if edge != closing]

    def check_costs(self, results: set[str], funds: set[str]) -> None:
        seen: dict[tuple[Any, ...], int] = {}
        for i, item in self.items("costs"):
            place = f"costs[{i}]"
            self.ref(item, "result", place, results, "result")
            self.ref(item, "source", place, funds, "fund")
            if "year" in item:
                self.year_in_cycle(item["year"], f"{place}.year")
            self.amount(item, "amount", place)
            key = (item.get("result"), item.get("year"), item.get("category"),
                   item.get("source", REGULAR_BUDGET))
            if None not in key:
                if key in seen:
                    self.error(place, f"duplicate cost line for {key[0]} {key[1]} {key[2]} "
                                      f"{key[3]} (first at costs[{seen[key]}])")
                else:
                    seen[key] = i

    def check_allocations(self, people: set[str], results: set[str]) -> None:
        seen: dict[tuple[Any, ...], int] = {}
        for i, item in self.items("allocations"):
            place = f"allocations[{i}]"
            self.ref(item, "person", place, people, "person")
            self.ref(item, "result", place, results, "result")
            if "year" in item:
                self.year_in_cycle(item["year"], f"{place}.year")
            if "share" in item:
                self.decimal(item["share"], f"{place}.share", SHARE_PLACES, 1, "share")
            key = (item.get("person"), item.get("result"), item.get("year"))
            if None not in key:
                if key in seen:
                    self.error(place, f"duplicate allocation of {key[0]} to {key[1]} in {key[2]} "
                                      f"(first at allocations[{seen[key]}])")
                else:
                    seen[key] = i

    def check_risks(self, units: set[str], results: set[str], people: set[str]) -> None:
        self.collect_codes("risks", "risk")
        for i, item in self.items("risks"):
            place = f"risks[{i}]"
            self.ref(item, "unit", place, units, "unit")
            self.ref(item, "result", place, results, "result")
            self.ref(item, "owner", place, people, "person")
            given = set(item) | set(self.raw_keys("risks", i))
            has_l, has_i = "residual_likelihood" in given, "residual_impact" in given
            if has_l != has_i:
                missing = "residual_impact" if has_l else "residual_likelihood"
                self.error(
                    f"{place}.{missing}",
                    "give both residual_likelihood and residual_impact, or neither",
                )

    def raw_keys(self, section: str, i: int) -> Iterable[str]:
        items = self.document.get(section)
        if isinstance(items, list) and isinstance(items[i], dict):
            return items[i].keys()
        return ()

    def check_assumptions(self, results: set[str]) -> None:
        for i, item in self.items("assumptions"):
            self.ref(item, "result", f"assumptions[{i}]", results, "result")

    def check_revenue(self, results: set[str]) -> None:
        kinds = {level.get("code"): level.get("kind") for _, level in self.items("levels")}
        outcomes = {
            r.get("code") for _, r in self.items("results") if kinds.get(r.get("level")) == OUTCOME
        }
        seen: dict[tuple[Any, ...], int] = {}
        for i, item in self.items("revenue"):
            place = f"revenue[{i}]"
            if "year" in item:
                self.year_in_cycle(item["year"], f"{place}.year")
            self.amount(item, "amount", place)
            if self.ref(item, "outcome", place, results, "result"):
                code = item["outcome"]
                if item.get("stream", VOLUNTARY) != VOLUNTARY:
                    self.error(f"{place}.outcome", f"only {VOLUNTARY} can be earmarked to an outcome")
                elif code not in outcomes:
                    self.error(f"{place}.outcome", f"'{code}' is not an outcome; earmark to an outcome")
            key = (item.get("stream"), item.get("year"), item.get("outcome"))
            if None not in key[:2]:
                if key in seen:
                    earmark = f" earmarked to {key[2]}" if key[2] else ""
                    self.error(place, f"duplicate revenue for {key[0]} {key[1]}{earmark} "
                                      f"(first at revenue[{seen[key]}])")
                else:
                    seen[key] = i

    def check_action_lines(self, units: set[str]) -> None:
        self.collect_codes("action_lines", "action line")
        for i, item in self.items("action_lines"):
            self.ref(item, "owner", f"action_lines[{i}]", units, "unit")


def _good_part(item: Any, bad: set[str] | None) -> dict[str, Any]:
    if bad is None:
        return {}
    if not bad:
        return item  # type: ignore[no-any-return]
    return {k: v for k, v in item.items() if k not in bad}


_PLACE_RE = re.compile(r"^([A-Za-z_]+)(?:\[(\d+)\])?")
_SECTION_RANK = {name: rank for rank, name in enumerate(("format", "cycle", *SECTIONS), 1)}


def _document_order(error: PlanError) -> tuple[int, int]:
    """Errors sort by section, then record, as a reader meets them in the file;
    within a record they keep the order they were found in (the sort is stable)."""
    match = _PLACE_RE.match(error.place)
    if not match:
        return (0, 0)
    return (_SECTION_RANK.get(match.group(1), 0), int(match.group(2) or 0))


def validate_plan(document: Any) -> None:
    """Check a parsed plan; raise ``PlanFileError`` listing every problem found."""
    errors: list[PlanError] = []
    if not isinstance(document, dict):
        raise PlanFileError(
            [PlanError("", f"a plan file holds one mapping, not {_type_name(document)}")]
        )
    shape = _shape()
    shape.top(document, "", errors)
    views: dict[str, list[dict[str, Any]]] = {}
    cycle = document.get("cycle")
    if cycle is not None:
        views["cycle"] = [_good_part(cycle, shape.cycle(cycle, "cycle", errors))]
    for section in SECTIONS:
        items = document.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            errors.append(PlanError(section, f"expected a list, got {_show(items)}"))
            continue
        if section == "levels" and not items:
            errors.append(PlanError(section, "needs at least 1 item(s)"))
        check = shape.records[section]
        view: list[dict[str, Any]] = []
        quiet: list[PlanError] = []
        for i, item in enumerate(items):
            # A quiet pass first (no places formatted); only a failing record is
            # walked again to word its errors with their places.
            bad = check(item, None, quiet)  # type: ignore[arg-type]
            if bad is None or bad:
                quiet.clear()
                bad = check(item, f"{section}[{i}]", errors)
            view.append(_good_part(item, bad))
        views[section] = view
    _Meaning(document, views, errors).run()
    if errors:
        raise PlanFileError(sorted(errors, key=_document_order))


# ------------------------------------------------------------------------- writing


def write_json(document: dict[str, Any], handle: Any) -> None:
    """Write a plan document as JSON with one record per line: readable, diffable,
    and fast (each record goes through the C encoder)."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    handle.write("{\n")
    keys = list(document)
    for n, key in enumerate(keys):
        value = document[key]
        comma = "," if n < len(keys) - 1 else ""
        if isinstance(value, list):
            handle.write(f"  {dumps(key)}: [\n")
            last = len(value) - 1
            for i, item in enumerate(value):
                handle.write(f"    {dumps(item)}{',' if i < last else ''}\n")
            handle.write(f"  ]{comma}\n")
        else:
            handle.write(f"  {dumps(key)}: {dumps(value)}{comma}\n")
    handle.write("}\n")


def write_yaml(document: dict[str, Any], handle: Any) -> None:
    """Write a plan document as YAML with the safe dumper (plain data only)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yaml.dump(document, handle, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
