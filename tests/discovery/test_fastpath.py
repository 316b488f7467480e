"""The accelerated identifier path gives exactly the spans of the reference path.

The C accelerator (digit-run regions found and checked in ``_native/_digitruns.c``) must agree
span for span with the pure-Python reference ``detect._structured_python`` (each type module's
validator), and ``detect.classify_digits`` with an independent formulation of the same rules on
python-stdnum's check-digit routines and ``datetime``: on the evaluation corpus, the held-out
lines, the CSV read as text, and generated messy text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.iso7064 import mod_11_2

from cnprivacy.discovery import detect
from cnprivacy.discovery._native import enabled, native
from cnprivacy.discovery.detect import Span
from cnprivacy.discovery.numberplan import fixed_line_re, mobile_re
from cnprivacy.discovery.pitypes import passport, permit, plate, uscc

from .evalcorpus import Corpus


def _same(text: str) -> None:
    reference = [Span(*t) for t in detect._structured_python(text)]
    digitruns = native("_digitruns")
    if digitruns is not None:
        native_spans = [Span(*t) for t in detect._structured_native(text, digitruns)[0]]
        assert native_spans == reference, text


def test_the_accelerator_is_built_where_a_compiler_is() -> None:
    # CI and this machine have gcc: a silently skipped build would leave the comparisons
    # above testing only one path.
    import shutil
    import sysconfig

    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        pytest.skip("no C compiler: pure-Python install")
    if not enabled():
        pytest.skip("accelerators switched off (CNPRIVACY_NO_ACCEL)")
    assert native("_digitruns") is not None, "C accelerator not built: run `pip install -e .` again"


def test_corpus_lines_agree(corpus: Corpus, heldout: Corpus) -> None:
    for lines in (corpus.lines, heldout.lines):
        for i in range(0, len(lines), 200):
            _same("\n".join(lines[i:i + 200]))


def test_corpus_cells_agree(corpus: Corpus) -> None:
    rows = [",".join(r) for r in zip(*corpus.columns.values(), strict=True)]
    _same("\n".join(rows[:800]))


def test_find_tuples_is_find_spans(corpus: Corpus) -> None:
    text = "\n".join(corpus.lines[:300])
    for types in (None, {"cn_mobile", "address"}, {"person_name"}):
        assert [Span(*t) for t in detect.find_tuples(text, types)] == \
            detect.find_spans(text, types)


def _rid(body: str) -> str:
    return body + mod_11_2.calc_check_digit(body)


def _oracle_rid(v: str) -> bool:
    """GB 11643 with datetime and python-stdnum's MOD 11-2 (not the code under test)."""
    import re

    from cnprivacy.discovery.regions import PROVINCE_CODES

    if not (re.fullmatch(r"[0-9]{17}[0-9X]", v) or re.fullmatch(r"[0-9]{15}", v)):
        return False
    try:
        born = (date(int(v[6:10]), int(v[10:12]), int(v[12:14])) if len(v) == 18
                else date(1900 + int(v[6:8]), int(v[8:10]), int(v[10:12])))
    except ValueError:
        return False
    return (v[:2] in PROVINCE_CODES and date(1900, 1, 1) <= born <= date.today()
            and (len(v) == 15 or mod_11_2.is_valid(v)))


def _oracle_card(v: str) -> bool:
    import re

    from cnprivacy.discovery.regions import PROVINCE_CODES

    n = len(v)
    if not (v.isdigit() and 13 <= n <= 19):
        return False
    if n == 18 and v[:2] in PROVINCE_CODES:
        try:
            if date(int(v[6:10]), int(v[10:12]), int(v[12:14])).year >= 1900:
                return False  # shaped like a resident ID
        except ValueError:
            pass
    m = re.match(r"62|6[0-9]|4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|35|30[0-5]|3[689]|9", v)
    if m is None:
        return False
    head = m.group()
    if head == "4":
        ok = n in (13, 16, 19)
    elif head in ("34", "37"):
        ok = n == 15
    elif head.startswith("30") or head in ("36", "38", "39"):
        ok = n in (14, 16)
    elif head.startswith(("5", "2")):
        ok = n == 16
    else:
        ok = 16 <= n <= 19
    return ok and luhn.is_valid(v)


