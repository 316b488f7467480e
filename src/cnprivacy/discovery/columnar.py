"""Column checks over Arrow string arrays: whole columns without a Python loop per value.

Each ``*_mask`` function takes a string array and returns a boolean array of the same length
(null → False) that agrees with the reference validator of its type module in
:mod:`cnprivacy.discovery.pitypes` (tests compare them on seeded values per type). Patterns
are the type modules' own, run by Arrow; resident IDs, birth dates, mobiles and cards of one
byte length go to the C accelerator's row checks (the checks its text scan makes), or, without
it, to the reference validator value by value. ``person_keys`` and ``split_auto`` give the
same-person keys of whole columns (the ledger's identifiers).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import native
from cnprivacy.discovery.normalize import FOLD_TABLE
from cnprivacy.discovery.numberplan import fixed_line_pattern
from cnprivacy.discovery.pitypes import (
    bank_card,
    email,
    ip,
    mobile,
    passport,
    permit,
    plate,
    resident_id,
    same_person_key,
)
from cnprivacy.discovery.pitypes import name as N
from cnprivacy.discovery.regions import PROVINCE_CODES
from cnprivacy.discovery.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES

_NEEDS_FOLD = "[" + "".join(chr(k) for k in FOLD_TABLE) + "]"
_PROVINCES = pa.array(sorted(PROVINCE_CODES))

Mask = pa.BooleanArray


def _done(mask: pa.Array) -> pa.Array:
    return pc.fill_null(mask, False)


def _np_mask(mask: np.ndarray) -> pa.Array:
    return pa.array(mask, type=pa.bool_())


def _rewrite_rows(arr: pa.Array, rows: pa.Array, rewrite: Callable[[pa.Array], pa.Array]
                  ) -> pa.Array:
    """Apply ``rewrite`` only to the rows flagged in ``rows`` (usually few of them)."""
    rows = _done(rows)
    count = pc.sum(pc.cast(rows, pa.int64())).as_py() or 0
    if count == 0:
        return arr
    if count == len(arr):
        return rewrite(arr)
    return pc.replace_with_mask(arr, rows, rewrite(arr.filter(rows)))


def _fold_all(arr: pa.Array) -> pa.Array:
    # NFKC maps full-width forms to ASCII in one pass; the dash variants it leaves alone.
    arr = pc.utf8_normalize(arr, form="NFKC")
    return pc.replace_substring_regex(arr, "[\u2010-\u2014\ufe63]", "-")


def fold_array(arr: pa.Array) -> pa.Array:
    """Full-width forms to ASCII, on the non-ASCII rows only (most columns have none)."""
    return _rewrite_rows(arr, pc.invert(pc.string_is_ascii(arr)), _fold_all)


def compact_array(arr: pa.Array) -> pa.Array:
    """The column analogue of :func:`normalize.compact`."""
    arr = fold_array(arr)
    arr = _rewrite_rows(arr, pc.match_substring_regex(arr, r"[ \-()]"),
                        lambda a: pc.replace_substring_regex(a, r"[ \-()]", ""))
    return pc.utf8_upper(arr)


def _codes(values: pa.Array, width: int) -> tuple[np.ndarray, np.ndarray]:
    """(row indices, uint8 matrix rows x width) of the values exactly ``width`` bytes long.

    Rows of one byte length, taken into a fresh array, sit back to back in its data buffer:
    a zero-copy numpy view gives every character position of every row at once.
    """
    lengths = pc.fill_null(pc.binary_length(values), 0).to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(lengths == width)
    if rows.size == 0:
        return rows, np.empty((0, width), dtype=np.uint8)
    sub = values.take(pa.array(rows))
    offsets = np.frombuffer(sub.buffers()[1], dtype=np.int32)[sub.offset:]
    data = np.frombuffer(sub.buffers()[2], dtype=np.uint8)
    first = int(offsets[0])
    return rows, data[first:first + rows.size * width].reshape(rows.size, width)


# Digit checks over rows of one byte length: the C accelerator (``_digitruns.check_rows``,
# the same checks as its text scan) when it is built, else each type module's reference
# validator per row. Kinds, as numbered in the C:
_RID, _MOBILE, _CARD, _ID_SHAPED = 0, 1, 2, 3
_REFERENCE: dict[int, Callable[[str, int], bool]] = {
    _RID: resident_id.is_valid,
    _MOBILE: lambda v, today: len(v) == 11 and mobile.is_national(v),
    _CARD: lambda v, today: bank_card.is_valid(v),
    _ID_SHAPED: lambda v, today: resident_id.looks_like(v),
}


def _check_rows(kind: int, codes: np.ndarray, today: date) -> tuple[np.ndarray, np.ndarray]:
    """(mask, birth YYYYMMDD or 0: resident IDs only) over the rows of a code matrix."""
    day = resident_id.as_ymd(today)
    width = codes.shape[1]
    accelerator = native("_digitruns")
    tables = _digit_tables() if accelerator is not None else None
    if accelerator is not None and tables is not None:
        mask, births = accelerator.check_rows(kind, codes.tobytes(), width, tables, day)
        return (np.frombuffer(mask, dtype=np.bool_),
                np.frombuffer(births, dtype=np.int32) if births else np.zeros(0, np.int32))
    data = codes.tobytes()
    values = [data[i:i + width].decode("latin-1") for i in range(0, len(data), width)]
    check = _REFERENCE[kind]
    ok = np.fromiter((check(v, day) for v in values), dtype=np.bool_, count=len(values))
    if kind != _RID:
        return ok, np.zeros(0, np.int32)
    births = np.fromiter((resident_id.birth_ymd(v) if good else 0
                          for v, good in zip(values, ok, strict=True)),
                         dtype=np.int32, count=len(values))
    return ok, births


def _digit_tables() -> tuple[object, ...] | None:
    # The configuration the text accelerator uses (None: its automata cannot be built on this
    # Python, and the reference runs).
    from cnprivacy.discovery.detect import _native_tables

    return _native_tables()


def _resident_rows(compact: pa.Array, today: date) -> tuple[np.ndarray, np.ndarray]:
    """(valid mask, birth YYYYMMDD or 0) for every row."""
    n = len(compact)
    valid = np.zeros(n, dtype=bool)
    birth = np.zeros(n, dtype=np.int32)
    for width in (18, 15):
        rows, codes = _codes(compact, width)
        if rows.size:
            ok, born = _check_rows(_RID, codes, today)
            valid[rows] = ok
            birth[rows] = born
    return valid, birth


def resident_id_mask(compact: pa.Array, today: date | None = None) -> pa.Array:
    """GB 11643 resident IDs (:func:`resident_id.is_valid`)."""
    return _np_mask(_resident_rows(compact, today or date.today())[0])


def birth_dates(compact: pa.Array, today: date | None = None) -> np.ndarray:
    """Birth dates as YYYYMMDD integers of valid resident IDs, 0 elsewhere."""
    return _resident_rows(compact, today or date.today())[1]


def id_shaped(compact: pa.Array) -> np.ndarray:
    """18 characters with a resident ID's region and birth date, whatever the check digit."""
    out = np.zeros(len(compact), dtype=bool)
    rows, codes = _codes(compact, 18)
    if rows.size:
        out[rows] = _check_rows(_ID_SHAPED, codes, date.today())[0]
    return out


