"""``deid --verify``'s count of what is left: a lone character is no name left."""

from __future__ import annotations

import pytest

from cnprivacy.deid.detection import SpanDetector
from cnprivacy.deid.operations import ResidualScan
from cnprivacy.discovery import types as T
from cnprivacy.discovery.detect import Span
from cnprivacy.discovery.pitypes import name_accurate
from cnprivacy.discovery.pitypes.name import left_in_output


def test_a_name_is_two_characters_at_least() -> None:
    assert not left_in_output(3, 4)
    assert left_in_output(3, 5)
    assert left_in_output(0, 4)


def test_lone_name_characters_are_not_counted_as_left() -> None:
    spans = [Span(0, 1, T.PERSON_NAME), Span(3, 5, T.PERSON_NAME), Span(6, 7, T.CN_MOBILE)]
    scan = ResidualScan(SpanDetector(lambda text: spans))
    scan.line("利**王五 x")
    scan.value("note", "利**王五 x")
    assert scan.counts == {T.PERSON_NAME: 2, T.CN_MOBILE: 2}
    assert scan.places == {"<text>": 2, "note": 2}
    assert scan.pairs[T.PERSON_NAME, "note"] == 1


@pytest.mark.skipif(not name_accurate.available(), reason="needs the 'names' extra")
def test_verify_of_masked_text_counts_no_name_left() -> None:
    # The accurate finder's recall floor reaches 利 of 会议顺利 in this masked line; the masked
    # names themselves are not found (tests/discovery/test_names_accurate.py).
    from cnprivacy.deid.detection import discovery_detector

    scan = ResidualScan(discovery_detector(names="accurate"))
    scan.line("客服记录：客户刘**来电，记者温*报道，钱**说会议顺利。")
    assert scan.counts[T.PERSON_NAME] == 0