def _oracle_phone(v: str) -> str | None:
    national = v[3:] if v.startswith("+86") else v[4:] if v.startswith("0086") else v
    if len(national) == 11 and mobile_re().fullmatch(national):
        return "cn_mobile"
    if national.startswith("0"):
        national = national[1:]
    elif national == v:
        return None
    return "cn_landline" if 9 <= len(national) <= 11 and fixed_line_re().fullmatch(national) \
        else None


def _oracle(v: str) -> str | None:
    """The decision order of ``detect.classify_digits`` over the oracles above."""
    n = len(v)
    if v.startswith(("+86", "0086")):
        return _oracle_phone(v)
    if v[:1] == "+":
        return None
    if n == 18:
        return ("cn_resident_id" if _oracle_rid(v) else "uscc" if uscc.is_valid(v)
                else "bank_card" if _oracle_card(v) else None)
    if n == 15 and _oracle_rid(v):
        return "cn_resident_id"
    if n == 11 and v[0] == "1":
        return "cn_mobile" if _oracle_phone(v) == "cn_mobile" else None
    if v[0] == "0" and 10 <= n <= 12:
        return "cn_landline" if _oracle_phone(v) == "cn_landline" else None
    return "bank_card" if 13 <= n <= 19 and _oracle_card(v) else None


_FRAGMENTS = [
    _rid("11010119900307123"), _rid("44030520120302456"), _rid("11010119900307123")[:-1] + "0",
    "110101900307123", "13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678",
    "0086-13812345678", "(010)62345678", "010-62345678", "0571-78359562",
    "621700123456789012" + luhn.calc_check_digit("621700123456789012"),
    "4111111111111111", "4111 1111 1111 1111", "5500000000000004", "378282246310005",
    "91350100M000100Y43", "202611221234567890", "1700000000000", "E12345678", "EA1234567",
    "H12345678", "京A12345", "沪A·D12345", "粤B-1234学", "192.168.1.1", "fe80::1", "a::",
    "31.2304,121.4737", "zhang.san@example.com", "x@y.cn", "１３８１２３４５６７８",
    "１３８　１２３４　５６７８", "1381234567８", "１１０１０１１９９００３０７１２３Ｘ", "12345X",
    "110101-19900307-123X", "110101 19900307 1234", "0086 138 1234 5678", "00861381234567",
    "0086 0086 13812345678", "138—1234—5678", "138－1234－5678", "6217 0012 3456 7890 12",
    "138  1234 5678", "-138-1234-5678", "138-1234-5678-", "138-1234-5678,", "138 1234 5678，，",
    "1234567 89", "12 34 56", "(0755)12345678", "+86-13812345678",
]
_NOISE = ("0123456789Xx -+().,，:@·•　０１２３４５６７８９ＡＸａｘ－—‐京沪粤AEGHMabz号电话身份证卡。\n"
          "\U0001F600")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(alphabet=_NOISE, max_size=6)),
                max_size=14))
def test_generated_messy_text_agrees(parts: list[str]) -> None:
    _same("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=10, max_size=19),
       st.sampled_from(["", "+86", "0086", "86"]), st.sampled_from(["", "X"]))
def test_digit_classification_agrees(digits: str, prefix: str, suffix: str) -> None:
    value = prefix + digits + suffix
    assert detect.classify_digits(value) == _oracle(value), value


