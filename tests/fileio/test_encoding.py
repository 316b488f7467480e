"""One encoding detector: the same answer for every reader of files, and the answers it gave
before it moved here."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from cnprivacy.errors import InputError
from cnprivacy.fileio.encoding import (
    decode_text,
    detect_encoding,
    detect_encoding_bytes,
    output_encoding,
)

HEADER, NAME, ID = "姓名,身份证号", "张三", "11010519491231002X"
TEXT = f"{HEADER}\n{NAME},{ID}\n"

# (how the file is written, the BOM in front, the detector's answer): the answers discovery's
# readers gave before detection moved to fileio.
SAMPLES = [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("gbk", b"", "gb18030"),
    ("gb18030", b"", "gb18030"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("utf-16-le", b"", "utf-16-le"),
    ("utf-16-be", b"", "utf-16-be"),
]


def _discovery(path: Path) -> str:
    from cnprivacy.discovery import readers

    batch = next(readers.iter_batches(readers.open_file(path)))
    return "".join(f"{k},{v[0]}" for k, v in batch.to_pydict().items())


def _deid(path: Path) -> str:
    from cnprivacy.deid import formats

    [row] = list(formats.records("csv", path))
    return "".join(f"{k},{v}" for k, v in row.items())


def _ledger(path: Path) -> str:
    from cnprivacy.ledger.identifiers import _load_column

    [value] = _load_column(path, "身份证号").to_pylist()
    return f"姓名,{NAME}身份证号,{value}"


def _policy(path: Path) -> str:
    from cnprivacy.appaudit.policy import read_policy

    head, row = read_policy(str(path)).text.splitlines()
    name, value = row.split(",")
    return f"姓名,{name}身份证号,{value}" if head == HEADER else head


READERS: dict[str, Callable[[Path], str]] = {
    "discovery": _discovery, "deid": _deid, "ledger": _ledger, "appaudit policy": _policy}


@pytest.mark.parametrize(("written", "bom", "expected"), SAMPLES)
def test_detector_answers(tmp_path: Path, written: str, bom: bytes, expected: str) -> None:
    raw = bom + TEXT.encode(written)
    assert detect_encoding_bytes(raw) == expected
    (tmp_path / "x.csv").write_bytes(raw)
    assert detect_encoding(tmp_path / "x.csv") == expected
    assert decode_text(raw, "x.csv") == TEXT


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(("written", "bom", "expected"), SAMPLES)
def test_every_reader_reads_every_encoding(tmp_path: Path, reader: str, written: str,
                                           bom: bytes, expected: str) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(bom + TEXT.encode(written))
    assert READERS[reader](path) == f"姓名,{NAME}身份证号,{ID}"


def test_binary_is_none_and_an_input_error_naming_the_file(tmp_path: Path) -> None:
    junk = bytes(range(256)) * 8
    assert detect_encoding_bytes(junk) is None
    (tmp_path / "junk.csv").write_bytes(junk)
    with pytest.raises(InputError, match="binary") as err:
        detect_encoding(tmp_path / "junk.csv")
    assert str(tmp_path / "junk.csv") in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(InputError, match="binary"):
        decode_text(junk, "junk.csv")


def test_a_folder_or_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        detect_encoding(tmp_path)
    with pytest.raises(InputError, match="cannot read"):
        detect_encoding(tmp_path / "missing.csv")


def test_a_sample_cut_inside_a_character_is_still_utf8() -> None:
    raw = "张三".encode()
    assert detect_encoding_bytes(raw[:-1]) == "utf-8"


POLICY_BIG5 = "我們會收集您的姓名、手機號碼與位置資訊，用於提供服務。您可以隨時撤回同意。\n" * 20
NOTICE_SJIS = "個人情報の取り扱いについて。プライバシーポリシーを定めます。\n" * 20


@pytest.mark.parametrize(("text", "written"), [(POLICY_BIG5, "big5"), (NOTICE_SJIS, "shift_jis")])
def test_text_gb18030_would_garble_goes_to_charset_normalizer(tmp_path: Path, text: str,
                                                              written: str) -> None:
    pytest.importorskip("charset_normalizer")
    raw = text.encode(written)
    raw.decode("gb18030")  # decodes without error, into the wrong characters
    assert decode_text(raw, "policy.txt") == text
    path = tmp_path / "policy.txt"
    path.write_bytes(raw)
    from cnprivacy.appaudit.policy import read_policy

    assert read_policy(str(path)).text.startswith(text.splitlines()[0])


def test_without_charset_normalizer_gb18030_or_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "charset_normalizer", None)  # import raises ImportError
    assert detect_encoding_bytes(POLICY_BIG5.encode("big5")) == "gb18030"
    assert detect_encoding_bytes(TEXT.encode("gbk")) == "gb18030"
    assert detect_encoding_bytes(b"\xff" * 64) is None


def test_decode_names_the_byte_that_breaks_the_detected_encoding() -> None:
    from cnprivacy.fileio.encoding import SAMPLE_BYTES

    raw = b"a" * SAMPLE_BYTES + b"\xff"  # UTF-8 as far as the sample goes
    with pytest.raises(InputError, match=f"not valid utf-8 at byte {SAMPLE_BYTES}"):
        decode_text(raw, "p.txt")


@pytest.mark.parametrize(("read", "written"), [
    ("gbk", "gb18030"), ("gb2312", "gb18030"), ("cp936", "gb18030"), ("gb18030", "gb18030"),
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16-le", "utf-16-le"),
])
def test_output_encoding(read: str, written: str) -> None:
    assert output_encoding(read) == written


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("chunk", [3, 7, 1 << 20])
def test_the_first_invalid_byte_of_a_file(tmp_path: Path, encoding: str, chunk: int) -> None:
    from cnprivacy.fileio.encoding import first_invalid_byte

    raw = "你好世界abc中文\n".encode(encoding) * 3
    path = tmp_path / "t.txt"
    path.write_bytes(raw)
    assert first_invalid_byte(path, encoding, chunk) is None
    # An invalid byte anywhere, at a chunk's edge or not (inside a character, the character's
    # first byte is the one named, as the whole file's decoding names it), and the last
    # character cut short.
    for bad in [raw[:cut] + b"\xff" + raw[cut:] for cut in range(1, len(raw))] + [raw[:-2]]:
        path.write_bytes(bad)
        with pytest.raises(UnicodeDecodeError) as err:
            bad.decode(encoding)
        assert first_invalid_byte(path, encoding, chunk) == err.value.start
