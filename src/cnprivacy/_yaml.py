"""A YAML loader that leaves dates as text, so that pydantic reports a bad date by field path.

PyYAML's own timestamp constructor raises a bare ValueError on ``2026-02-31`` with no field.
"""

from __future__ import annotations

import yaml


class TextDatesLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type."""


TextDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