def _national(compact: pa.Array) -> pa.Array:
    """:func:`mobile.national` of every row: +86, 0086, or 86 before 11 digits removed."""
    if pc.any(pc.starts_with(compact, "+86")).as_py():
        compact = pc.replace_substring_regex(compact, r"^\+86", "")
    if pc.any(pc.starts_with(compact, "86")).as_py():
        compact = pc.replace_substring_regex(compact, r"^86(\d{11})$", r"\1")
    if pc.any(pc.starts_with(compact, "0086")).as_py():
        compact = pc.replace_substring_regex(compact, r"^0086", "")
    return compact


def mobile_mask(compact: pa.Array) -> pa.Array:
    """Mobiles in phonenumbers' CN plan (:func:`mobile.is_valid`)."""
    national = _national(compact)
    out = np.zeros(len(national), dtype=bool)
    rows, codes = _codes(national, 11)
    if rows.size:
        out[rows] = _check_rows(_MOBILE, codes, date.today())[0]
    return _np_mask(out)


def national_mobile(compact: pa.Array) -> pa.Array:
    """The 11-digit national form of compact mobiles (their same-person key)."""
    return _national(compact)


def key_array(kind: str, column: pa.Array, compact: pa.Array) -> pa.Array:
    """The same-person key (:func:`pitypes.same_person_key`) of every valid ``kind`` value of
    a column, ``compact`` being :func:`compact_array` of it: e-mails folded, trimmed and
    lower-case; mobiles national; legacy 15-digit resident IDs in their 18-character form
    (few rows: the type module's own function upgrades them); other identifiers compact."""
    if kind == T.EMAIL:
        return pc.utf8_lower(pc.utf8_trim_whitespace(fold_array(column)))
    if kind == T.CN_MOBILE:
        return national_mobile(compact)
    if kind == T.CN_RESIDENT_ID:
        return _rewrite_rows(compact, pc.equal(pc.utf8_length(compact), 15), lambda a: pa.array(
            [None if v is None else resident_id.upgraded(v) for v in a.to_pylist()],
            type=a.type))
    return compact


