"""Privacy-policy checks against policies written for these tests, with planted omissions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cnprivacy.appaudit.audit import audit_apk
from cnprivacy.appaudit.policy import read_policy
from cnprivacy.errors import InputError

from .apkbuild import ManifestSpec
from .conftest import POLICIES

CHINESE_APP_CLASSES = [
    "com.umeng.commonsdk.UMConfigure", "com.umeng.analytics.MobclickAgent",
    "cn.jpush.android.api.JPushInterface", "com.igexin.sdk.PushManager",
    "com.huawei.hms.push.HmsMessageService", "com.xiaomi.mipush.sdk.MiPushClient",
    "com.heytap.msp.push.HeytapPushManager", "com.vivo.push.PushClient",
    "com.hihonor.push.sdk.HonorPushClient", "com.meizu.cloud.pushsdk.PushManager",
    "com.tencent.bugly.crashreport.CrashReport",
]
CHINESE_APP_PERMISSIONS = [
    "android.permission.READ_CONTACTS", "android.permission.ACCESS_FINE_LOCATION",
    "android.permission.CAMERA", "android.permission.READ_PHONE_STATE",
    "android.permission.READ_EXTERNAL_STORAGE",
]


@pytest.fixture
def chinese_app(make_apk: Callable[..., str]) -> str:
    return make_apk(ManifestSpec(package="com.example.shop",
                                 permissions=CHINESE_APP_PERMISSIONS),
                    dex=[CHINESE_APP_CLASSES])


def _ids(report) -> list[str]:
    return [f.id for f in report.findings]


def test_complete_chinese_policy_has_no_policy_findings(chinese_app: str):
    report = audit_apk(chinese_app, str(POLICIES / "zh_complete.md"))
    assert all(s.disclosed_in_policy for s in report.sdks), \
        [s.match.sdk.name for s in report.sdks if not s.disclosed_in_policy]
    assert [f.id for f in report.findings if f.id != "draft_2026_sensitive_permission"] == []


def test_chinese_policy_with_planted_omissions(chinese_app: str):
    report = audit_apk(chinese_app, str(POLICIES / "zh_omissions.txt"))
    undisclosed = {s.match.sdk.name for s in report.sdks if s.disclosed_in_policy is False}
    assert undisclosed == {"Getui Push", "Xiaomi Push (MiPush)"}
    ids = _ids(report)
    for expected in ("sdk_not_disclosed", "no_consent_withdrawal", "no_account_deletion",
                     "no_minors_statement", "no_change_notice", "excessive_permission",
                     "pi_types_not_listed"):
        assert expected in ids, expected
    # Rights the policy does offer are not reported missing.
    for offered in ("no_correction_right", "no_copy_right", "no_complaint_channel"):
        assert offered not in ids
    excessive = [e for f in report.findings if f.id == "excessive_permission" for e in f.evidence]
    # Contacts are listed but with no purpose; location is not mentioned at all.
    assert any("READ_CONTACTS" in e for e in excessive)
    assert any("ACCESS_FINE_LOCATION" in e for e in excessive)
    assert not any("CAMERA" in e for e in excessive)
    not_listed = [f for f in report.findings if f.id == "pi_types_not_listed"]
    assert [f.evidence[0].split(" (")[0] for f in not_listed] == ["location"]
    assert not_listed[0].severity == "high"  # whereabouts are sensitive PI (PIPL art 28)


def test_complete_english_html_policy(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("instapaper.apk"), str(POLICIES / "en_complete.html"))
    ids = _ids(report)
    for right in ("no_consent_withdrawal", "no_account_deletion", "no_correction_right",
                  "no_copy_right", "no_complaint_channel", "no_minors_statement",
                  "no_change_notice"):
        assert right not in ids
    # The policy names every SDK but Facebook Places, which the app does embed.
    assert [f.evidence[0].split(" (")[0] for f in report.findings
            if f.id == "sdk_not_disclosed"] == ["Facebook Places"]


def test_english_policy_with_planted_omissions(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("instapaper.apk"), str(POLICIES / "en_omissions.txt"))
    undisclosed = {s.match.sdk.name for s in report.sdks if s.disclosed_in_policy is False}
    assert "Firebase Crashlytics" in undisclosed
    assert {s.match.sdk.name for s in report.sdks if s.disclosed_in_policy} >= \
        {"Firebase Analytics", "Facebook SDK (core)"}
    ids = _ids(report)
    for expected in ("no_consent_withdrawal", "no_account_deletion", "no_minors_statement",
                     "no_complaint_channel", "no_change_notice"):
        assert expected in ids
    assert "no_correction_right" not in ids and "no_copy_right" not in ids


def test_findings_without_policy_are_app_only(chinese_app: str):
    report = audit_apk(chinese_app)
    assert {f.id for f in report.findings} <= {"draft_2026_sensitive_permission",
                                               "permissions_granted_at_install"}
    assert all(s.disclosed_in_policy is None for s in report.sdks)


def test_gbk_encoded_chinese_policy(tmp_path: Path, chinese_app: str):
    path = tmp_path / "policy_gbk.txt"
    path.write_bytes((POLICIES / "zh_complete.md").read_text("utf-8").encode("gbk"))
    report = audit_apk(chinese_app, str(path))
    assert all(s.disclosed_in_policy for s in report.sdks)
    assert read_policy(str(path)).language == "zh"


def test_html_scripts_are_not_policy_text(tmp_path: Path):
    path = tmp_path / "p.html"
    path.write_text("<html><body><script>withdraw consent; delete your account</script>"
                    "<p>We collect device information.</p></body></html>", encoding="utf-8")
    policy = read_policy(str(path))
    assert not policy.offers("withdrawal")
    assert not policy.offers("deletion")
    assert policy.language == "en"


def _pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF with Helvetica text (enough for pypdf's extractor)."""
    stream = "BT /F1 12 Tf 50 750 Td 14 TL " + " ".join(
        "(" + line.replace("(", r"\(").replace(")", r"\)") + ") '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    return out


def test_pdf_policy(tmp_path: Path):
    path = tmp_path / "policy.pdf"
    path.write_bytes(_pdf_with_text([
        "We use the Tencent Bugly SDK to collect crash logs.",
        "You may withdraw your consent in Settings.",
    ]))
    policy = read_policy(str(path))
    assert policy.offers("withdrawal")
    assert not policy.offers("deletion")
    assert policy.names(("tencentbugly", "bugly"))


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "no text"),
    (b"\x00\x01\x02\x03binary" * 50, "binary"),
    (b"%PDF-1.4 this is not really a pdf", "PDF cannot be read"),
])
def test_unusable_policy_files(tmp_path: Path, content: bytes, problem: str):
    path = tmp_path / "policy.bin"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as err:
        read_policy(str(path))
    assert str(path) in err.value.one_line()


def test_ambiguous_sdk_names_need_sdk_context(tmp_path: Path):
    path = tmp_path / "p.txt"
    path.write_text("You can adjust your settings at any time.\n"
                    "We use the Branch SDK for deep links.", encoding="utf-8")
    policy = read_policy(str(path))
    assert not policy.names(("adjust",))
    assert policy.names(("branch",))


def test_sdk_collecting_nothing_is_not_a_disclosure_finding(make_apk: Callable[..., str]):
    apk = make_apk(dex=[["com.alipay.euler.andfix.AndFix", "com.igexin.sdk.PushManager"]])
    report = audit_apk(apk, str(POLICIES / "en_omissions.txt"))
    disclosed = {s.match.sdk.name: s.disclosed_in_policy for s in report.sdks}
    assert disclosed == {"AndFix": False, "Getui Push": False}
    flagged = [f.evidence[0] for f in report.findings if f.id == "sdk_not_disclosed"]
    assert len(flagged) == 1 and flagged[0].startswith("Getui Push")
