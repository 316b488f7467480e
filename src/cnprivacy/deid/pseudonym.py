"""Keyed pseudonyms: HMAC-SM3 or HMAC-SHA-256 over the canonical value.

The same person gets the same token across files and runs as long as the key is the same;
without the key a token cannot be recomputed from a guessed value, which is what keeps
pseudonyms of low-entropy identifiers (11-digit mobiles) from being reversed by enumeration.
The entity type is part of the MAC input, so a mobile and an ID never collide or link.

Format-preserving pseudonyms look like the original kind of value (an 18-character resident
ID, an 11-digit mobile, a Luhn-length card number). By default the check character of an ID or
card is deliberately wrong, so a pseudonym can never be some real person's number and a
re-scan (which validates check digits) does not count it as residual PI. Policies whose
downstream systems validate check digits can ask for ``checksum: valid``.
"""

from __future__ import annotations

import base64
import ipaddress
from datetime import date, timedelta
from functools import cache
from typing import Literal

from cryptography.hazmat.primitives import hashes, hmac
from stdnum import luhn
from stdnum.cn import ric
from stdnum.iso7064 import mod_11_2

from cnprivacy.deid.keys import DeidKey
from cnprivacy.discovery.normalize import fold
from cnprivacy.discovery.pitypes import bank_card, landline, same_person_key
from cnprivacy.discovery.regions import divisions

Algorithm = Literal["sm3", "sha256"]
Checksum = Literal["valid", "invalid"]

TYPE_TAGS = {
    "cn_resident_id": "rid", "cn_mobile": "mob", "cn_landline": "tel", "email": "eml",
    "bank_card": "card", "person_name": "name", "address": "addr", "cn_passport": "pp",
    "hk_macau_permit": "hkm", "license_plate": "plate", "ip_address": "ip",
    "gps_coordinate": "gps", "uscc": "org",
}

# Common surnames and given-name characters, for names that look like names (format-preserving).
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
             "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
             "万钱严覃武戴莫孔向汤")
_GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬建国飞鹏辉波宁浩宇欣怡"
          "子涵梓轩诗雨思远嘉俊晨阳博文雅琪佳慧志刚春梅海燕新华晓东丹丹婷婷建军立新国强家豪")
_CJK_FILL = _GIVEN
_LOWER = "abcdefghijklmnopqrstuvwxyz"


class Pseudonymiser:
    def __init__(self, key: DeidKey, algorithm: Algorithm = "sm3") -> None:
        self.algorithm = algorithm
        # Keyed once; each value works on a copy (cheaper than re-keying per value).
        self._keyed = hmac.HMAC(key.derive(f"pseudonymise/{algorithm}", 32),
                                hashes.SM3() if algorithm == "sm3" else hashes.SHA256())

    def digest(self, entity_type: str | None, value: str) -> bytes:
        mac = self._keyed.copy()
        mac.update((entity_type or "value").encode() + b"\x00" + same_person_key(entity_type or "", value)
                   .encode("utf-8"))
        return mac.finalize()

    def token(self, entity_type: str | None, value: str) -> str:
        """Opaque token such as ``mob_k3f9...``: 100 bits, collision-free in practice."""
        tag = TYPE_TAGS.get(entity_type or "", "pi")
        code = base64.b32encode(self.digest(entity_type, value)).decode().lower()[:20]
        return f"{tag}_{code}"

    def format_preserving(self, entity_type: str | None, value: str,
                          checksum: Checksum = "invalid") -> str:
        stream = _DigitStream(self.digest(entity_type, value))
        if entity_type == "cn_resident_id":
            return _resident_id(stream, checksum)
        if entity_type == "cn_mobile":
            return "1" + "3456789"[stream.below(7)] + stream.digits(9)
        if entity_type == "bank_card":
            digits = bank_card.key(value)
            body = (digits[:1] or "6") + stream.digits(max(len(digits), 16) - 2)
            return body + _check(luhn.calc_check_digit(body), checksum, "0123456789")
        if entity_type == "cn_landline":
            return _landline(value, stream)
        if entity_type == "email":
            local = "".join(_LOWER[stream.below(26)] for _ in range(10))
            return f"{local}@example.invalid"
        if entity_type == "person_name":
            length = min(max(len(value.strip()), 2), 4)
            return _SURNAMES[stream.below(len(_SURNAMES))] + "".join(
                _GIVEN[stream.below(len(_GIVEN))] for _ in range(length - 1))
        if entity_type == "ip_address":
            return _ip(value, stream)
        return _shape(value, stream)


