"""What each declared Android permission reaches: PI types, runtime ("dangerous") level, and
whether it falls in a family the draft 2026 app provisions single out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from cnprivacy._yaml import load_text


@dataclass(frozen=True)
class PermissionInfo:
    """One declared permission as the audit reports it."""

    name: str
    dangerous: bool
    pi_categories: tuple[str, ...]
    draft_2026: str | None


@dataclass(frozen=True)
class PiType:
    """A PI type with the words a privacy policy uses for it."""

    key: str
    en: str
    zh: str
    terms: tuple[str, ...]


def _load(name: str) -> Any:
    text = resources.files("cnprivacy.appaudit").joinpath("data", name).read_text("utf-8")
    return load_text(text, f"appaudit/data/{name}")


@lru_cache(maxsize=1)
def permission_table() -> dict[str, dict[str, Any]]:
    """The shipped permission table, keyed by full permission name."""
    table: dict[str, dict[str, Any]] = _load("permissions.yaml")
    return table


@lru_cache(maxsize=1)
def pi_types() -> dict[str, PiType]:
    """The shipped PI-type vocabulary."""
    raw = _load("pi_types.yaml")
    return {key: PiType(key, item["en"], item["zh"],
                        tuple(item.get("terms_zh", []) + item.get("terms_en", [])))
            for key, item in raw.items()}


def describe_permissions(names: tuple[str, ...]) -> list[PermissionInfo]:
    """Each declared permission, once, in manifest order; unknown ones carry no PI."""
    table = permission_table()
    out = []
    for name in names:
        entry = table.get(name, {})
        out.append(PermissionInfo(name=name, dangerous=bool(entry.get("dangerous", False)),
                                  pi_categories=tuple(entry.get("pi", [])),
                                  draft_2026=entry.get("draft_2026")))
    return out
