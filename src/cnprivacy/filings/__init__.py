"""Filing packs in the regulators' own formats, generated from counted evidence.

A builder takes :class:`Evidence` (profile, route decision, ledger counts, scan receipt, law
data, the pack input) and returns a :class:`Pack` in memory, or raises :class:`PackProblems`
listing everything missing or inconsistent. See docs/filings.md.
"""

from __future__ import annotations

from cnprivacy.filings.cert import build_cert_pack
from cnprivacy.filings.domestic import (
    build_facial_pack,
    build_minors_audit_pack,
    build_pipo_pack,
    scan_minors,
)
from cnprivacy.filings.evidence import Evidence, LedgerFigures, PackProblems, Problem
from cnprivacy.filings.inputs import PackInput, load_pack_input, parse_pack_input
from cnprivacy.filings.pack import Pack, PackFile, Receipt
from cnprivacy.filings.pia_source import PiaJudgements, pia_pack_input
from cnprivacy.filings.sa import build_sa_extension_pack, build_sa_pack
from cnprivacy.filings.sc import build_sc_pack

__all__ = [
    "Evidence", "LedgerFigures", "Pack", "PackFile", "PackInput", "PackProblems", "PiaJudgements",
    "Problem",
    "Receipt", "build_cert_pack", "build_facial_pack", "build_minors_audit_pack", "build_pipo_pack",
    "build_sa_extension_pack", "build_sa_pack", "build_sc_pack", "load_pack_input",
    "parse_pack_input", "pia_pack_input", "scan_minors",
]
