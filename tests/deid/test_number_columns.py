"""Columns of numbers that pass a card check by chance (order numbers) keep their values.

Random 18-digit order numbers starting with 9 pass the card check (scheme and Luhn) about one
time in ten; ``scan`` judges such a column not PI, so de-identification must keep it whole
(join keys), verification must not call those values residual cards, and a real card column
or a number with a card cue must still be masked.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pyarrow as pa
from stdnum import luhn

from cnprivacy.deid.detection import SpanDetector
from cnprivacy.deid.pipeline import deidentify, plan
from cnprivacy.deid.policy import Policy
from cnprivacy.deid.transformer import Deidentifier
from cnprivacy.discovery import types as T
from cnprivacy.discovery.classify import classify_column, trusted_spans, untrusted_span_types
from cnprivacy.discovery.detect import find_spans
from cnprivacy.discovery.pitypes import bank_card


def _orders(n: int, seed: int = 1204) -> list[str]:
    rng = random.Random(seed)
    return ["9" + "".join(rng.choice("0123456789") for _ in range(17)) for _ in range(n)]


def _cards(n: int, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        body = "622202" + "".join(rng.choice("0123456789") for _ in range(12))
        out.append(body + luhn.calc_check_digit(body))
    return out


def _write(path: Path, header: list[str], columns: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(zip(*columns, strict=True))


def test_seeded_orders_pass_luhn_by_chance_and_scan_calls_them_not_pi() -> None:
    orders = _orders(500)
    chance = sum(1 for v in orders if bank_card.is_valid(v))
    assert 25 <= chance <= 80  # about one in ten
    assert classify_column("order_no", pa.array(orders)).type is None
    assert untrusted_span_types("order_no", orders) == {T.BANK_CARD, T.USCC}


def test_context_rules_spare_real_cards() -> None:
    cards = _cards(200)
    assert T.BANK_CARD not in untrusted_span_types("ref", cards)
    # A header naming cards: never chance.
    assert T.BANK_CARD not in untrusted_span_types("卡号", _orders(200))
    # Not one length of digits: not a number column.
    assert untrusted_span_types("note", ["备注 " + v for v in _orders(200)]) == frozenset()


def test_a_cue_before_the_number_keeps_the_span() -> None:
    [card] = _cards(1)
    text = f"卡号：{card}"
    spans = find_spans(text)
    assert [s.type for s in spans] == [T.BANK_CARD]
    assert trusted_spans(text, spans, frozenset({T.BANK_CARD})) == spans
    assert trusted_spans(card, find_spans(card), frozenset({T.BANK_CARD})) == []


def test_deid_keeps_order_numbers_and_masks_cards(tmp_path: Path,
                                                  detector: SpanDetector) -> None:
    orders, cards = _orders(500), _cards(500)
    src = tmp_path / "orders.csv"
    _write(src, ["order_no", "ref"], [orders, cards])
    deid = Deidentifier(Policy(), detector)
    [outcome] = deidentify(plan([src], tmp_path / "out"), deid, verify_with=detector)
    assert outcome.error is None and outcome.rows == 500
    with (tmp_path / "out" / "orders.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    assert [r[0] for r in rows] == orders  # every join key intact
    assert all(r[1] != c and r[1].startswith(c[:4]) for r, c in zip(rows, cards, strict=True))
    assert outcome.residual is not None and not +outcome.residual
