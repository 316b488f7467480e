"""Citations name the official source; ``law list`` order (issue 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest

from cnprivacy.errors import LawDataError
from cnprivacy.law import LegalStatus, load_lawbook, parse_instrument
from cnprivacy.law.schema import KIND_ORDER

# Official publishers' hosts: the NPC, the State Council, the CAC, the Supreme People's Court.
OFFICIAL_HOSTS = {"www.npc.gov.cn", "flk.npc.gov.cn", "www.gov.cn", "www.cac.gov.cn",
                  "www.court.gov.cn"}
# The official page of each instrument whose official text we hold (the 来源 line of our copy,
# or the NPC / State Council page for the texts that carry none).
OFFICIAL_PAGES = {
    "pipl": "http://www.npc.gov.cn/npc/c30834/202108/a8c4e3672c74491a80b53a172bb753fe.shtml",
    "dsl": "http://www.npc.gov.cn/npc/c30834/202106/7c9af12f51334a73b56d7938f99a788a.shtml",
    "csl": "https://flk.npc.gov.cn/detail?bbbs=021e7d7684474107b8f3febbb1c4f8b5",
    "ndsmr": "https://www.gov.cn/zhengce/content/202409/content_6977766.htm",
    "pi_audit_measures": "https://www.cac.gov.cn/2025-02/14/c_1741233507681519.htm",
    "xborder_provisions_2024": "https://www.cac.gov.cn/2024-03/22/c_1712776611775634.htm",
    "security_assessment_measures": "https://www.cac.gov.cn/2022-07/07/c_1658811536594644.htm",
    "certification_measures": "https://www.cac.gov.cn/2025-10/17/c_1762449728720008.htm",
    "facial_filing_notice": "https://www.cac.gov.cn/2025-05/30/c_1750315544241157.htm",
    "standard_contract_measures": "https://www.gov.cn/zhengce/202311/content_6917770.htm",
}

BOOK = load_lawbook()


@pytest.mark.parametrize("inst_id", sorted(BOOK.instruments))
def test_every_citation_names_the_official_source(inst_id: str) -> None:
    inst = BOOK[inst_id]
    official = [s for s in inst.sources if s.role == "official"]
    assert len(official) == 1, inst_id
    cited = inst.cited_source
    assert cited is official[0]
    if cited.url is not None:
        assert urlparse(cited.url).hostname in OFFICIAL_HOSTS, cited.url
    else:
        assert "not on file" in cited.title


@pytest.mark.parametrize(("inst_id", "page"), sorted(OFFICIAL_PAGES.items()))
def test_held_texts_cite_their_official_page(inst_id: str, page: str) -> None:
    assert BOOK[inst_id].cited_source.url == page


def test_a_copy_is_never_cited_even_when_listed_first(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text("""\
id: demo
short: Demo
name_en: Demo
name_zh: 演示
issuers: [CAC]
kind: departmental_rule
timeline: [{date: 2025-01-01, event: in_force}]
sources:
  - {key: M, role: copy, title: mirror, url: "http://mirror.example/x"}
  - {key: C, title: commentary, url: "https://firm.example/y"}
""", encoding="utf-8")
    assert parse_instrument(path).cited_source.key == "C"


@pytest.mark.parametrize("where", ['title: "see ../shared/data/laws/x.md"',
                                   'title: t, url: "/work/shared/seeds/000.txt"',
                                   'title: "copy only", role: copy'])
def test_development_paths_are_rejected_with_file_and_field(tmp_path: Path, where: str) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(f"""\
id: demo
short: Demo
name_en: Demo
name_zh: 演示
issuers: [CAC]
kind: departmental_rule
timeline: [{{date: 2025-01-01, event: in_force}}]
sources:
  - {{key: S, {where}}}
""", encoding="utf-8")
    with pytest.raises(LawDataError) as err:
        parse_instrument(path)
    assert err.value.field is not None and err.value.field.startswith("sources")
    assert "\n" not in str(err.value)


def test_law_list_order_laws_first_drafts_last() -> None:
    day = date(2026, 3, 1)
    listed = BOOK.in_listing_order(day)
    drafts = [BOOK.status(i.id, day) in (LegalStatus.DRAFT, LegalStatus.NOT_YET_PUBLISHED)
              for i in listed]
    assert drafts == sorted(drafts), "drafts come after everything else"
    ranks = [KIND_ORDER.index(i.kind) for i, d in zip(listed, drafts, strict=True) if not d]
    assert ranks == sorted(ranks)
    assert listed[0].kind.value == "law" and listed[-1].id in {
        "app_pi_draft_2026", "cybercrime_draft", "data_risk_assessment_draft",
        "large_platform_pi_draft"}
    assert [i.id for i in listed].index("ndsmr") < [i.id for i in listed].index("pipo_notice")
    # The cybercrime draft is a law by kind, yet a draft: it goes last.
    ids = [i.id for i in listed]
    assert ids.index("cybercrime_draft") > ids.index("cverc_app_lists")
