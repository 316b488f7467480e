"""YAML loading that leaves dates as text, so that pydantic reports a bad date by field path.

PyYAML's own timestamp constructor raises a bare ValueError on ``2026-02-31`` with no field.
Parsing uses libyaml when present (much faster on big profiles); the slower node tree that
carries line numbers is built only when an error must be located.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _without_timestamps(loader: type[yaml.SafeLoader]) -> None:
    loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for key, resolvers in loader.yaml_implicit_resolvers.items()
    }


class TextDatesLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type (pure Python; gives node marks)."""


_without_timestamps(TextDatesLoader)

_FastBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastTextDatesLoader(_FastBase):
    """The same, on libyaml when available."""


_without_timestamps(_FastTextDatesLoader)


def load_text(text: str) -> Any:
    """Parse YAML (or JSON, which takes a fast path) with dates left as text."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass  # not strict JSON: let YAML parse it or report the problem
    return yaml.load(text, Loader=_FastTextDatesLoader)


def compose(text: str) -> yaml.Node | None:
    """The node tree with line marks (only used to locate an error)."""
    try:
        return yaml.compose(text, Loader=TextDatesLoader)
    except yaml.YAMLError:
        return None
