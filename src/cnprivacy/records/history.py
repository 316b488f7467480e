"""What changed between two versions of a record, as field paths (the history's "what")."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        if not value:
            out[prefix] = {}
        for key, inner in value.items():
            _flatten(inner, f"{prefix}.{key}" if prefix else str(key), out)
    else:
        # Lists are compared whole: an inserted recipient is one change, not a shifted tail.
        out[prefix] = value


def changed_fields(old: BaseModel | None, new: BaseModel) -> list[str]:
    """Sorted top-level or nested field paths whose values differ; every set field if new."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if old is not None:
        _flatten(old.model_dump(mode="json"), "", before)
    _flatten(new.model_dump(mode="json"), "", after)
    if old is None:
        return sorted(k for k, v in after.items() if v not in (None, [], {}))
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