def _national_digits(values: pa.Array) -> pa.Array:
    """:func:`mobile.key` of ASCII rows: the digits, a 0086 or 86 country code removed."""
    digits = pc.replace_substring_regex(values, r"[^0-9]", "")
    digits = pc.replace_substring_regex(digits, r"^0086(\d{11})$", r"\1")
    return pc.replace_substring_regex(digits, r"^86(\d{11})$", r"\1")


def _python_keys(kind: str, values: pa.Array) -> pa.Array:
    return pa.array([same_person_key(kind, v) for v in values.to_pylist()], type=pa.string())


def _ascii_key_chunks(kind: str, values: pa.Array) -> list[pa.Array]:
    if kind == T.EMAIL:
        return [pc.utf8_lower(pc.utf8_trim_whitespace(values))]
    if kind == T.CN_MOBILE:
        eleven = pc.and_(pc.equal(pc.utf8_length(values), 11), pc.ascii_is_decimal(values))
        return [values.filter(eleven), _national_digits(values.filter(pc.invert(eleven)))]
    if kind != T.CN_RESIDENT_ID:
        raise ValueError(f"no column key for {kind!r}")
    # Only rows with some character other than a letter or digit can hold a separator.
    alnum = pc.ascii_is_alnum(values)
    keys = [pc.ascii_upper(values.filter(alnum)), pc.ascii_upper(pc.replace_substring_regex(
        values.filter(pc.invert(alnum)), r"[ \-()]", ""))]
    out = []
    for chunk in keys:
        legacy = pc.equal(pc.utf8_length(chunk), 15)
        out += [chunk.filter(pc.invert(legacy)), _python_keys(kind, chunk.filter(legacy))]
    return out


def person_keys(kind: str, values: pa.Array, *, ascii_only: bool = False) -> list[pa.Array]:
    """:func:`pitypes.same_person_key` of every value of a column (no nulls) of ``kind``
    (resident ID, mobile or e-mail), as chunks in no particular order (the caller counts a
    set): ASCII rows by Arrow kernels, the others (few) by the type module itself. Tests
    compare the two on seeded values. ``ascii_only``: the caller has kept ASCII rows only."""
    if ascii_only:
        return _ascii_key_chunks(kind, values)
    ascii_rows = pc.string_is_ascii(values)
    return [*_ascii_key_chunks(kind, values.filter(ascii_rows)),
            _python_keys(kind, values.filter(pc.invert(ascii_rows)))]


def split_auto(values: pa.Array) -> dict[str, pa.Array]:
    """ASCII values of a column that mixes kinds, by the kind the ledger's ``auto`` reading
    gives each (e-mail with an @; mobile when written with digits and phone separators only
    and keyed to 11 digits starting with 1; resident ID otherwise). Digits-only rows are
    decided by length and prefix; only rows with separators go through the patterns."""
    at = _done(pc.match_substring(values, "@"))
    rest = values.filter(pc.invert(at))
    n = pc.utf8_length(rest)
    plain_mobile = _done(pc.and_(pc.ascii_is_decimal(rest), pc.or_(pc.or_(
        pc.and_(pc.equal(n, 11), pc.starts_with(rest, "1")),
        pc.and_(pc.equal(n, 13), pc.starts_with(rest, "861"))),
        pc.and_(pc.equal(n, 15), pc.starts_with(rest, "00861")))))
    alnum = pc.ascii_is_alnum(rest)
    loose = rest.filter(pc.invert(alnum))
    loose_mobile = _done(pc.and_(pc.match_substring_regex(loose, r"^[0-9 ()+\-]+$"),
                                 pc.match_substring_regex(_national_digits(loose),
                                                          r"^1\d{10}$")))
    return {
        T.EMAIL: values.filter(at),
        T.CN_MOBILE: pa.concat_arrays([rest.filter(plain_mobile), loose.filter(loose_mobile)]),
        T.CN_RESIDENT_ID: pa.concat_arrays([
            rest.filter(pc.and_(alnum, pc.invert(plain_mobile))),
            loose.filter(pc.invert(loose_mobile))]),
    }


def landline_mask(compact: pa.Array) -> pa.Array:
    """Fixed lines with area code in phonenumbers' CN plan."""
    has_cc = _done(pc.match_substring_regex(compact, r"^(?:\+86|0086)"))
    trunk = _done(pc.match_substring_regex(compact, r"^0"))
    national = pc.replace_substring_regex(compact, r"^(?:\+86|0086)?0?", "")
    fits = pc.match_substring_regex(national, f"^(?:{fixed_line_pattern()})$")
    n = pc.utf8_length(national)
    sized = pc.and_(pc.greater_equal(n, 9), pc.less_equal(n, 11))
    return _done(pc.and_(pc.and_(pc.or_(has_cc, trunk), fits), sized))


