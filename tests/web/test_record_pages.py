"""The compliance-record pages in process: incidents (grade, clocks, reports, closing) and impact
assessments (draft, judgements, legal review, the PI protection officer's approval, export)."""

from __future__ import annotations

import datetime as dt
import html as markup
import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from cnprivacy.records.deadline import CHINA

from .conftest import Site

pytestmark = pytest.mark.anyio

JUDGEMENTS = """\
purpose_and_method: {value: true, reason: 预订必需, confirmed: true}
other_significant_impact: {value: false, reason: 无, confirmed: true}
impact:
  autonomy: {value: 低, reason: 可撤回同意, confirmed: true}
  discrimination: {value: 中, reason: 无差别定价, confirmed: true}
  reputation: {value: 中, reason: 泄露可致困扰, confirmed: true}
  property: {value: 低, reason: 不含支付信息, confirmed: true}
modifiers:
  sensitive_at_scale: {value: false, reason: 无敏感信息, confirmed: true}
  vulnerable_groups: {value: false, reason: 成年用户, confirmed: true}
  deidentified: {value: false, reason: 未去标识化, confirmed: true}
likelihood:
  network: {value: 中, reason: 有防护, confirmed: true}
  process: {value: 低, reason: 流程规范, confirmed: true}
  parties: {value: 中, reason: 有第三方, confirmed: true}
  situation: {value: 中, reason: 一般, confirmed: true}
likelihood_lowered: {value: false, reason: 无, confirmed: true}
measures_adequate: {value: true, reason: 措施到位, confirmed: true}
residual_risk: {value: 低, reason: 可接受, confirmed: true}
"""


def _audit(site: Site) -> list[str]:
    return [e.action for e in site.ws.store.audit_log()]


