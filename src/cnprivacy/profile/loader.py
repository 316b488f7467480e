"""Reading a profile file (YAML or JSON), what-if overrides, and the profile's hash."""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from cnprivacy._yaml import line_of, load_text, load_value
from cnprivacy.daterange import EARLIEST_DAY, LATEST_DAY
from cnprivacy.errors import InputError
from cnprivacy.profile.models import Profile

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _loc_text(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# Error kinds where the input is a word from our vocabulary (or should have been one), so that
# showing it helps and it is no one's personal information.
_VOCABULARY_ERRORS = frozenset({"enum", "literal_error", "bool_parsing", "value_error"})
_WORD = re.compile(r"[A-Za-z_]{1,24}")


def _showable(kind: str, value: object) -> bool:
    """Whether an input may appear in a message: never text that could identify a person
    (names, e-mail addresses, phone and ID numbers), so only flags, small numbers and single
    ASCII words in a vocabulary slot."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return abs(value) < 1_000_000  # longer numbers may be phone, ID or card numbers
    return isinstance(value, str) and kind in _VOCABULARY_ERRORS and \
        _WORD.fullmatch(value) is not None


def _problem(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    msg = str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    if _showable(kind, value):
        msg += f" (got {value!r})"
    return msg


#: The span of dates the tool computes with; deadlines a few years past either end still fit.


def _may_hold_date(annotation: object, seen: frozenset[type] = frozenset()) -> bool:
    if isinstance(annotation, type):
        if issubclass(annotation, date):
            return True
        if issubclass(annotation, BaseModel):
            return annotation not in seen and bool(_date_fields(annotation, seen | {annotation}))
    return any(_may_hold_date(arg, seen) for arg in get_args(annotation))


@cache
def _date_fields(model: type[BaseModel], seen: frozenset[type] = frozenset()) -> tuple[str, ...]:
    """The fields of ``model`` that are or contain a date (the rest need not be visited)."""
    return tuple(name for name, info in model.model_fields.items()
                 if _may_hold_date(info.annotation, seen | {model}))


def _out_of_range_date(model: BaseModel) -> tuple[int | str, ...] | None:
    """The location of the first date outside EARLIEST_DAY..LATEST_DAY, if any."""
    stack: list[tuple[object, tuple[int | str, ...]]] = [(model, ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, date):
            if not EARLIEST_DAY <= value <= LATEST_DAY:
                return loc
        elif isinstance(value, BaseModel):
            stack.extend((getattr(value, name), (*loc, name))
                         for name in reversed(_date_fields(type(value))))
        elif isinstance(value, list | tuple):
            stack.extend(((item, (*loc, i)) for i, item in reversed(list(enumerate(value)))))
        elif isinstance(value, dict):
            stack.extend(((item, (*loc, str(key))) for key, item in value.items()))
    return None


def _read_text(path: Path) -> str:
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text (save the profile as UTF-8)") from None
    if "\x00" in text:
        raise InputError(source, "binary data, not a YAML or JSON profile")
    return text


def _parse(text: str, source: str) -> dict[str, Any]:
    data = load_text(text, source)  # JSON is YAML, so one parser serves both
    if not isinstance(data, dict):
        raise InputError(source, "top level must be a mapping with an 'organization' section")
    return data


def read_raw(path: Path) -> tuple[dict[str, Any], str]:
    """The raw mapping of a profile file and its text (to locate errors by line)."""
    text = _read_text(path)
    return _parse(text, str(path)), text


def validate(data: dict[str, Any], source: str, text: str | None = None) -> Profile:
    """Validate a raw mapping as a :class:`Profile`; the first problem becomes an InputError.

    ``text`` is the file's text when ``data`` came unchanged from it (gives the line number).
    """
    try:
        profile = Profile.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(first["loc"])
        raise InputError(source, _problem(first), field=_loc_text(loc) or None,
                         line=line_of(text, loc)) from None
    far = _out_of_range_date(profile)
    if far is not None:
        raise InputError(source, f"date outside {EARLIEST_DAY} to {LATEST_DAY}",
                         field=_loc_text(far) or None, line=line_of(text, far))
    return profile


def load_profile(path: Path, overrides: Iterable[str] = ()) -> Profile:
    """Load, apply ``path=value`` what-if overrides to a copy, and validate."""
    data, text = read_raw(path)
    overrides = list(overrides)
    if overrides:
        data = apply_overrides(data, overrides, str(path))
        return validate(data, str(path))  # line numbers no longer match the file
    return validate(data, str(path), text)


def _resolve_step(container: Any, segment: str | int, path_text: str, source: str) -> Any:
    if isinstance(container, list):
        if isinstance(segment, int):
            if segment >= len(container):
                raise InputError(source, "index out of range", field=f"--set {path_text}")
            return segment
        for i, item in enumerate(container):  # select list items by their id
            if isinstance(item, dict) and item.get("id") == segment:
                return i
        raise InputError(source, f"no item with id {segment!r}", field=f"--set {path_text}")
    if isinstance(container, dict):
        return segment
    raise InputError(source, "path goes through a value that is not a section",
                     field=f"--set {path_text}")


def apply_overrides(data: dict[str, Any], overrides: Iterable[str], source: str) -> dict[str, Any]:
    """Return a deep copy of ``data`` with each ``a.b[0].c=value`` (or ``transfers.t1.x=v``) set.

    Values are parsed as YAML scalars, so ``1000000``, ``true``, ``null`` and dates work.
    """
    result = copy.deepcopy(data)
    for override in overrides:
        if "=" not in override:
            raise InputError(source, "what-if must look like path=value", field=f"--set {override}")
        path_text, value_text = override.split("=", 1)
        segments: list[str | int] = [
            int(m.group(2)) if m.group(2) is not None else m.group(1)
            for m in _SEGMENT.finditer(path_text.strip())
        ]
        if not segments:
            raise InputError(source, "empty path", field=f"--set {override}")
        value = load_value(value_text) if value_text.strip() else None
        container: Any = result
        for segment in segments[:-1]:
            key = _resolve_step(container, segment, path_text, source)
            if isinstance(container, dict) and key not in container:
                container[key] = {}
            container = container[key]
        last = _resolve_step(container, segments[-1], path_text, source)
        container[last] = value
    return result


def profile_hash(profile: Profile) -> str:
    """A stable hash of the validated profile (what the rules actually saw)."""
    # pydantic serialises fields in declaration order, so this JSON is canonical for a model.
    # The serializer's bytes are model_dump_json()'s text before it is decoded: hashing them
    # gives the same digest without a decode and re-encode of a register-sized profile.
    return hashlib.sha256(profile.__pydantic_serializer__.to_json(profile)).hexdigest()


def json_schema() -> dict[str, Any]:
    """The profile's JSON Schema (``cnprivacy schema profile``)."""
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cnprivacy organization profile"
    return schema
