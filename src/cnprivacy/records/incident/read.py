"""Turning a file, a mapping or a command-line time into an incident; one line naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cnprivacy._yaml import load_text
from cnprivacy.errors import InputError
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.incident.model import Incident
from cnprivacy.records.models import Version
from cnprivacy.records.validate import _problem, _where

#: An incident file is a page of facts; anything near this size is the wrong file.
MAX_BYTES = 1 << 20


def parse_time(text: str, source: str = "command line", field: str | None = None) -> dt.datetime:
    """ISO 8601 date and time; with an offset (``+08:00``, ``Z``) kept, without one China
    Standard Time. A bare date is refused: the clocks count hours."""
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError:
        raise InputError(source, "not a date and time (YYYY-MM-DDTHH:MM, optionally with an "
                         "offset such as +08:00 or Z)", field=field) from None
    if "T" not in text.upper() and " " not in text.strip():
        raise InputError(source, "needs a time of day, not only a date", field=field)
    return moment.replace(tzinfo=CHINA) if moment.tzinfo is None else moment


def parse_incident(data: Any, source: str) -> Incident:
    try:
        return Incident.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        raise InputError(source, _problem(first), field=_where(tuple(first["loc"])) or None) from None


def read_incident_data(path: Path) -> dict[str, Any]:
    """The raw mapping of a YAML/JSON incident file (strict: repeated keys refused)."""
    source = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(source, f"larger than {MAX_BYTES:,} bytes: not an incident file")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text") from None
    data = load_text(text, source)
    if not isinstance(data, dict):
        raise InputError(source, "expected one incident (a mapping of fields)")
    return data


def counts_from_register(current: Mapping[str, Version[Any]], activities: list[str], source: str,
                         field_name: str) -> dict[str, int]:
    """People affected from the register: the sum over the activities (an upper bound when the
    same people appear in several), each count known only if every activity's is."""
    out: dict[str, int] = {}
    for field in ("individuals", "sensitive_individuals"):
        counts = []
        for ident in activities:
            found = current.get(ident)
            if found is None:
                raise InputError(source, f"no activity {ident!r} in the register", field=field_name)
            counts.append(getattr(found.data, field))
        if counts and all(c is not None for c in counts):
            out[field] = sum(counts)
    return out
