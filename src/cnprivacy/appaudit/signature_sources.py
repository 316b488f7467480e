"""Regenerating the third-party signature tables shipped in ``appaudit/data``.

The curated ``sdks.yaml`` is written by hand. Two tables are derived from public databases and
kept in separate files because their licences differ:

- ``sdks_libchecker.json`` from LibChecker-Rules (Apache-2.0): manifest component and native
  library names, for the LibChecker labels that ``sdks.yaml`` refers to.
- ``sdks_exodus.json`` from the Exodus Privacy tracker database (ODbL 1.0 / DbCL 1.0): name,
  categories and class-name signatures of every tracker, attributed and under the ODbL.

Run ``python -m cnprivacy.appaudit.signature_sources SOURCE_DIR`` with SOURCE_DIR holding
``libchecker-rules/`` (a checkout of the LibChecker-Rules repository) and
``exodus_trackers.json`` (the Exodus Privacy tracker list, downloaded).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

from cnprivacy.fileio.atomic import write_atomically

DATA = Path(__file__).parent / "data"
_LIBCHECKER_KINDS = {
    "activities-libs": "activity",
    "services-libs": "service",
    "receivers-libs": "receiver",
    "providers-libs": "provider",
    "native-libs": "native",
}


def build_libchecker(rules_dir: Path, wanted: set[str], revision: str) -> dict[str, Any]:
    """Component and native-library rules for the wanted LibChecker labels."""
    table: dict[str, dict[str, Any]] = {}
    for folder, kind in _LIBCHECKER_KINDS.items():
        for rule_file in sorted((rules_dir / folder).glob("*.json")):
            try:
                rule = json.loads(rule_file.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue  # a few upstream files are empty placeholders
            label = rule.get("label") if isinstance(rule, dict) else None
            if label not in wanted:
                continue
            entry = table.setdefault(label, {"team": rule.get("team"), "components": [],
                                             "native": []})
            name = rule_file.name[: -len(".json")]
            if kind == "native":
                entry["native"].append(name)
            else:
                entry["components"].append(name)
    return {
        "source": f"LibChecker-Rules @ {revision} (https://github.com/LibChecker/LibChecker-Rules)",
        "licence": "Apache-2.0; rules (c) their LibChecker-Rules contributors",
        "labels": {label: table[label] for label in sorted(table)},
    }


def build_exodus(trackers_file: Path) -> dict[str, Any]:
    """Every Exodus tracker with a class-name signature, minus its long descriptions."""
    raw = json.loads(trackers_file.read_text(encoding="utf-8"))["trackers"]
    trackers = []
    for tracker in sorted(raw.values(), key=lambda item: int(item["id"])):
        prefixes = [part.strip().rstrip(".") for part in tracker["code_signature"].split("|")]
        prefixes = [prefix for prefix in prefixes if prefix]
        if not prefixes:
            continue
        trackers.append({
            "id": int(tracker["id"]),
            "name": tracker["name"].strip(),
            "categories": tracker.get("categories") or [],
            "website": tracker.get("website") or None,
            "dex": prefixes,
        })
    return {
        "source": "Exodus Privacy tracker database (https://reports.exodus-privacy.eu.org/"
                  "api/trackers), as bundled in MobSF",
        "licence": "Open Database License (ODbL) 1.0, contents under the Database Contents "
                   "License (DbCL) 1.0. This derived table is itself under the ODbL: keep it "
                   "separate, attributed and open.",
        "trackers": trackers,
    }


def main(argv: list[str]) -> int:
    """Regenerate both derived tables from a source directory."""
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[0])
    curated = yaml.safe_load((DATA / "sdks.yaml").read_text(encoding="utf-8"))["sdks"]
    wanted = {label for sdk in curated for label in sdk.get("libchecker", [])}
    libchecker = build_libchecker(source / "libchecker-rules", wanted, revision="3ec8753")
    exodus = build_exodus(source / "exodus_trackers.json")
    for name, table in (("sdks_libchecker.json", libchecker), ("sdks_exodus.json", exodus)):
        write_atomically(DATA / name, json.dumps(table, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
