"""A filing pack in memory: its files, the manifest (file, purpose, SHA-256) and the receipts.

Everything is bytes until the command writes the folder in one move, so a pack that fails its
checks leaves nothing behind. The zip is reproducible: entries in a fixed order with the filing
date as their time, so the same evidence gives the same SHA-256 next year.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Any

ZIP_NAME = "pack.zip"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class PackFile:
    name: str
    purpose: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Receipt:
    """Where one number in the pack came from, so the pack can be reproduced and audited."""

    figure: str           # what the number is, e.g. "individuals exported (transfer hk-crm, 2026)"
    value: object
    source: str           # "ledger", "scan report", "profile", "law data", "pack input"
    reference: str        # ledger snapshot entry, scan report SHA-256, law-data hash, file name
    citation: str = ""    # instrument and article for a legal number

    def to_dict(self) -> dict[str, Any]:
        return {"figure": self.figure, "value": self.value, "source": self.source,
                "reference": self.reference, "citation": self.citation}


@dataclass
class Pack:
    kind: str                    # sc, sa, sa-extend, cert, pipo, facial, minors-audit
    title: str
    filing_date: date
    files: list[PackFile] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)
    to_write: list[str] = field(default_factory=list)  # what a person still writes or signs

    def add(self, name: str, purpose: str, data: bytes) -> None:
        if any(f.name == name for f in self.files):
            raise ValueError(f"two files named {name}")
        self.files.append(PackFile(name, purpose, data))

    def manifest(self) -> dict[str, Any]:
        return {
            "pack": self.kind, "title": self.title, "filing_date": self.filing_date.isoformat(),
            "files": [{"file": f.name, "purpose": f.purpose, "sha256": f.sha256, "bytes": len(f.data)}
                      for f in self.files],
            "receipts": [r.to_dict() for r in self.receipts],
            "deadlines": self.deadlines,
            "needs_review": self.needs_review,
            "to_write_by_hand": self.to_write,
        }

    def manifest_bytes(self) -> bytes:
        return (json.dumps(self.manifest(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def zip_bytes(self) -> bytes:
        """The files and the manifest in one zip (what the batch upload and an auditor take)."""
        stamp = (self.filing_date.year, self.filing_date.month, self.filing_date.day, 0, 0, 0)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in [*((f.name, f.data) for f in self.files),
                               (MANIFEST_NAME, self.manifest_bytes())]:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
        return buffer.getvalue()

    def outputs(self) -> dict[str, bytes]:
        """Every file the pack folder holds: the documents, the manifest and the zip."""
        out = {f.name: f.data for f in self.files}
        out[MANIFEST_NAME] = self.manifest_bytes()
        out[ZIP_NAME] = self.zip_bytes()
        return out