def test_digit_classification_on_valid_shapes() -> None:
    # Hypothesis rarely hits valid check digits: build them, and their one-off neighbours.
    bodies = ["11010119900307123", "44030520120302456", "65010219991231001",
              "11010120260301123", "11010119000101001", "11010118991231001"]
    values = []
    for body in bodies:
        good = _rid(body)
        values += [good, good[:-1] + ("0" if good[-1] != "0" else "1"), good[:6] + good[8:17]]
    for head in ("62170012345678901", "411111111111111", "550000000000000", "37828224631000",
                 "3530111333300000", "30569309025904", "2221000000000000", "6011000990139424"):
        for cut in range(0, 4):
            body = head[:len(head) - cut]
            values += [body + luhn.calc_check_digit(body), body + "0"]
    values += ["13812345678", "14012345678", "19912345678", "10012345678", "01062345678",
               "057178359562", "+8613812345678", "008601062345678", "91350100M000100Y43"]
    for v in values:
        assert detect.classify_digits(v) == _oracle(v), v


_GROUP = st.text(alphabet="0123456789０１８", min_size=1, max_size=9)
_SEP = st.sampled_from([" ", "-", "　", "－", "—", "", "，", ",", "X", "x", "  ", "号"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_GROUP, _SEP), min_size=1, max_size=8),
       st.sampled_from(["", "电话", "0086", "+86 ", "a"]), st.sampled_from(["", "，", "号", "@x.cn"]))
def test_generated_digit_runs_agree(groups: list[tuple[str, str]], head: str, tail: str) -> None:
    _same(head + "".join(g + sep for g, sep in groups) + tail)


def _luhn_valid(body: str) -> str:
    return body + luhn.calc_check_digit(body)


def test_every_scheme_prefix_and_length_agrees() -> None:
    # Check digits right and wrong, for every card prefix the rules name and each length
    # around the schemes' lengths; as bare runs and grouped by four.
    values = []
    prefixes = [str(p) for p in range(10, 100)] + [str(p) for p in range(220, 275)] + \
        ["2720", "2721"] + [str(p) for p in range(300, 306)]
    for prefix in prefixes:
        for length in range(12, 21):
            body = (prefix + "4012888888881881")[:length - 1]
            good = _luhn_valid(body)
            values += [good, body + str((int(good[-1]) + 1) % 10)]
    grouped = [" ".join(v[i:i + 4] for i in range(0, len(v), 4)) for v in values[::3]]
    _same("，".join(values))
    _same("；".join(grouped))


def test_resident_ids_and_mobiles_agree() -> None:
    today = date.today()
    values = []
    for birth in ("19000101", "18991231", "20000229", "19000229", "20260301", "20991231",
                  "19991301", "19990431", "20120302", today.strftime("%Y%m%d"),
                  (today + timedelta(days=1)).strftime("%Y%m%d")):
        for region in ("110101", "440305", "990101", "650102", "000000"):
            good = _rid(region + birth + "123")
            values += [good, good[:-1] + ("X" if good[-1] != "X" else "0"),
                       region + birth[2:] + "123", f"{region}-{birth}-{good[-4:]}"]
    values += [f"{p}{p % 1000:06d}" for p in range(10000, 20000, 7)]
    values += [f"{p // 100} {p % 100}000 {p % 10}000" for p in range(13000, 20000, 37)]
    _same("，".join(values))
    _same("电话".join(values))


# E-mail and amount regions are decided in C when their shape is certain (ascii_region);
# every other shape goes back to Python. Generated text around those shapes' edges:
_MAILISH = "abzAZ09._%+-@@.,，:x京 ０ａ"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=_MAILISH, max_size=12),
                          st.sampled_from(["@example.com", "a@b.cn", "@x.c0m", ".", "..",
                                           "@-.io", "，", "邮箱", "75533.20", "1.2.3.4"])),
                max_size=10))
def test_generated_mail_like_regions_agree(parts: list[str]) -> None:
    _same("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="0123456789", min_size=1, max_size=11),
                          st.sampled_from([".", ".", ",", "，", " ", "-", ""])),
                min_size=1, max_size=5),
       st.sampled_from(["", "金额", "+", "a"]), st.sampled_from(["", "，", "元", ",", "@x.cn"]))
def test_generated_amounts_agree(runs: list[tuple[str, str]], head: str, tail: str) -> None:
    _same(head + "".join(r + sep for r, sep in runs) + tail)


