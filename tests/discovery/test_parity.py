"""Reference and accelerated paths agree, type by type (seeded, parametrised over the registry).

Every rule runs as its type module's pure-Python reference and, where one exists, one
accelerated path: the C text scanner (``_native/_digitruns.c``, ``_native/_cjk.c``) and the
column checks (``columnar``: Arrow kernels, and the C row checks for digit identifiers). Each
test draws seeded values near each type's edges (valid, one digit off, wrong lengths) and
compares the paths value by value.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from stdnum import luhn
from stdnum.iso7064 import mod_11_2

from cnprivacy.discovery import columnar as C
from cnprivacy.discovery import detect
from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import native, pure_python
from cnprivacy.discovery.pitypes import REGISTRY, plate, uscc
from cnprivacy.discovery.pitypes.address import _find_addresses_python, find_addresses
from cnprivacy.discovery.pitypes.health import HEALTH_PATTERN
from cnprivacy.discovery.pitypes.name import find_names, names_reference
from cnprivacy.discovery.regions import PROVINCE_CODES

from .evalcorpus import Corpus

_SEED = 20261204
_N = 400


def _digits(r: random.Random, n: int) -> str:
    return "".join(r.choice("0123456789") for _ in range(n))


def _off_by_one(r: random.Random, value: str) -> str:
    i = r.randrange(len(value))
    return value[:i] + str((int(value[i]) + 1) % 10) + value[i + 1:] if value[i].isdigit() \
        else value


def _resident_id(r: random.Random) -> str:
    region = r.choice(sorted(PROVINCE_CODES)) + _digits(r, 4)
    birth = f"{r.randint(1890, 2030)}{r.randint(1, 13):02d}{r.randint(1, 31):02d}"
    body = region + birth + _digits(r, 3)
    full = body + mod_11_2.calc_check_digit(body)
    return r.choice([full, full, _off_by_one(r, full), region + birth[2:] + _digits(r, 3)])


def _mobile(r: random.Random) -> str:
    number = "1" + _digits(r, 10)
    return r.choice([number, number, "+86" + number, "0086" + number, number[:10]])


def _landline(r: random.Random) -> str:
    return r.choice(["0", "+86", "0086"]) + _digits(r, r.randint(8, 11))


def _bank_card(r: random.Random) -> str:
    prefix = r.choice(["62", "4", "51", "55", "2221", "2720", "34", "37", "35", "300", "36",
                       "6011", "9", "1", "8"])
    body = prefix + _digits(r, r.randint(12, 18) - len(prefix))
    good = body + luhn.calc_check_digit(body)
    return r.choice([good, good, _off_by_one(r, good)])


def _uscc(r: random.Random) -> str:
    body = (r.choice("123456789AN") + r.choice("0123456789")
            + r.choice(sorted(PROVINCE_CODES)) + _digits(r, 4)
            + "".join(r.choice(uscc.ALPHABET) for _ in range(9)))
    total = sum(uscc.ALPHABET.index(c) * w for c, w in zip(body, uscc.WEIGHTS, strict=True))
    good = body + uscc.ALPHABET[(31 - total % 31) % 31]
    digits_only = "9" + _digits(r, 17)
    return r.choice([good, good, _off_by_one(r, good), digits_only])


def _email(r: random.Random) -> str:
    word = "".join(r.choice("abcxyz09._-") for _ in range(r.randint(1, 8)))
    return f"{word}@{r.choice(['example', 'qq', 'a-b'])}.{r.choice(['com', 'cn', 'c', 'c0m'])}"


def _document(first: str) -> Callable[[random.Random], str]:
    return lambda r: r.choice(first) + r.choice("0123456789ADZ") + _digits(r, r.randint(6, 10))


def _plate(r: random.Random) -> str:
    return (r.choice(plate.PROVINCES) + r.choice("ABDIOZ") + r.choice(["", "·", "-"])
            + "".join(r.choice("0123456789ADFHIOZ") for _ in range(r.randint(4, 6))))


def _ip(r: random.Random) -> str:
    if r.random() < 0.5:
        return ".".join(str(r.choice([0, 1, 10, 99, 192, 255, 256, r.randint(0, 300)]))
                        for _ in range(4))
    return r.choice(["::", "::1", "fe80::1", "2001:db8::" + f"{r.randint(0, 65535):x}", "a::"])


def _gps(r: random.Random) -> str:
    return f"{r.uniform(-95, 95):.{r.randint(3, 6)}f},{r.uniform(-185, 185):.{r.randint(3, 6)}f}"


#: Seeded value generators for the types found by patterns and checks.
_GENERATORS: dict[str, Callable[[random.Random], str]] = {
    T.CN_RESIDENT_ID: _resident_id, T.CN_MOBILE: _mobile, T.CN_LANDLINE: _landline,
    T.BANK_CARD: _bank_card, T.USCC: _uscc, T.EMAIL: _email,
    T.CN_PASSPORT: _document("EGE"), T.HK_MACAU_PERMIT: _document("HMC"),
    T.LICENSE_PLATE: _plate, T.IP_ADDRESS: _ip, T.GPS_COORDINATE: _gps,
}
_TEXT_TYPES = (T.PERSON_NAME, T.ADDRESS, T.HEALTH_INFO)


def _values(entity_type: str) -> list[str]:
    r = random.Random(f"{_SEED}/{entity_type}")
    return [_GENERATORS[entity_type](r) for _ in range(_N)]


def test_every_type_is_covered() -> None:
    assert set(_GENERATORS) | set(_TEXT_TYPES) == set(REGISTRY)


@pytest.mark.parametrize("entity_type", list(_GENERATORS))
def test_text_accelerator_agrees_with_the_reference(entity_type: str) -> None:
    digitruns = native("_digitruns")
    if digitruns is None:
        pytest.skip("C accelerator not built")
    r = random.Random(f"{_SEED}/text/{entity_type}")
    for sep in ("，", " ", "\n", "号", ","):
        text = "".join(v + (sep if r.random() < 0.8 else r.choice("a1 ")) for v in
                       _values(entity_type))
        assert detect._structured_native(text, digitruns)[0] == detect._structured_python(text)


# The column checks each vectorised type has (IPv6 and GPS columns are checked per value).
_COLUMN_TYPES = (T.CN_RESIDENT_ID, T.CN_MOBILE, T.CN_LANDLINE, T.BANK_CARD, T.EMAIL,
                 T.CN_PASSPORT, T.HK_MACAU_PERMIT, T.LICENSE_PLATE, T.IP_ADDRESS)


@pytest.mark.parametrize("entity_type", _COLUMN_TYPES)
@pytest.mark.parametrize("accelerated", [True, False], ids=["accelerated", "pure_python"])
def test_column_checks_agree_with_the_reference(entity_type: str, accelerated: bool) -> None:
    values = [v for v in _values(entity_type)
              if not (entity_type == T.IP_ADDRESS and ":" in v)]
    column = pa.array(values)
    if accelerated:
        masks = C.type_masks(column, frozenset({entity_type}))
    else:
        with pure_python():
            masks = C.type_masks(column, frozenset({entity_type}))
    got = masks[entity_type].to_pylist()
    assert got == [detect.validate(entity_type, v) for v in values]
    assert any(got) and not all(got)  # the draw has both sides of the rule


def test_health_column_pattern_is_the_reference() -> None:
    values = ["确诊糖尿病", "正常", "HIV阳性", "高血", "体检报告已出", ""]
    got = pc.fill_null(pc.match_substring_regex(pa.array(values), HEALTH_PATTERN), False)
    assert got.to_pylist() == [bool(v) and detect.validate(T.HEALTH_INFO, v) for v in values]


@pytest.mark.parametrize("entity_type", [T.PERSON_NAME, T.ADDRESS])
def test_text_finders_agree_with_the_reference(entity_type: str, corpus: Corpus) -> None:
    if native("_cjk") is None:
        pytest.skip("C accelerator not built")
    fast, slow = ((find_names, names_reference)
                  if entity_type == T.PERSON_NAME
                  else (find_addresses, _find_addresses_python))
    r = random.Random(f"{_SEED}/{entity_type}")
    lines = r.sample(corpus.lines, 600)
    for i in range(0, len(lines), 100):
        text = "\n".join(lines[i:i + 100])
        assert fast(text) == slow(text)


def test_birth_dates_agree_with_the_reference() -> None:
    values = _values(T.CN_RESIDENT_ID)
    column = pa.array(values)
    fast = C.birth_dates(column).tolist()
    with pure_python():
        slow = C.birth_dates(column).tolist()
    assert fast == slow
    assert any(fast)
