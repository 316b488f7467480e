"""One identity function: scan, de-identification and the ledger key one person the same way.

Every way people write one identifier (full-width digits, separators, +86/0086, a lower-case
x, e-mail case, a legacy 15-digit ID) must give one same-person key in each of the three
callers: the scanner's text path and its column path, the pseudonyms of ``cnprivacy deid``,
and the ledger's normalised identifiers.
"""

from __future__ import annotations

import random

import pyarrow as pa
import pytest
from stdnum.iso7064 import mod_11_2

from cnprivacy.deid.keys import DeidKey
from cnprivacy.deid.pseudonym import Pseudonymiser
from cnprivacy.discovery import columnar as C
from cnprivacy.discovery import scanner as S
from cnprivacy.discovery import types as T
from cnprivacy.discovery.pitypes import REGISTRY, same_person_key
from cnprivacy.ledger.identifiers import IdentifierKind, _normalise, auto_kind

_BODY = "11010519491231002"
_RID = _BODY + mod_11_2.calc_check_digit(_BODY)  # ends in X
_BODY15 = "11010119900307123"
_RID_OF_15 = _BODY15 + mod_11_2.calc_check_digit(_BODY15)
_WIDE = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")

#: type -> (the same-person key, the ways one person's value is written)
_FORMS: dict[str, tuple[str, list[str]]] = {
    T.CN_RESIDENT_ID: (_RID, [_RID, _RID.lower(), _RID.translate(_WIDE),
                              f"{_RID[:6]} {_RID[6:14]} {_RID[14:]}",
                              f"{_RID[:6]}-{_RID[6:14]}-{_RID[14:].lower()}", f" {_RID} "]),
    T.CN_MOBILE: ("13812345678", ["13812345678", "１３８１２３４５６７８", "138 1234 5678",
                                  "138-1234-5678", "+86 138 1234 5678", "+8613812345678",
                                  "008613812345678", "0086-138-1234-5678", "８６１３８１２３４５６７８",
                                  "8613812345678", "１３８　１２３４　５６７８"]),
    T.EMAIL: ("zhang.san@example.com", ["zhang.san@example.com", "Zhang.San@Example.COM",
                                        " zhang.san@example.com ",
                                        "ｚｈａｎｇ.ｓａｎ＠ｅｘａｍｐｌｅ.ｃｏｍ"]),
    T.CN_LANDLINE: ("01062345678", ["01062345678", "010-6234 5678", "(010)62345678",
                                    "+86 10 6234 5678", "0086 10 62345678", "０１０－６２３４５６７８"]),
    T.BANK_CARD: ("6217001234567890126", ["6217001234567890126", "6217 0012 3456 7890 126",
                                          "６２１７００１２３４５６７８９０１２６"]),
    T.CN_PASSPORT: ("E12345678", ["E12345678", "e12345678", "Ｅ１２３４５６７８", "E 1234 5678"]),
    T.HK_MACAU_PERMIT: ("H12345678", ["H12345678", "h12345678", "Ｈ１２３４５６７８"]),
    T.LICENSE_PLATE: ("京A12345", ["京A12345", "京a12345", "京A·12345", "京A-12345", "京Ａ１２３４５"]),
    T.USCC: ("91350100M000100Y43", ["91350100M000100Y43", "91350100m000100y43"]),
    T.IP_ADDRESS: ("fe80::1", ["fe80::1", "FE80:0:0::1", " fe80::0001 "]),
    T.GPS_COORDINATE: ("31.2304,121.4737", ["31.2304,121.4737", "31.2304, 121.4737"]),
    T.PERSON_NAME: ("欧阳娜娜", ["欧阳娜娜", "欧阳 娜娜", " 欧阳娜娜 "]),
    T.ADDRESS: ("北京市海淀区中关村大街1号", ["北京市海淀区中关村大街1号", "北京市 海淀区 中关村大街１号"]),
    T.HEALTH_INFO: ("糖尿病", ["糖尿病", " 糖尿病 "]),
}
#: The identifier types the scanner counts people by, and the ledger's kinds of them.
_COUNTED = (T.CN_RESIDENT_ID, T.CN_MOBILE, T.EMAIL, T.CN_PASSPORT, T.HK_MACAU_PERMIT)
_LEDGER = {T.CN_RESIDENT_ID: (IdentifierKind.RESIDENT_ID, b"resident_id:"),
           T.CN_MOBILE: (IdentifierKind.MOBILE, b"mobile:"),
           T.EMAIL: (IdentifierKind.EMAIL, b"email:")}
_CASES = [(t, form) for t, (_, forms) in _FORMS.items() for form in forms]


def _ledger(values: list[str], kind: IdentifierKind) -> list[tuple[bytes, list[str]]]:
    """The ledger's normalised groups of ``values``, empty groups left out."""
    merged: dict[bytes, list[str]] = {}
    for prefix, keys in _normalise(pa.array(values, pa.string()), kind):
        merged.setdefault(prefix, []).extend(keys.to_pylist())
    return [(prefix, sorted(keys)) for prefix, keys in merged.items() if keys]
_PSEUDONYMS = Pseudonymiser(DeidKey(bytes(range(32)), "test"))


def test_every_registered_type_has_its_formats() -> None:
    assert set(_FORMS) == set(REGISTRY) == set(T.ALL_TYPES)


