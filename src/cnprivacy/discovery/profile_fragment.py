"""The profile fragment ``scan --emit-profile`` writes (field names of spec/profile.md).

Counts are the scan's organisation-level totals; the data categories of everything found go
into one processing activity. Without a base profile, placeholders fill the organisation's
required name and country so that ``assess`` accepts the file as it is.

Given a base profile (``--profile-base``), a copy of it is edited, never the base itself:

* An organisation-wide count is the larger of the base's and the scan's. One export seen by a
  scan is part of what the organisation processes, so its count can raise the total but never
  replace 1,450,000 people with 3,000 (the thresholds of PIPL art. 40 and the CAC rules would
  silently stop applying). The larger, not the sum: the scanned people may already be among
  the base's. The scan's own count stays beside it, in the ``discovered-pi`` activity.
* The base's text is edited in a round trip (ruamel.yaml): its comments, key order and
  quoting survive, so a DPO's notes are still there in the merged file.
"""

from __future__ import annotations

import copy
import io
from collections.abc import MutableMapping
from typing import Any

from cnprivacy.discovery.results import ScanResult

ACTIVITY_ID = "discovered-pi"
HEADER = "# written by cnprivacy scan: counts are distinct individuals found\n"
_COUNTS = ("individuals_processed", "sensitive_individuals_processed",
           "minors_under_14_processed", "minors_processed")


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def profile_fragment(result: ScanResult,
                     base: MutableMapping[str, Any] | None = None) -> MutableMapping[str, Any]:
    """A profile mapping with the scan's counts and data categories (a copy of ``base``, whose
    organisation-wide counts are never lowered, when one is given)."""
    out: MutableMapping[str, Any] = copy.deepcopy(base) if base else {
        "organization": {"name": "(organisation name: fill in)", "country": "CN"},
        "processing": [],
    }
    org = out.setdefault("organization", {})
    totals = result.totals
    for name, value in zip(_COUNTS, (totals.individuals, totals.sensitive_individuals,
                                     totals.minors_under_14, totals.minors_under_18),
                           strict=True):
        if value is None:
            continue
        known = org.get(name)
        org[name] = max(known, value) if _is_count(known) else value
    activity: dict[str, Any] = {
        "id": ACTIVITY_ID,
        "purpose": "personal information found by cnprivacy scan on " + result.as_of,
        "data_categories": list(totals.data_categories),
    }
    if totals.individuals is not None:
        activity["individuals"] = totals.individuals
    processing = out.get("processing") or []
    kept = [p for p in processing if not (isinstance(p, MutableMapping)
                                          and p.get("id") == ACTIVITY_ID)]
    if hasattr(processing, "copy_attributes"):
        # A round-trip list: clear it in place so that comments attached to it are kept.
        del processing[:]
        processing.extend([*kept, activity])
    else:
        out["processing"] = [*kept, activity]
    return out


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long purpose or comment onto two lines
    yaml.indent(mapping=2, sequence=4, offset=2)  # lists indented under their key
    return yaml


def load_base(text: str) -> Any:
    """The base profile's text as an editable mapping that remembers its comments. The text
    has already passed the strict reader (``cnprivacy._yaml.load_text``)."""
    return _round_trip().load(text)


def profile_text(fragment: MutableMapping[str, Any]) -> str:
    """The YAML to write: the header line, then the profile (comments of a base kept)."""
    buffer = io.StringIO()
    _round_trip().dump(fragment, buffer)
    return HEADER + buffer.getvalue()
