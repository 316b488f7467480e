"""The Chinese the core gives the pages that once showed English: the cross-border decision's
reasons and citations (``engine.xborder_text`` over ``rules.reasons.TRACE_ZH``) and the app
audit's basis (``basis_zh`` in the app-audit data). Checked with the page checker, over the
example profile and a pre-2024 profile on dates that reach every regime the decision knows."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

import pytest
import yaml

from cnprivacy.appaudit.rules import finding_types
from cnprivacy.engine import Options, crossborder_decision
from cnprivacy.engine.xborder_text import citation, line
from cnprivacy.law import load_lawbook
from cnprivacy.profile import validate

from .lang_check import foreign

_EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shenzhen-travel.yaml"
_BEFORE_2024 = {
    "organization": {"name": "Then Co.", "country": "CN", "province": "Beijing", "city": "Beijing",
                     "ciio": False, "individuals_processed": 500000},
    "transfers": [{"id": "t1", "date": "2022-10-01", "recipient": {"name": "R", "country": "SG"},
                   "basis": "other", "individuals": 10, "sensitive_individuals": 0,
                   "important_data": False, "no_personal_information": False,
                   "collected_abroad": False, "access_inside_china": False}],
}
_DATES = (date(2022, 10, 1), date(2023, 6, 1), date(2024, 6, 1), date(2025, 6, 1),
          date(2026, 3, 1), date(2026, 12, 5))


def _latin(text: str) -> list[str]:
    return foreign(f"<p>{escape(text)}</p>", "zh")


@pytest.mark.parametrize("which", ["example", "before_2024"])
def test_the_cross_border_decision_reads_in_chinese(which: str) -> None:
    law = load_lawbook()
    raw = yaml.safe_load(_EXAMPLE.read_text("utf-8")) if which == "example" else _BEFORE_2024
    profile = validate(raw, which)
    seen = 0
    for day in _DATES:
        decision = crossborder_decision(profile, Options(as_of=day))
        lines = [*decision.because, *(b for t in decision.transfers for b in t.because)]
        for text in lines:
            zh, lang = line(text, "zh")
            assert lang == "zh" and not _latin(zh), (text, zh)
            assert line(text, "en") == (text, "en")
        cites = [*(c for t in decision.transfers for c in t.citations),
                 *(d.citation for d in decision.due())]
        for text in cites:
            zh = citation(law, text, "zh")
            assert zh.startswith("《") and not _latin(zh), (text, zh)
            assert citation(law, text, "en") == text
        seen += len(lines)
    assert seen >= 40


def test_a_citation_names_the_article_as_the_law_data_does() -> None:
    law = load_lawbook()
    text = ("Cross-Border Data Flow Provisions art. 5(1) — 促进和规范数据跨境流动规定 "
            "国家互联网信息办公室令第16号")
    assert citation(law, text, "zh") == ("《促进和规范数据跨境流动规定》第五条第一款第（一）项 "
                                         "国家互联网信息办公室令第16号")
    assert citation(law, "no instrument here", "zh") == "no instrument here"


def test_a_line_the_catalogue_does_not_know_keeps_its_english() -> None:
    assert line("a line no rule writes", "zh") == ("a line no rule writes", "en")


def test_a_country_is_named_and_an_unknown_code_kept() -> None:
    assert line("transfers[a]: data provided to a recipient in SG", "zh")[0] == \
        "transfers[a]：向位于新加坡的境外接收方提供数据"
    assert line("transfers[a]: data provided to a recipient in QQ", "zh")[0] == \
        "transfers[a]：向位于QQ的境外接收方提供数据"


def test_every_app_audit_basis_has_its_chinese() -> None:
    for kind in finding_types().values():
        assert kind.basis_zh and not _latin(kind.basis_zh), (kind.id, kind.basis_zh)
        assert ("Methods2019" not in kind.basis_zh and "《个人信息保护法》" in kind.basis_zh) \
            or "征求意见稿" in kind.basis_zh, kind.id