async def test_an_incident_opens_with_its_clocks_and_takes_reports(site: Site) -> None:
    discovered = (dt.datetime.now(CHINA) - dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    async with site.client("editor") as editor:
        got = await editor.post("/incidents", data={
            "discovered_at": discovered, "title": "database exposed", "operator_type": "other",
            "effects": ["leak"], "individuals": "1200000", "sensitive_individuals": ""})
        assert got.status_code == 303, got.text
        where = got.headers["location"]
        page = await editor.get(where)
        assert page.status_code == 200
        # the core's clock, not the page's: an initial report due from discovery, counting down
        assert 'class="countdown"' in page.text and 'data-state="due"' in page.text
        due = re.search(r'data-due="([^"]+)"', page.text)
        assert due and dt.datetime.fromisoformat(due.group(1)).utcoffset() == dt.timedelta(hours=8)
        assert "setInterval" in page.text and "database exposed" in page.text
        sent = dt.datetime.now(CHINA).strftime("%Y-%m-%dT%H:%M")
        got = await editor.post(f"{where}/reports", data={"kind": "initial", "at": sent})
        assert got.status_code == 303
        page = await editor.get(where)
        assert 'data-state="met"' in page.text
        bad = await editor.post(f"{where}/reports", data={"kind": "weekly", "at": sent})
        assert bad.status_code == 400 and "kind" in bad.text
        got = await editor.post(f"{where}/close", data={})
        assert got.status_code == 303
        page = await editor.get(where)
        assert 'id="incident-status" data-status="closed"' in page.text
        listing = await editor.get("/incidents?lang=zh")
        assert "安全事件" in listing.text and where.rsplit("/", 1)[1] in listing.text
    assert _audit(site).count("open incident") == 1
    assert {"initial report", "close incident"} <= set(_audit(site))


async def test_an_incident_form_with_a_bad_time_is_refused_and_nothing_is_kept(site: Site) -> None:
    async with site.client("editor") as editor:
        got = await editor.post("/incidents", data={"discovered_at": "yesterday-ish"})
        assert got.status_code == 400 and "discovered_at" in got.text
        got = await editor.post("/incidents", data={"discovered_at": "2026-01-01T10:00",
                                                    "individuals": "-5"})
        assert got.status_code == 400 and "individuals" in got.text
    assert "open incident" not in _audit(site)


async def test_a_pia_is_drafted_reviewed_by_legal_and_approved_by_the_dpo(site: Site) -> None:
    async with site.client("editor") as editor:
        assert (await editor.post("/register/import-profile")).status_code == 303
        activity = sorted(site.ws.register.versions())[0]
        got = await editor.post("/pias", data={"activity": activity, "as_of": "2026-06-01"})
        assert got.status_code == 303, got.text
        where = got.headers["location"]
        # the form starts from the draft's open judgements, in the edit format, unconfirmed
        drafted = (await editor.get(where)).text
        open_yaml = markup.unescape(drafted.split('id="pia-yaml"')[1].split(">", 1)[1]
                                  .split("</textarea>")[0])
        assert "impact:" in open_yaml and "confirmed: true" not in open_yaml
        assert (await editor.post(f"{where}/edit", data={"text": open_yaml})).status_code == 303
        # review before the legal role: an editor may not
        assert (await editor.post(f"{where}/review")).status_code == 403
    async with site.client("legal") as legal:
        assert (await legal.post(f"{where}/review")).status_code == 303
    async with site.client("dpo") as dpo:
        refused = await dpo.post(f"{where}/approve")
        assert refused.status_code == 400 and "unconfirmed" in refused.text
    async with site.client("editor") as editor:
        got = await editor.post(f"{where}/edit", data={"text": JUDGEMENTS})
        assert got.status_code == 303
        page = await editor.get(where)
        assert 'id="pia-status" data-status="draft"' in page.text  # the edit undid the review
        bad = await editor.post(f"{where}/edit", data={"text": "impact: {autonomy: {value: 极}}"})
        assert bad.status_code == 400 and "impact.autonomy" in bad.text
    async with site.client("legal") as legal:
        assert (await legal.post(f"{where}/review")).status_code == 303
        assert (await legal.post(f"{where}/approve")).status_code == 403
    async with site.client("dpo") as dpo:
        assert (await dpo.post(f"{where}/approve")).status_code == 303
        page = await dpo.get(where)
        assert 'id="pia-status" data-status="approved"' in page.text
        md = await dpo.get(f"{where}/report.md?lang=zh")
        assert md.status_code == 200 and "attachment" in md.headers["content-disposition"]
        html = await dpo.get(f"{where}/report.html?lang=en")
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        assert (await dpo.get(f"{where}/report.pdf")).status_code == 400
    actions = _audit(site)
    assert actions.count("review impact assessment (legal)") == 2
    assert actions.count("approve impact assessment (PI protection officer)") == 1
    assert "draft impact assessment" in actions and "edit impact assessment" in actions


FILINGS = """\
filings:
  - {id: SC-HK, kind: standard_contract, status: accepted, number: SC-440300-2026-0001,
     effective_on: 2026-02-05, submitted_on: 2026-02-10, decided_on: 2026-02-20,
     transfers: [hk-crm]}
"""


async def test_filings_upload_and_the_calendar_marks_overdue_and_downloads_ics(site: Site) -> None:
    async with site.client("editor") as editor:
        got = await editor.post("/filings", files={"file": ("f.yaml", FILINGS.encode())})
        assert (got.status_code, got.headers["location"]) == (303, "/filings?changed=1")
        again = await editor.post("/filings", files={"file": ("f.yaml", FILINGS.encode())})
        assert again.headers["location"] == "/filings?changed=0"  # unchanged: no new version
        bad = await editor.post("/filings", files={"file": (
            "bad.yaml", b"- {id: X, kind: assessment_extension, status: planned, extends: NO}\n")})
        assert bad.status_code == 400 and "bad.yaml" in bad.text and "extends" in bad.text
        junk = await editor.post("/filings", files={"file": ("j.yaml", b"\xff\xfe\x00junk")})
        assert junk.status_code == 400 and "j.yaml" in junk.text
        page = await editor.get("/filings?as_of=2026-03-01")
        assert "SC-HK" in page.text and "standard_contract" in page.text
        # an incident discovered long ago: its report is overdue on the calendar
        await editor.post("/incidents", data={"discovered_at": "2026-01-05T09:00",
                                              "effects": ["leak"], "individuals": "2000000"})
        cal = await editor.get("/calendar?as_of=2026-06-01")
        assert cal.status_code == 200 and "OVERDUE" in cal.text
        rows = cal.text.split('<table id="deadlines">')[1].split("</tr>")[1:-1]
        assert len(rows) >= 2 and "OVERDUE" in rows[0]  # overdue first, then soonest
        zh = await editor.get("/calendar?as_of=2026-06-01&lang=zh")
        assert "已逾期" in zh.text and "日程" in zh.text
        ics = await editor.get("/calendar.ics?as_of=2026-06-01")
        assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
        assert ics.content.startswith(b"BEGIN:VCALENDAR") and b"BEGIN:VEVENT" in ics.content
        wrong = await editor.get("/calendar?as_of=2026-06-01&until=2026-01-01")
        assert wrong.status_code == 400
    assert "save filing" in _audit(site)


PACK_INPUT = Path(__file__).resolve().parents[2] / "examples" / "packs" / "hk-crm-sc.yaml"


async def test_a_standard_contract_pack_downloads_as_a_zip_or_lists_what_is_missing(
        site: Site) -> None:
    async with site.client("editor") as editor:
        page = await editor.get("/packs?lang=zh")
        assert "申报材料包" in page.text
        assert '<option value="sc" selected>个人信息出境标准合同备案</option>' in page.text
        got = await editor.post("/packs", data={"kind": "sc"}, files={
            "file": ("hk-crm-sc.yaml", PACK_INPUT.read_bytes())})
        assert got.status_code == 200, got.text[:2000]
        assert got.headers["content-type"] == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(got.content)).namelist()
        assert "manifest.json" in names and any(n.endswith(".docx") for n in names)
        # the same input with its assessment facts removed: the check's list, nothing to download
        data = yaml.safe_load(PACK_INPUT.read_text(encoding="utf-8"))
        data.pop(next(k for k in data if k != "filing_date"))
        short = yaml.safe_dump(data, allow_unicode=True).encode()
        got = await editor.post("/packs", data={"kind": "sc"},
                                files={"file": ("short.yaml", short)})
        assert got.status_code == 422 and got.headers["content-type"].startswith("text/html")
        assert "pack-problems" in got.text and "<li>" in got.text.split("pack-problems")[1]
        bad = await editor.post("/packs", data={"kind": "nope"},
                                files={"file": ("x.yaml", b"a: 1\n")})
        assert bad.status_code == 400
    assert _audit(site).count("build filing pack") == 1


