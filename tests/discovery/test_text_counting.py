"""The text path's counting (one record per line, its strongest identifier) against a plain
per-line reference written here: sets of normalised values instead of keyed hashes, the
validators' own minor test, one find_tuples call per line."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from stdnum.iso7064 import mod_11_2

from cnprivacy.discovery import scanner as S
from cnprivacy.discovery import types as T
from cnprivacy.discovery.detect import find_tuples
from cnprivacy.discovery.pitypes import SENSITIVE_CATEGORY, same_person_key
from cnprivacy.discovery.pitypes.resident_id import is_minor

from .evalcorpus import Corpus

_AS_OF = date(2026, 3, 1)


def _rid(body: str) -> str:
    return body + mod_11_2.calc_check_digit(body)


def _reference(lines: list[str], limit: int | None) -> tuple[int, int, int, int]:
    everyone: dict[str, set[str]] = {}
    sensitive: dict[str, set[str]] = {}
    minors: set[str] = set()
    spans = 0
    for line in lines:
        found = find_tuples(line)
        spans += len(found)
        ids = [(S._IDENTIFIERS.index(k), S.same_person_key(k, line[a:b]))
               for a, b, k in found if k in S._IDENTIFIERS]
        if not ids:
            continue
        best = min(r for r, _ in ids)
        kind = S._IDENTIFIERS[best]
        values = [v for r, v in ids if r == best]
        minor = kind == T.CN_RESIDENT_ID and any(is_minor(v, _AS_OF, limit) for v in values)
        everyone.setdefault(kind, set()).update(values)
        if minor or any(k in SENSITIVE_CATEGORY for _, _, k in found):
            sensitive.setdefault(kind, set()).update(values)
        if minor:
            minors.update(values)
    return (sum(map(len, everyone.values())), sum(map(len, sensitive.values())), len(minors),
            spans)


def _lines_with_minors() -> list[str]:
    born = ["20120302", "20120301", "20120229", "20160229", "19900307", "20260301", "20111231"]
    rids = [_rid("110101" + b + "123") for b in born] + ["110101120302123"]
    lines = []
    for i, rid in enumerate(rids):
        lines += [f"患者{rid}，糖尿病", f"联系人 {rid} 电话13812345678", f"电话13812345678，{rid}",
                  f"{rid[:6]}-{rid[6:14]}-{rid[14:]} 与 {rids[i - 1]}", f"邮箱a{i}@x.cn 手机1381234567{i}"]
    return lines


def test_counts_match_a_per_line_reference(corpus: Corpus, heldout: Corpus) -> None:
    lines = corpus.lines + heldout.lines + _lines_with_minors()
    scanner = S.Scanner(S.ScanOptions(as_of=_AS_OF, minor_age=14, block_lines=97))
    rep = scanner.scan_lines("t.txt", "utf-8", lines)
    limit = scanner.minor_age
    assert rep.minors_under_14 and rep.minors_under_14 > 0
    assert (rep.individuals, rep.sensitive_individuals, rep.minors_under_14, len(rep.spans)) \
        == _reference(lines, limit)


@pytest.mark.parametrize("birth", ["20120302", "20120301", "20120229", "20130229", "20121301",
                                   "20120230", "00000101", "20260301", "20260302", "19000101"])
def test_minor_rule_is_the_calendar_rule(birth: str) -> None:
    # The scanner asks is_minor of same-person keys; the oracle reads the key's birth date
    # with datetime and compares calendar days (not the integer arithmetic under test).
    values = [_rid("110101" + birth + "123"), "110101" + birth[2:] + "123",
              "110101" + birth + "12X", "１１０１０１" + birth + "123４", "110101" + birth]
    for limit in (None, 14, 15, 0):
        for raw in values:
            v = same_person_key(T.CN_RESIDENT_ID, raw)
            assert is_minor(v, _AS_OF, limit) == _calendar_minor(v, limit), (v, limit)


def _calendar_minor(value: str, limit: int | None) -> bool:
    if limit is None or len(value) != 18:
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    day = (_AS_OF.year - limit, _AS_OF.month, _AS_OF.day)
    return day < (born.year, born.month, born.day) and born <= _AS_OF


def test_collector_state_is_restored() -> None:
    assert gc.isenabled()
    S.Scanner(S.ScanOptions(as_of=_AS_OF, minor_age=14)).scan_lines("t.txt", "utf-8", ["13812345678"])
    assert gc.isenabled()
    gc.disable()
    try:
        S.Scanner(S.ScanOptions(as_of=_AS_OF, minor_age=14)).scan_lines("t.txt", "utf-8", ["13812345678"])
        assert not gc.isenabled()
    finally:
        gc.enable()