def test_email_and_amount_boundaries_agree() -> None:
    values = []
    for n in (1, 2, 62, 63, 64, 65, 66):
        values += ["a" * n + "@example.com", "a" + "." * (n - 1) + "@x.cn"]
    for n in (1, 2, 3, 23, 24, 25):
        values += ["zhang@example." + "c" * n, "zhang@example." + "c" * (n - 1) + "1",
                   "zhang@" + "c" * n]
    values += ["a@b", "a@.cn", "a@b..cn", "a@b.cn.", "a@@b.cn", ".a@b.cn", "_a@b.cn",
               "a@b-c.d-e.com", "a@b.c-m", "A%+.-@X.COM", "a@b.cn:80", "a@b.cn@c.cn",
               "ａ@b.cn", "a@ｂ.cn", "a@b.cn，，", "a@b.cn,", "+a@b.cn", "-a@b.cn"]
    for digits in range(7, 12):
        run = "1" * digits
        values += [run + ".20", "3." + run, run + "." + run, "1.2." + run, "1.2.3." + run,
                   "1.2.3", "1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1..2",
                   "." + run, run + "."]
    # Ten-digit landlines next to dots: a digit run of ten is a candidate, nine is not.
    values += ["0554950134.20", "3.0554950134", "0554950134.1.2", "055495013.20"]
    for sep in ("，", "\n", "邮箱", " ", "号"):
        _same(sep.join(values))


# Plates, passports/permits/USCC (the alnum branch), "IP 1.2.3.4" and regions ending in
# province characters are also decided in C when their shape is certain.
_SHAPED = ["京A12345", "沪A·D12345", "粤B-1234学", "冀P 70139", "京AD12345", "京A1234", "京a12345",
           "京AI2345", "京A12345港", "京A1234挂", "京A123456", "京A1234567", "京Ａ12345", "京A12345京",
           "E30687570", "EA1234567", "H12345678", "M1234567", "E123456789012", "e12345678",
           "91350100M000100Y43", "91350100M000100Y4", "AB12345678CDEFGHIJ", "X1234567890",
           "IP 216.49.154.33", "ip 1.2.3.4", "IP  1.2.3.4", "IP1 1.2.3.4", " 1.2.3.4",
           "I 255.255.255.255", "IP 256.1.1.1", "IP 01.2.3.4", "IP 1.2.3.4.5", "1.2.3.4",
           "0.0.0.0", "10.0.0.255", "IP 1.2.3", "IPv 1.2.3.4a", "宁", "，宁", "京", "苏E"]
_SHAPE_NOISE = "0123456789AEHIOXZaex_% .·•-,，:@京沪宁学港挂澳Ａ　号"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SHAPED + _FRAGMENTS),
                          st.text(alphabet=_SHAPE_NOISE, max_size=5)), max_size=10))
def test_generated_shaped_regions_agree(parts: list[str]) -> None:
    _same("".join(parts))


def test_shaped_regions_agree_alone_and_in_context() -> None:
    for head in ("", "车牌", "护照", "，", "a", "1"):
        for tail in ("", "，", ",", "宁", "，京", "号", "a", "1", "学", "@x.cn"):
            _same("\n".join(head + v + tail for v in _SHAPED + _FRAGMENTS))


def _permissive_uscc(real: Callable[[str], bool]) -> Callable[[str], bool]:
    # All-digit codes keep the real rule: digit runs are checked by classify_digits on every path.
    return lambda value: True if not value.isdigit() else real(value)


