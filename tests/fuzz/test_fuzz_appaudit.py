"""The app audit's parsers: APK archives, binary AndroidManifest.xml, DEX class tables and
privacy policies (HTML, PDF, text): a result or a one-line input error."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appaudit.apkbuild import ManifestSpec, build_axml, build_dex
from cnprivacy.appaudit.audit import audit_apk
from cnprivacy.appaudit.dex import class_descriptors
from cnprivacy.appaudit.manifest import parse_manifest
from cnprivacy.appaudit.policy import read_policy

from .inputs import Outcomes
from .mutate import mutated

FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SPEC = ManifestSpec(permissions=["android.permission.CAMERA", "android.permission.READ_CONTACTS"],
                    components=[("service", "com.igexin.sdk.PushService"),
                                ("activity", "com.example.fixture.Main")])
AXML = build_axml(SPEC)
DEX = build_dex(["com.umeng.analytics.MobclickAgent", "cn.jpush.android.Api", "a.b.C"])
HTML = ("<html><head><title>隐私政策</title><style>p{}</style></head><body><h1>隐私政策</h1>"
        "<p>我们收集您的手机号码用于登录。<br>您可以删除您的个人信息。</p><script>x()</script>"
        "<table><tr><td>第三方SDK</td><td>友盟</td></tr></table></body></html>")
outcomes = Outcomes()


def _pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` in a content stream (offsets computed, so it is sound)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


PDF = _pdf("We collect your phone number. You may delete your personal information.")


def _apk(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _audit(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "app.apk"
        path.write_bytes(data)
        outcomes.run(audit_apk, str(path))


@FUZZ
@given(mutated(AXML))
def test_binary_manifest(data: bytes) -> None:
    outcomes.run(parse_manifest, data, "app.apk")


@FUZZ
@given(mutated(DEX))
def test_dex_class_table(data: bytes) -> None:
    outcomes.run(class_descriptors, data, "app.apk", "classes.dex")


@FUZZ
@given(mutated(AXML, 3), mutated(DEX, 3), st.booleans())
def test_apk_with_damaged_members(manifest: bytes, dex: bytes, second_dex: bool) -> None:
    """A sound archive whose members are damaged: the audit reads past the zip layer."""
    parts = {"AndroidManifest.xml": manifest, "classes.dex": dex}
    if second_dex:
        parts["classes2.dex"] = DEX
    _audit(_apk(parts))


@FUZZ
@given(mutated(_apk({"AndroidManifest.xml": AXML, "classes.dex": DEX}), 4))
def test_apk_bytes(data: bytes) -> None:
    _audit(data)


@FUZZ
@given(st.sampled_from([".html", ".txt", ".pdf", ".md"]),
       st.sampled_from([HTML.encode("utf-8"), HTML.encode("gb18030"), PDF,
                        "隐私政策\n我们收集手机号。".encode("utf-16")]).flatmap(mutated))
def test_policy_files(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"policy{suffix}"
        path.write_bytes(data)
        outcomes.run(read_policy, str(path))


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("<>/!-=\"' &;#xabpdivtrsciptl隐私")), max_size=200))
def test_policy_html_markup(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.html"
        path.write_text(text, encoding="utf-8")
        outcomes.run(read_policy, str(path))