class _DigitStream:
    """Deterministic choices drawn from a digest (re-hashed when exhausted)."""

    def __init__(self, seed: bytes) -> None:
        self._seed = seed
        self._pool = int.from_bytes(seed, "big")
        self._round = 0

    def below(self, n: int) -> int:
        if self._pool < n * 2**32:
            self._round += 1
            mac = hmac.HMAC(self._seed, hashes.SHA256())
            mac.update(self._round.to_bytes(4, "big"))
            self._pool = int.from_bytes(mac.finalize(), "big")
        self._pool, pick = divmod(self._pool, n)
        return pick

    def digits(self, count: int) -> str:
        return "".join(str(self.below(10)) for _ in range(count))


def _check(correct: str, checksum: Checksum, alphabet: str) -> str:
    if checksum == "valid":
        return correct
    return alphabet[(alphabet.index(correct) + 1) % len(alphabet)]


@cache
def _county_codes() -> tuple[str, ...]:
    """Real GB/T 2260 county codes, so a pseudonymous ID has a plausible region."""
    return tuple(sorted(c for c in divisions().codes if not c.endswith("00")))


def _resident_id(stream: _DigitStream, checksum: Checksum) -> str:
    codes = _county_codes()
    for _ in range(64):
        region = codes[stream.below(len(codes))]
        born = date(1940, 1, 1) + timedelta(days=stream.below(25567))
        body = region + born.strftime("%Y%m%d") + stream.digits(3)
        number = body + mod_11_2.calc_check_digit(body)
        # A county code is valid only for the years it existed; draw again (deterministically)
        # until region and birth year agree, so 'valid' passes a full GB 11643 validator.
        if checksum == "invalid" or ric.is_valid(number):
            break
    return body + _check(mod_11_2.calc_check_digit(body), checksum, "0123456789X")


def _landline(value: str, stream: _DigitStream) -> str:
    digits = "".join(ch for ch in fold(value) if ch.isdigit())
    area = landline.area_code_digits(digits)
    head = digits[:area] if digits.startswith("0") else ""
    return (head + "-" if head else "") + "2345678"[stream.below(7)] + stream.digits(
        max(len(digits) - len(head) - 1, 6))


def _ip(value: str, stream: _DigitStream) -> str:
    """Private ranges only, so a pseudonymous address never points at a real host."""
    if ":" in value:
        return str(ipaddress.IPv6Address((0xFD << 120) | stream.below(2**64) << 56
                                         | stream.below(2**56)))
    return f"10.{stream.below(256)}.{stream.below(256)}.{stream.below(254) + 1}"


def _shape(value: str, stream: _DigitStream) -> str:
    """Digits stay digits, letters letters (same case), CJK CJK; punctuation is kept."""
    out: list[str] = []
    for ch in value:
        plain = fold(ch)
        if plain.isdigit():
            out.append(str(stream.below(10)))
        elif plain.isascii() and plain.isalpha():
            letter = _LOWER[stream.below(26)]
            out.append(letter.upper() if plain.isupper() else letter)
        elif "\u4e00" <= ch <= "\u9fff":
            out.append(_CJK_FILL[stream.below(len(_CJK_FILL))])
        else:
            out.append(ch)
    return "".join(out)