def bank_card_mask(compact: pa.Array, today: date | None = None) -> pa.Array:
    """Payment cards (:func:`bank_card.is_valid`)."""
    out = np.zeros(len(compact), dtype=bool)
    for width in range(bank_card.MIN_DIGITS, bank_card.MAX_DIGITS + 1):
        rows, codes = _codes(compact, width)
        if rows.size:
            out[rows] = _check_rows(_CARD, codes, today or date.today())[0]
    return _np_mask(out)


_EMAIL = f"^(?:{email.PATTERN})$"
_IPV4 = f"^(?:{ip.IPV4_PATTERN})$"
_PASSPORT = f"^(?:{passport.PATTERN})$"
_PERMIT = f"^(?:{permit.PATTERN})$"
_PLATE = f"^(?:{plate.PATTERN})$"


def email_mask(arr: pa.Array) -> pa.Array:
    return _done(pc.match_substring_regex(pc.utf8_trim_whitespace(fold_array(arr)), _EMAIL))


def ipv4_mask(arr: pa.Array) -> pa.Array:
    return _done(pc.match_substring_regex(pc.utf8_trim_whitespace(fold_array(arr)), _IPV4))


def passport_mask(compact: pa.Array) -> pa.Array:
    return _done(pc.match_substring_regex(compact, _PASSPORT))


def permit_mask(compact: pa.Array) -> pa.Array:
    return _done(pc.match_substring_regex(compact, _PERMIT))


def plate_mask(compact: pa.Array) -> pa.Array:
    return _done(pc.match_substring_regex(compact, _PLATE))


@cache
def _lexicon_arrays() -> tuple[pa.Array, pa.Array]:
    words, persons = N._lexicon()
    return pa.array(sorted(words)), pa.array(sorted(persons))


@cache
def _name_regexes() -> tuple[str, str]:
    compound = "|".join(sorted(COMPOUND_SURNAMES))
    single = "".join(sorted(SINGLE_SURNAMES))
    return f"^(?:{compound}|[{single}])", "".join(sorted(N._NOT_GIVEN))


def name_mask(arr: pa.Array) -> pa.Array:
    """Whole-cell personal names as :func:`names.is_name`."""
    v = pc.utf8_trim_whitespace(arr)
    surname, blocked = _name_regexes()
    given = pc.replace_substring_regex(v, surname, "", max_replacements=1)
    has_surname = pc.less(pc.utf8_length(given), pc.utf8_length(v))
    shape = pc.match_substring_regex(given, "^\\p{Han}{1,2}$")
    clean = pc.invert(pc.match_substring_regex(given, f"[{blocked}]"))
    words, persons = _lexicon_arrays()
    ordinary = pc.and_(pc.is_in(v, value_set=words), pc.invert(pc.is_in(v, value_set=persons)))
    return _done(pc.and_(pc.and_(pc.and_(has_surname, shape), clean), pc.invert(ordinary)))


def type_masks(arr: pa.Array, types: frozenset[str] | None = None,
               today: date | None = None) -> dict[str, pa.Array]:
    """Masks for every vectorised type (or those in ``types``) over one column."""
    want = types or frozenset(T.ALL_TYPES)
    compact = compact_array(arr)
    out: dict[str, pa.Array] = {}
    if T.CN_RESIDENT_ID in want:
        out[T.CN_RESIDENT_ID] = resident_id_mask(compact, today)
    if T.CN_MOBILE in want:
        out[T.CN_MOBILE] = mobile_mask(compact)
    if T.CN_LANDLINE in want:
        out[T.CN_LANDLINE] = landline_mask(compact)
    if T.EMAIL in want:
        out[T.EMAIL] = email_mask(arr)
    if T.BANK_CARD in want:
        out[T.BANK_CARD] = bank_card_mask(compact, today)
    if T.CN_PASSPORT in want:
        out[T.CN_PASSPORT] = passport_mask(compact)
    if T.HK_MACAU_PERMIT in want:
        out[T.HK_MACAU_PERMIT] = permit_mask(compact)
    if T.LICENSE_PLATE in want:
        out[T.LICENSE_PLATE] = plate_mask(pc.replace_substring_regex(compact, "[·•]", ""))
    if T.IP_ADDRESS in want:
        out[T.IP_ADDRESS] = ipv4_mask(arr)
    if T.PERSON_NAME in want:
        out[T.PERSON_NAME] = name_mask(arr)
    return out


def minors(birth: np.ndarray, as_of: date, age: int | None) -> np.ndarray:
    """Rows whose birth date (YYYYMMDD, 0 = unknown) makes the holder younger than ``age``
    on ``as_of`` (:func:`resident_id.minor_bounds`; None: nobody)."""
    bounds = resident_id.minor_bounds(as_of, age)
    if bounds is None:
        return np.zeros(birth.shape, dtype=bool)
    return (birth > bounds[0]) & (birth <= bounds[1])
