"""Turning a file or mapping into register entries: the first problem is one line naming the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cnprivacy._yaml import load_text
from cnprivacy.errors import InputError
from cnprivacy.records.models import Activity


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _problem(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field"
    if error["type"] == "missing":
        return "required field is missing"
    # No input values in the message: a register field may hold a person's name.
    return str(error["msg"])


def parse_activity(data: Any, source: str, where: str = "") -> Activity:
    """Validate one activity mapping; ``where`` prefixes the field path (``activities[2]``)."""
    try:
        return Activity.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        path = _where(tuple(first["loc"]))
        field = ".".join(p for p in (where, path) if p) or None
        raise InputError(source, _problem(first), field=field) from None


def read_activities(path: Path) -> list[Activity]:
    """A YAML/JSON file holding one activity, a list of them, or ``{activities: [...]}``.

    All are validated before any is returned, so a bad entry refuses the whole file."""
    source = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text") from None
    data = load_text(text, source)  # strict: repeated keys, aliases and deep nesting refused
    if isinstance(data, dict) and "activities" in data:
        if set(data) != {"activities"}:
            extra = sorted(set(data) - {"activities"})[0]
            raise InputError(source, "unknown field", field=str(extra))
        data, prefix = data["activities"], "activities"
    elif isinstance(data, dict):
        return [parse_activity(data, source)]
    else:
        prefix = ""
    if not isinstance(data, list) or not data:
        raise InputError(source, "expected an activity, a list of activities or "
                         "{activities: [...]}", field=prefix or None)
    out = [parse_activity(item, source, f"{prefix}[{i}]") for i, item in enumerate(data)]
    seen: set[str] = set()
    for i, act in enumerate(out):
        if act.id in seen:
            raise InputError(source, f"duplicate id {act.id!r}", field=f"{prefix}[{i}].id")
        seen.add(act.id)
    return out