async def test_a_record_not_on_file_is_a_404_for_every_record_route(site: Site) -> None:
    async with site.client("admin") as admin, site.client("legal") as legal, \
            site.client("dpo") as dpo:
        for client, method, path in (
                (admin, "GET", "/incidents/INC-0"), (admin, "POST", "/incidents/INC-0/close"),
                (admin, "POST", "/incidents/INC-0/reports"), (admin, "GET", "/pias/PIA-0"),
                (admin, "POST", "/pias/PIA-0/edit"), (admin, "GET", "/pias/PIA-0/report.md"),
                (legal, "POST", "/pias/PIA-0/review"), (dpo, "POST", "/pias/PIA-0/approve")):
            data = {"kind": "initial", "at": "2026-01-01T10:00", "text": "a: 1"}
            got = await client.request(method, path, data=data if method == "POST" else None)
            assert got.status_code == 404, (method, path, got.status_code)


def _form(pia_text: str) -> dict[str, str]:
    """The judgements form as a browser would post it: every control with its shown value."""
    fields: dict[str, str] = {}
    form = pia_text.split('id="judge-pia"')[1].split("</form>")[0]
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form):
        fields[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields[name] = markup.unescape(body)
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', form):
        fields[name] = "on"
    return fields


async def test_pia_judgements_form_checks_each_field_and_logs_before_and_after(
        site: Site) -> None:
    async with site.client("editor") as editor:
        assert (await editor.post("/register/import-profile")).status_code == 303
        activity = sorted(site.ws.register.versions())[0]
        where = (await editor.post("/pias", data={"activity": activity, "as_of": "2026-06-01"})
                 ).headers["location"]
        page = (await editor.get(f"{where}?lang=zh")).text
        assert "限制个人自主决定权" in page and "已由人员确认" in page and "严重" in page
        fields = _form(page)
        # confirmed without a reason and without a value: refused, the message beside the field
        fields.update({"impact.autonomy.value": "高", "impact.autonomy.reason": "",
                       "impact.autonomy.confirmed": "on", "impact.property.value": "",
                       "impact.property.reason": "无支付信息", "impact.property.confirmed": "on",
                       "measures.0.description": "", "measures.0.owner": "张三"})
        got = await editor.post(f"{where}/judgements", data=fields)
        assert got.status_code == 400
        row = got.text.split('id="row-impact-autonomy"')[1].split("</tr>")[0]
        assert "已勾选确认，但未填写理由" in row and '<option value="高" selected>' in row
        assert "已勾选确认，但未选择取值" in got.text.split('id="row-impact-property"')[1]
        assert "必填" in got.text.split('class="measures"')[1]  # a measure needs its description
        assert "edit impact assessment (form)" not in _audit(site)  # nothing saved
        # every judgement filled in from the edit format's example, confirmed by a person
        answers = yaml.safe_load(JUDGEMENTS)
        fields = _form(page)
        for path, given in [(k, v) for k, v in answers.items() if "value" in v] + [
                (f"{g}.{k}", v) for g, inner in answers.items() if "value" not in inner
                for k, v in inner.items()]:
            value = given["value"]
            fields[f"{path}.value"] = str(value).lower() if isinstance(value, bool) else value
            fields[f"{path}.reason"] = given["reason"]
            fields[f"{path}.confirmed"] = "on"
        fields.update({"measures.0.description": "传输加密", "measures.0.status": "in_place",
                       "measures.0.owner": "安全部", "next_review_on": "2027-06-01"})
        got = await editor.post(f"{where}/judgements", data=fields)
        assert got.status_code == 303, got.text[:3000]
        done = (await editor.get(where)).text
        assert 'id="unconfirmed">-' in done and "传输加密" in done
    entry = next(e for e in site.ws.store.audit_log() if e.action == "edit impact assessment (form)")
    assert entry.before["impact.autonomy"]["confirmed"] is False
    assert entry.after["impact.autonomy"] == {"value": "低", "confirmed": True, "reason_given": True}
    assert (entry.before["measures"], entry.after["measures"]) == (0, 1)
    assert "可撤回同意" not in str(entry.after)  # reasons stay in the record, not in the log
    async with site.client("legal") as legal:
        assert (await legal.post(f"{where}/review")).status_code == 303
    async with site.client("dpo") as dpo:
        assert (await dpo.post(f"{where}/approve")).status_code == 303
