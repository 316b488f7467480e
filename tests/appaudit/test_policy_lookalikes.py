"""A policy whose text carries radical look-alikes (as printed-to-PDF Chinese text often does)
gives the same findings as the same policy in plain text."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from cnprivacy.appaudit.audit import audit_apk
from cnprivacy.appaudit.permissions import pi_types
from cnprivacy.appaudit.policy import _PURPOSE_MARKERS, RIGHT_TERMS, PolicyText, read_policy
from cnprivacy.appaudit.textnorm import SUPPLEMENT_EQUIVALENTS, normalise_document_text

from .conftest import POLICIES
from .test_appaudit_policy import CHINESE_APP_CLASSES, CHINESE_APP_PERMISSIONS, ManifestSpec

KANGXI = [chr(cp) for cp in range(0x2F00, 0x2FD6)]


def _ideograph(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


def _look_alike(text: str) -> str:
    """Every character that has a radical look-alike written as that look-alike."""
    table: dict[str, str] = {}
    for radical in KANGXI:
        table.setdefault(unicodedata.normalize("NFKC", radical), radical)
    for radical, ideograph in SUPPLEMENT_EQUIVALENTS.items():
        table.setdefault(ideograph, radical)
    return text.translate(str.maketrans(table))


def test_every_radical_maps_to_an_ideograph() -> None:
    assert all(_ideograph(normalise_document_text(r)) for r in KANGXI)
    assigned = [chr(cp) for cp in range(0x2E80, 0x2F00) if unicodedata.name(chr(cp), "")]
    missing = [c for c in assigned if not _ideograph(normalise_document_text(c))]
    assert missing == ["\u2e80"]  # the only supplement character with no equivalent ideograph
    assert all(_ideograph(v) for v in SUPPLEMENT_EQUIVALENTS.values())


def test_nfkc_alone_misses_most_of_the_supplement() -> None:
    # why the table exists: NFKC leaves ⻓ (U+2ED3) and ⻔ (U+2ED4) alone
    assert unicodedata.normalize("NFKC", "\u2ed3\u2ed4") == "\u2ed3\u2ed4"
    assert normalise_document_text("\u2ed3\u2ed4 \u2f64\u2f08") == "长门 用人"


def test_checks_vocabulary_is_already_normal() -> None:
    words = [*_PURPOSE_MARKERS, *(t for terms in RIGHT_TERMS.values() for t in terms),
             *(t for pi in pi_types().values() for t in pi.terms)]
    assert [w for w in words if normalise_document_text(w) != w] == []


def test_fullwidth_punctuation_still_ends_a_clause() -> None:
    together = PolicyText("p", "我们会收集通讯录，用于好友推荐", "zh")
    assert together.states_purpose_for(["通讯录"])
    split = PolicyText("p", "我们会收集通讯录！其他功能用于好友推荐", "zh")
    assert "！" not in split.normalised and not split.states_purpose_for(["通讯录"])


@pytest.mark.parametrize("name", ["zh_omissions.txt", "zh_complete.md"])
def test_look_alike_text_gives_the_same_findings(
        tmp_path: Path, make_apk: Callable[..., str], name: str) -> None:
    apk = make_apk(ManifestSpec(package="com.example.shop", permissions=CHINESE_APP_PERMISSIONS),
                   dex=[CHINESE_APP_CLASSES])
    original = (POLICIES / name).read_text(encoding="utf-8")
    disguised = _look_alike(original)
    assert disguised != original and "人" not in disguised
    path = tmp_path / name
    path.write_text(disguised, encoding="utf-8")

    def summary(policy: str) -> list[tuple[str, str, tuple[str, ...]]]:
        return [(f.id, f.severity, tuple(f.evidence)) for f in audit_apk(apk, policy).findings]

    assert summary(str(path)) == summary(str(POLICIES / name))
    assert read_policy(str(path)).normalised == read_policy(str(POLICIES / name)).normalised


def _pdf_with_unicode_map(text: str) -> bytes:
    """A one-page PDF whose font maps each glyph to a code point through a ToUnicode CMap, as
    PDF printers do (here to the radical look-alikes in ``text``)."""
    chars = sorted(set(text))
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    mapping = "\n".join(f"<{code[ch]:04X}> <{ord(ch):04X}>" for ch in chars)
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{len(chars)} beginbfchar\n{mapping}\nendbfchar\n"
            "endcmap\nCMapName currentdict /defineresource pop\nend\nend")
    lines = text.split("\n")
    shown = " ".join("<" + "".join(f"{code[ch]:04X}" for ch in line) + "> Tj T*"
                     for line in lines)
    stream = f"BT /F1 12 Tf 14 TL 50 750 Td {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDToGIDMap /Identity "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        "/FontDescriptor 8 0 R /DW 1000 >>",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
        "<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 0 1000 1000] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return out


def test_pdf_with_radical_look_alikes(tmp_path: Path) -> None:
    plain = "您可以在设置中撤回同意。\n我们会收集您的个人信息用于网络安全。\n长期未登录的账号可以注销。"
    disguised = _look_alike(plain)
    assert any("\u2e80" <= ch <= "\u2fdf" for ch in disguised)
    path = tmp_path / "policy.pdf"
    path.write_bytes(_pdf_with_unicode_map(disguised))
    policy = read_policy(str(path))
    assert not any("\u2e80" <= ch <= "\u2fdf" for ch in policy.normalised)
    assert all(word in policy.normalised for word in ("个人信息", "网络", "长期"))
    assert policy.language == "zh"
    assert policy.offers("withdrawal") and policy.offers("deletion")
