"""Citations in the engine's form: instrument, article, Chinese name, document number, source."""

from __future__ import annotations

from cnprivacy.law.loader import LawBook
from cnprivacy.law.schema import Kind
from cnprivacy.records.bilingual import article_zh, cite_zh

PIPL = "pipl"
STANDARD = "gbt_39335_2020"


def cite(law: LawBook, instrument: str, article: str) -> str:
    """``PIPL art. 55 — 中华人民共和国个人信息保护法 … [P1: url]``; a standard's clause as itself."""
    inst = law[instrument]
    where = article if inst.kind is Kind.NATIONAL_STANDARD else f"art. {article}"
    text = f"{inst.short} {where} — {inst.name_zh}"
    if inst.document_number and inst.document_number != inst.short:
        text += f" {inst.document_number}"
    source = inst.cited_source
    return f"{text} [{source.key}: {source.url or source.title}]"


def cite_for_zh(law: LawBook, instrument: str, article: str) -> str:
    """The same citation for a Chinese reader: 《…》第五十六条（official address）."""
    return cite_zh(law, instrument, article_zh(law, instrument, article))
