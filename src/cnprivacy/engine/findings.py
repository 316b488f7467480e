"""Findings, the run receipt and the assessment they make up (pure data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cnprivacy.rules.base import Status


@dataclass(frozen=True)
class ParamUse:
    """A dated parameter value a finding relied on."""

    ref: str
    value: Any
    start: date
    next_start: date | None = None
    next_value: Any = None
    needs_review: bool = False
    interpretation: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref, "value": self.value, "from": self.start.isoformat(),
            "next": None if self.next_start is None else
            {"from": self.next_start.isoformat(), "value": self.next_value},
            "needs_review": self.needs_review, "interpretation": self.interpretation,
        }


@dataclass(frozen=True)
class Finding:
    obligation: str
    status: Status
    instrument: str
    article: str
    citation: str
    because: tuple[str, ...]
    deadline: date | None
    topic: str
    title: str
    instrument_id: str
    instrument_status: str
    missing: tuple[str, ...] = ()
    params: tuple[ParamUse, ...] = ()
    needs_review: tuple[str, ...] = ()
    interpretation: bool = False
    deadline_estimated: bool = False
    would_be: Status | None = None
    effective: date | None = None
    title_zh: str | None = None
    instrument_short: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The spec's keys first, then ours (the spec allows added keys)."""
        return {
            "obligation": self.obligation,
            "status": self.status.value,
            "instrument": self.instrument,
            "article": self.article,
            "citation": self.citation,
            "because": list(self.because),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "topic": self.topic,
            "title": self.title,
            "title_zh": self.title_zh,
            "instrument_id": self.instrument_id,
            "instrument_short": self.instrument_short,
            "instrument_status": self.instrument_status,
            "missing": list(self.missing),
            "parameters": [p.to_dict() for p in self.params],
            "needs_review": list(self.needs_review),
            "interpretation": self.interpretation,
            "deadline_estimated": self.deadline_estimated,
            "would_be": self.would_be.value if self.would_be else None,
            "effective": self.effective.isoformat() if self.effective else None,
        }


@dataclass(frozen=True)
class Receipt:
    """What is needed to reproduce a run."""

    engine_version: str
    law_data_hash: str
    profile_hash: str
    as_of: date
    rules: int
    instruments: int
    what_if: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine_version": self.engine_version,
            "law_data_hash": self.law_data_hash,
            "profile_hash": self.profile_hash,
            "as_of": self.as_of.isoformat(),
            "rules": self.rules,
            "instruments": self.instruments,
            "what_if": list(self.what_if),
        }


@dataclass(frozen=True)
class Assessment:
    as_of: date
    findings: tuple[Finding, ...]
    receipt: Receipt
    organization: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def by_key(self) -> dict[str, Finding]:
        return {f.obligation: f for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "organization": self.organization,
            "summary": self.counts,
            "findings": [f.to_dict() for f in self.findings],
            "receipt": self.receipt.to_dict(),
        }
