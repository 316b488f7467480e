"""Reading a profile file (YAML or JSON), what-if overrides, and the profile's hash."""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cnprivacy._yaml import TextDatesLoader, compose, load_text
from cnprivacy.errors import InputError
from cnprivacy.profile.models import Profile

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _loc_text(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _problem(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    msg = str(error["msg"])
    value = error.get("input")
    # Show the offending value only when it is short and not a potential identifier.
    if isinstance(value, (bool, int, float)) or (isinstance(value, str) and len(value) <= 24
                                                 and not any(ch.isdigit() for ch in value)):
        msg += f" (got {value!r})"
    return msg


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    best = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k_node, v_node in node.value:
                if k_node.value == key:
                    best, node = k_node.start_mark.line + 1, v_node
                    break
            else:
                return best
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            best = node.start_mark.line + 1
        else:
            return best
    return best


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
    try:
        data = load_text(text)  # JSON is YAML, so one parser serves both
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "malformed"
        raise InputError(source, f"malformed YAML/JSON: {problem}",
                         line=mark.line + 1 if mark else None) from None
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
        return Profile.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(first["loc"])
        node = compose(text) if text is not None else None
        raise InputError(source, _problem(first), field=_loc_text(loc) or None,
                         line=_line_of(node, loc)) from None


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
        try:
            value = yaml.load(value_text, Loader=TextDatesLoader) if value_text.strip() else None
        except yaml.YAMLError:
            value = value_text
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
    return hashlib.sha256(profile.model_dump_json().encode("utf-8")).hexdigest()


def json_schema() -> dict[str, Any]:
    """The profile's JSON Schema (``cnprivacy schema profile``)."""
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cnprivacy organization profile"
    return schema