def test_shaped_candidates_agree_with_permissive_validators(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # With every plate/passport/permit/USCC check accepting, the comparison tests which
    # candidates each path finds, not only which survive today's validators.
    for module in (plate, passport, permit):
        monkeypatch.setattr(module, "is_valid", lambda value: True)
    monkeypatch.setattr(uscc, "is_valid", _permissive_uscc(uscc.is_valid))
    monkeypatch.setattr(detect, "_NATIVE_DECIDES", False)
    extra = ["京A1234567", "京AI234O", "京A.12345", "京A12345678", "E1234567890", "E12345678901",
             "1E12345678", "AB12345678CDEFGHI", "AB12345678CDEFGHIJK", "A123456", "AB1234567",
             "京A1234", "京A123", "京A123学", "粤Z1234澳", "粤Z12345澳", "Ea12345678", "E12345678_",
             "E12345678%", "E1234567b", "91350100M000100Y4_", "京A1234_", "京A-123", "京A·123",
             "京A 1234567"]
    for head in ("", "，", "a"):
        for tail in ("", "，", "宁", "学", "1", "a"):
            _same("\n".join(head + v + tail for v in _SHAPED + extra))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SHAPED),
                          st.text(alphabet=_SHAPE_NOISE, max_size=6),
                          st.text(alphabet="0123456789ABEHIOXZa_", min_size=6, max_size=19)),
                max_size=8))
def test_generated_shaped_candidates_agree(parts: list[str]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(detect, "_NATIVE_DECIDES", False)
        for module in (plate, passport, permit):
            mp.setattr(module, "is_valid", lambda value: True)
        mp.setattr(uscc, "is_valid", _permissive_uscc(uscc.is_valid))
        _same("".join(parts))


def test_a_build_of_another_interface_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    from cnprivacy.discovery import _native

    stale = types.ModuleType("cnprivacy.discovery._native._digitruns")
    monkeypatch.setitem(sys.modules, "cnprivacy.discovery._native._digitruns", stale)
    monkeypatch.setattr(_native, "_digitruns", stale, raising=False)
    assert detect._load_native() is None
    stale.INTERFACE = detect._NATIVE_INTERFACE  # type: ignore[attr-defined]
    assert detect._load_native() is stale


# Plates, passports and permits are decided in C when their shape is certain: near-valid
# shapes with the real validators.
_DOCUMENT = st.builds(lambda a, b, body: a + b + body, st.sampled_from("EGHMCA1"),
                      st.sampled_from("0123456789ADEIOZ"),
                      st.text(alphabet="0123456789", min_size=6, max_size=10))
_PLATE = st.builds(lambda p, letter, sep, body: p + letter + sep + body,
                   st.sampled_from("京沪粤藏"), st.sampled_from("ADIOZ"),
                   st.sampled_from(["", "·", "•", "-", " "]),
                   st.text(alphabet="0123456789ADFHIOZ", min_size=3, max_size=7))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.one_of(_DOCUMENT, _PLATE),
                          st.sampled_from(["", "，", " ", "宁", "号", "\n", "a"])), max_size=8))
def test_generated_plates_and_documents_agree(parts: list[tuple[str, str]]) -> None:
    _same("".join(value + tail for value, tail in parts))


def test_plate_and_document_bodies() -> None:
    values = ["京A12345", "京AD12345", "京A12345D", "京AF1234", "京A·D1234F", "京A1234F",
              "京AD1234", "京ADI1234", "京AI12345", "京A12345F", "京A•12345", "京A-DA1234",
              "E12345678", "EA1234567", "EI1234567", "G12345678", "H12345678", "H1234567890",
              "M1234567890", "M123456789", "C12345678", "CA1234567", "CO1234567", "A12345678",
              "E1234567", "E123456789"]
    _same("，".join(values))
    _same("\n".join(values))


# Regions are cut at commas no GPS pair can span (CSV lines read as text): values side by
# side, GPS-like shapes at the cuts.
_CELLS = _FRAGMENTS + _SHAPED + ["31.2304,121.4737", "31.2304, 121.4737", "1.2345,6",
                                 "３１．２３０４，１２１．４７３７", "-31.23045 ,-121.4737", "12.345",
                                 "1.23456", ".12345", "a.12345", "  13812345678", "x@y.cn "]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CELLS),
                          st.sampled_from([",", "，", ", ", " ,", ",,", "，,", ",\u3000"])),
                max_size=10))
def test_generated_comma_separated_values_agree(cells: list[tuple[str, str]]) -> None:
    _same("".join(value + sep for value, sep in cells))