@pytest.mark.parametrize(("kind", "form"), _CASES)
def test_the_identity_function(kind: str, form: str) -> None:
    assert same_person_key(kind, form) == _FORMS[kind][0]


@pytest.mark.parametrize(("kind", "form"), _CASES)
def test_scan_text_path_keys_by_it(kind: str, form: str) -> None:
    assert S.same_person_key(kind, form) == _FORMS[kind][0]


@pytest.mark.parametrize(("kind", "form"),
                         [(t, f) for t, f in _CASES if t in _COUNTED])
def test_scan_column_path_agrees(kind: str, form: str) -> None:
    column = pa.array([form])
    keys = C.key_array(kind, column, C.compact_array(column)).to_pylist()
    assert keys == [same_person_key(kind, form)]


@pytest.mark.parametrize(("kind", "form"), _CASES)
def test_deid_pseudonyms_agree(kind: str, form: str) -> None:
    key = _FORMS[kind][0]
    assert _PSEUDONYMS.token(kind, form) == _PSEUDONYMS.token(kind, key)


@pytest.mark.parametrize(("kind", "form"), [(t, f) for t, f in _CASES if t in _LEDGER])
def test_ledger_agrees(kind: str, form: str) -> None:
    ledger_kind, prefix = _LEDGER[kind]
    trimmed = form.strip()
    assert _ledger([trimmed], ledger_kind) == [(prefix, [_FORMS[kind][0]])]
    assert auto_kind(trimmed) is ledger_kind
    assert _ledger([trimmed], IdentifierKind.AUTO) == [(prefix, [_FORMS[kind][0]])]


def test_full_width_mobile_is_a_mobile_in_the_ledger() -> None:
    # Regression: the ledger's auto mode read １３８１２３４５６７８ as a resident ID
    # (b"resident_id:１３８...") while scan and deid read it as a mobile: one person twice.
    groups = _ledger(["１３８１２３４５６７８", "13812345678"], IdentifierKind.AUTO)
    assert sorted(key for prefix, keys in groups for key in keys) == ["13812345678"] * 2
    assert {prefix for prefix, _ in groups} == {b"mobile:"}


def test_legacy_id_is_the_same_person_as_its_upgrade() -> None:
    legacy = _BODY15[:6] + _BODY15[8:]
    for kind in (T.CN_RESIDENT_ID,):
        assert same_person_key(kind, legacy) == same_person_key(kind, _RID_OF_15) == _RID_OF_15
    column = pa.array([legacy, _RID_OF_15])
    assert C.key_array(T.CN_RESIDENT_ID, column, C.compact_array(column)).to_pylist() == \
        [_RID_OF_15, _RID_OF_15]
    assert _ledger([legacy], IdentifierKind.RESIDENT_ID) == [(b"resident_id:", [_RID_OF_15])]
    assert _ledger([legacy], IdentifierKind.AUTO) == [(b"resident_id:", [_RID_OF_15])]


_MESSY = "0123456789０１８Xx +-()@.aZ，Ａ＠"


def _messy(r: random.Random) -> str:
    head = r.choice(["", "+86", "0086", "86", "８６", "1", "11010119900307"])
    return head + "".join(r.choice(_MESSY) for _ in range(r.randint(0, 16)))


@pytest.mark.parametrize("kind", [IdentifierKind.RESIDENT_ID, IdentifierKind.MOBILE,
                                  IdentifierKind.EMAIL, IdentifierKind.AUTO])
def test_ledger_column_keys_are_the_identity_function(kind: IdentifierKind) -> None:
    # The ledger keys ASCII values with Arrow kernels: seeded messy values (ASCII and not)
    # must get exactly the keys and kinds the identity function gives one by one.
    r = random.Random(f"20261204/{kind}")
    values = [v.strip() for v in (_messy(r) for _ in range(3000)) if v.strip()]
    values += [_RID, _BODY15[:6] + _BODY15[8:], "13812345678", "a@B.cn"]
    got = sorted((p, k) for p, keys in _ledger(values, kind) for k in keys)
    prefixes = {k: p for k, (p, _) in _LEDGER_KINDS.items()}
    expected = []
    for v in values:
        k = auto_kind(v) if kind is IdentifierKind.AUTO else kind
        expected.append((prefixes[k], same_person_key(_LEDGER_KINDS[k][1], v)))
    assert got == sorted(expected)


_LEDGER_KINDS = {IdentifierKind.RESIDENT_ID: (b"resident_id:", T.CN_RESIDENT_ID),
                 IdentifierKind.MOBILE: (b"mobile:", T.CN_MOBILE),
                 IdentifierKind.EMAIL: (b"email:", T.EMAIL)}


def test_today_is_read_again_once_the_day_it_holds_is_over(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date as real_date

    from cnprivacy.discovery.pitypes import resident_id as rid

    assert rid.today_ymd() == rid.as_ymd(real_date.today())

    class Tomorrow(real_date):
        @classmethod
        def today(cls) -> real_date:  # type: ignore[override]
            return real_date(2031, 1, 2)

    monkeypatch.setattr(rid, "date", Tomorrow)
    assert rid.today_ymd() != 20310102  # the day held is not over: no new date read
    monkeypatch.setattr(rid, "_today", [rid._today[0], 0.0])  # as if its midnight had passed
    assert rid.today_ymd() == 20310102
    monkeypatch.setattr(rid, "_today", [0, 0.0])
