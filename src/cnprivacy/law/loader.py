"""Loading and validating the instrument files, with file, line and field on any error."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cnprivacy._yaml import line_of, load_text
from cnprivacy.errors import LawDataError
from cnprivacy.law.asof import ResolvedValue, status_on, value_on
from cnprivacy.law.schema import KIND_ORDER, Instrument, LegalStatus

INSTRUMENTS_DIR = Path(__file__).with_name("instruments")


def _loc_text(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_instrument(path: Path) -> Instrument:
    """Parse one instrument file; raise LawDataError naming file, line and field."""
    name = str(path)
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LawDataError(name, f"cannot read: {err}") from None
    data = load_text(raw_text, name, LawDataError)
    if not isinstance(data, dict):
        raise LawDataError(name, "top level must be a mapping")
    try:
        instrument = Instrument.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(p for p in first["loc"] if p not in ("function-after",))
        line = line_of(raw_text, loc)
        raise LawDataError(name, first["msg"], field=_loc_text(loc) or None, line=line) from None
    if instrument.id != path.stem:
        raise LawDataError(name, f"id {instrument.id!r} must match the file name", field="id")
    return instrument


@dataclass(frozen=True)
class LawBook:
    """Every instrument, validated, plus a hash of the data for run receipts."""

    instruments: Mapping[str, Instrument]
    data_hash: str
    directory: Path = field(default=INSTRUMENTS_DIR)
    _values: dict[tuple[str, str, date], ResolvedValue | None] = field(
        default_factory=dict, compare=False, repr=False)

    def __iter__(self) -> Iterator[Instrument]:
        return iter(self.instruments.values())

    def __getitem__(self, instrument_id: str) -> Instrument:
        return self.instruments[instrument_id]

    def __contains__(self, instrument_id: object) -> bool:
        return instrument_id in self.instruments

    def status(self, instrument_id: str, day: date) -> LegalStatus:
        return status_on(self.instruments[instrument_id], day)

    def value(self, instrument_id: str, name: str, day: date) -> ResolvedValue | None:
        """The parameter's value on ``day`` (memoised: rules ask for the same values often)."""
        key = (instrument_id, name, day)
        try:
            return self._values[key]
        except KeyError:
            resolved = self._values[key] = value_on(self.instruments[instrument_id], name, day)
            return resolved

    def in_listing_order(self, day: date) -> list[Instrument]:
        """Instruments as ``law list`` shows them on ``day``: by rank of kind (KIND_ORDER), then
        drafts and instruments not yet published, each group by id."""
        def key(inst: Instrument) -> tuple[bool, int, str]:
            draft = self.status(inst.id, day) in (LegalStatus.DRAFT, LegalStatus.NOT_YET_PUBLISHED)
            return draft, KIND_ORDER.index(inst.kind), inst.id
        return sorted(self, key=key)

    def all_dates(self) -> list[date]:
        """Every date on which a status or a parameter value changes (for date sweeps)."""
        days: set[date] = set()
        for inst in self:
            days.update(t.date for t in inst.timeline)
            for param in inst.parameters.values():
                days.update(v.start for v in param.values)
        return sorted(days)

    def cross_check(self) -> list[str]:
        """References between instruments that point nowhere."""
        problems: list[str] = []
        for inst in self:
            for ref in [*inst.supersedes, *([inst.superseded_by] if inst.superseded_by else [])]:
                if ref not in self.instruments:
                    problems.append(f"{inst.id}: refers to unknown instrument {ref!r}")
        return problems


def load_lawbook(directory: Path | None = None) -> LawBook:
    """Load every ``*.yaml`` under ``directory`` (default: the bundled instruments)."""
    directory = directory or INSTRUMENTS_DIR
    return _load_cached(directory.resolve())


@lru_cache(maxsize=8)
def _load_cached(directory: Path) -> LawBook:
    instruments: dict[str, Instrument] = {}
    digest = hashlib.sha256()
    files = sorted(directory.glob("*.yaml"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
        inst = parse_instrument(path)
        instruments[inst.id] = inst
    book = LawBook(instruments=instruments, data_hash=digest.hexdigest(), directory=directory)
    problems = book.cross_check()
    if problems:
        raise LawDataError(str(directory), problems[0])
    return book


def raw_yaml(path: Path) -> Any:
    """The raw mapping of a file (for tools that show the source)."""
    return load_text(path.read_text(encoding="utf-8"), str(path), LawDataError)
