"""The report: complete in Chinese and in English, Markdown and HTML, user text escaped."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cnprivacy.records import render_pia
from cnprivacy.records.pia.document import labels
from cnprivacy.records.pia.edit import parse_edit
from cnprivacy.records.pia.models import Pia

from .helpers import LAW, NOW, confirmed, drafted, full_edit

CJK = re.compile(r"[\u3400-\u9fff]")


def _keys(tree: Any, prefix: str = "") -> set[str]:
    if not isinstance(tree, dict):
        return {prefix}
    return {k for key, value in tree.items() for k in _keys(value, f"{prefix}.{key}")}


def test_both_languages_have_every_label() -> None:
    both = labels()
    assert _keys(both["zh"]) == _keys(both["en"])


CHINESE_ACTIVITY = {
    "purpose": "会员账户和预订", "business_scenario": "在线旅行预订",
    "sources": [{"description": "注册表单", "direct": True}],
    "systems": [{"name": "客户管理系统", "storage_location": "华南云区域", "country": "CN"}],
    "retention": {"period": "注销账户后三年"},
    "recipients": [{"role": "entrusted", "name": "短信公司", "country": "CN",
                    "contract": {"reference": "委托协议七"}}]}


def _approved(lang: str = "en") -> Pia:
    user = CHINESE_ACTIVITY if lang == "zh" else {}
    book, pia_id = drafted(data_categories=["identity", "medical_health"],
                           sensitive_individuals=500_000, individuals=2_000_000, **user)
    edit = full_edit()
    if lang == "zh":
        edit = json.loads(json.dumps(edit).replace("checked by the team", "团队已核实")
                          .replace("encryption at rest", "存储加密"))
    book.edit(pia_id, parse_edit(edit, "j.yaml"), "dpo", now=NOW)
    book.review(pia_id, "legal", now=NOW)
    pia: Pia = book.approve(pia_id, "officer", LAW, now=NOW).pia
    return pia


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_english_report_has_no_chinese_but_the_official_names(fmt: str) -> None:
    text = render_pia(_approved(), LAW, fmt, "en")
    for line in text.splitlines():
        if CJK.search(line):
            # Only citations (the instrument's official Chinese name) may carry Chinese.
            assert "中华人民共和国个人信息保护法" in line or "个人信息安全影响评估指南" in line, line
    assert "Overall risk" in text and "severe" in text.lower()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_chinese_report_uses_no_english_label(fmt: str) -> None:
    text = render_pia(_approved("zh"), LAW, fmt, "zh")
    english = {v for k, v in _flat(labels()["en"]).items() if len(v) > 3 and v != labels()["zh"]
               .get(k)}
    leaked = [w for w in english if re.search(rf"\b{re.escape(w)}\b", text)]
    assert leaked == []
    for words in ("个人信息保护影响评估报告", "综合风险等级", "风险等级判定表", "第五十六条",
                  "医疗健康信息", "2029-06-02"):
        assert words in text


def _flat(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def test_matrix_cells_awaiting_review_are_marked_with_the_reason() -> None:
    text = render_pia(_approved(), LAW, "md", "en")
    assert "| severe | medium * | high * | severe * | severe * |" in text
    assert "approval draft" in text


def test_user_text_is_escaped() -> None:
    book, pia_id = drafted()
    edit = full_edit(purpose_and_method=confirmed(True, "<script>x</script> | pipe"))
    pia = book.edit(pia_id, parse_edit(edit, "j"), "dpo", now=NOW).pia
    html = render_pia(pia, LAW, "html", "en")
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = render_pia(pia, LAW, "md", "en")
    assert "\\| pipe" in md


def test_a_draft_lists_what_awaits_confirmation() -> None:
    book, pia_id = drafted()
    text = render_pia(book.get(pia_id).data, LAW, "md", "en")
    assert "`residual_risk`" in text and "not yet" in text
    with pytest.raises(ValueError):
        render_pia(book.get(pia_id).data, LAW, "pdf", "en")
