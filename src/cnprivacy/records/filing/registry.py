"""The filings registry over the record's storage, and reading filings from a file.

Filings are versions of kind ``filing`` in the record's one append-only history
(:func:`~cnprivacy.records.register.save_versions`): a change is a new version, a withdrawal is a
version with status ``withdrawn`` and its reason; nothing is updated or deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cnprivacy._yaml import load_text
from cnprivacy.errors import InputError
from cnprivacy.records.filing.models import KIND_FILING, Filing, FilingStatus
from cnprivacy.records.models import Version
from cnprivacy.records.register import RecordedChange, VersionStore, save_versions
from cnprivacy.records.validate import _problem, _where

#: Largest filings file read (a registry of thousands of filings is far smaller).
MAX_FILE_BYTES = 16 * 1024 * 1024


class Filings:
    """The filings registry over a :class:`VersionStore`."""

    def __init__(self, store: VersionStore) -> None:
        self.store = store

    def versions(self) -> dict[str, Version[Any]]:
        return self.store.latest(KIND_FILING)

    def all(self) -> list[Filing]:
        return [v.data for v in self.versions().values()]

    def get(self, filing_id: str) -> Version[Any] | None:
        return self.store.latest(KIND_FILING, [filing_id]).get(filing_id)

    def history(self, filing_id: str) -> list[Version[Any]]:
        return self.store.history(KIND_FILING, filing_id)

    def check_extends(self, filings: Sequence[Filing], source: str) -> None:
        """Refuse a renewal or extension of a filing that is neither on record nor given."""
        known = {f.id for f in self.all()} | {f.id for f in filings}
        for i, f in enumerate(filings):
            if f.extends is not None and f.extends not in known:
                raise InputError(source, f"extends {f.extends!r}: no such filing on record",
                                 field=f"[{i}].extends" if len(filings) > 1 else "extends")

    def save(self, filings: Sequence[Filing], changed_by: str, reason: str | None = None,
             now: datetime | None = None) -> list[RecordedChange]:
        """Append a version of each filing that differs from its latest one (one transaction)."""
        return save_versions(self.store, KIND_FILING, filings, changed_by, reason, now)

    def withdraw(self, filing_id: str, changed_by: str, reason: str,
                 now: datetime | None = None) -> RecordedChange:
        """Mark a filing withdrawn (a new version holding the reason); its history stays."""
        if not reason.strip():
            raise InputError("command line", "a withdrawal needs its reason", field="--reason")
        found = self.get(filing_id)
        if found is None:
            raise InputError("command line", f"no filing {filing_id!r} on record", field="FILING")
        if found.data.status is FilingStatus.WITHDRAWN:
            raise InputError("command line", f"filing {filing_id!r} is already withdrawn",
                             field="FILING")
        data = found.data.model_dump()
        data.update(status=FilingStatus.WITHDRAWN, withdrawn_reason=reason.strip())
        withdrawn = Filing.model_validate(data)
        return self.save([withdrawn], changed_by, reason, now)[0]


def parse_filing(data: Any, source: str, where: str = "") -> Filing:
    """Validate one filing mapping; ``where`` prefixes the field path (``filings[2]``)."""
    try:
        return Filing.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        path = _where(tuple(first["loc"]))
        problem = _problem(first).removeprefix("Value error, ")
        named, sep, rest = problem.partition(": ")
        if not path and sep and named in Filing.model_fields:
            path, problem = named, rest  # a check across fields names its field first
        field = ".".join(p for p in (where, path) if p) or None
        raise InputError(source, problem, field=field) from None


def read_filings(path: Path) -> list[Filing]:
    """A YAML/JSON file holding one filing, a list, or ``{filings: [...]}``, validated whole:
    one bad entry refuses the file."""
    source = str(path)
    try:
        if path.is_dir():
            raise InputError(source, "is a directory, not a filings file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(source, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text") from None
    data = load_text(text, source)
    prefix = ""
    if isinstance(data, dict) and "filings" in data:
        if set(data) != {"filings"}:
            raise InputError(source, "unknown field", field=str(sorted(set(data) - {"filings"})[0]))
        data, prefix = data["filings"], "filings"
    elif isinstance(data, dict):
        return [parse_filing(data, source)]
    if not isinstance(data, list) or not data:
        raise InputError(source, "expected a filing, a list of filings or {filings: [...]}",
                         field=prefix or None)
    out = [parse_filing(item, source, f"{prefix}[{i}]") for i, item in enumerate(data)]
    seen: set[str] = set()
    for i, f in enumerate(out):
        if f.id in seen:
            raise InputError(source, f"duplicate id {f.id!r}", field=f"{prefix}[{i}].id")
        seen.add(f.id)
    by_id = {f.id: f for f in out}
    for i, f in enumerate(out):
        if f.extends is not None and f.extends in by_id and by_id[f.extends].kind.value not in (
                "security_assessment", "assessment_extension"):
            raise InputError(source, "extends must name a security assessment",
                             field=f"{prefix}[{i}].extends")
    return out
