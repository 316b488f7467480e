"""The atomic write: the final name holds the old file or the whole new one, never a part."""

from __future__ import annotations

import errno
import os
import stat
from contextlib import ExitStack
from pathlib import Path

import pytest

from cnprivacy.errors import InputError
from cnprivacy.fileio.atomic import atomic_open, atomic_path, write_atomically


def _io_error(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.EIO, "Input/output error")


def test_text_bytes_encoding_and_newline(tmp_path: Path) -> None:
    write_atomically(tmp_path / "a.txt", "姓名\n张伟\n", encoding="gb18030", newline="\r\n")
    assert (tmp_path / "a.txt").read_bytes() == "姓名\r\n张伟\r\n".encode("gb18030")
    write_atomically(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    write_atomically(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_key_mode_and_no_overwrite(tmp_path: Path) -> None:
    key = tmp_path / "k.key"
    write_atomically(key, "secret\n", mode=0o600, overwrite=False)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    with pytest.raises(InputError, match="already exists") as err:
        write_atomically(key, "other\n", mode=0o600, overwrite=False)
    assert str(key) in err.value.one_line()
    assert key.read_text() == "secret\n"
    assert [p.name for p in tmp_path.iterdir()] == ["k.key"]


def test_no_overwrite_refuses_a_target_that_appears_while_writing(tmp_path: Path) -> None:
    key = tmp_path / "k.key"
    with pytest.raises(InputError, match="already exists"), \
            atomic_open(key, overwrite=False) as handle:
        handle.write("mine\n")
        key.write_text("theirs\n")  # another process got there first
    assert key.read_text() == "theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["k.key"]


def test_missing_parents_are_made_and_removed_again_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "out.csv"
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("a,b\n")
        raise RuntimeError("serialiser failed")
    assert list(tmp_path.iterdir()) == []
    write_atomically(target, "a,b\n")
    assert target.read_text() == "a,b\n"


@pytest.mark.parametrize("form", ["write_atomically", "atomic_open", "atomic_path"])
@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failing_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str, failing: str) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old content\n")
    monkeypatch.setattr(os, failing, _io_error)
    with pytest.raises(InputError, match="cannot write: Input/output error") as err:
        if form == "write_atomically":
            write_atomically(target, "new content\n")
        elif form == "atomic_open":
            with atomic_open(target) as handle:
                handle.write("new content\n")
        else:
            with atomic_path(target) as temp:
                temp.write_text("new content\n")
    assert err.value.one_line().startswith(str(target))
    assert target.read_text() == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("form", ["atomic_open", "atomic_path"])
def test_an_error_in_the_writer_leaves_the_old_file(tmp_path: Path, form: str) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old content\n")
    with pytest.raises(KeyboardInterrupt):
        if form == "atomic_open":
            with atomic_open(target) as handle:
                handle.write("half")
                raise KeyboardInterrupt
        else:
            with atomic_path(target) as temp:
                assert temp.parent == tmp_path and temp.name.startswith(".")
                temp.write_text("half")
                raise KeyboardInterrupt
    assert target.read_text() == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_nested_paths_are_all_or_nothing(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "sub" / "b.csv"
    with pytest.raises(ValueError), ExitStack() as stack:
        stack.enter_context(atomic_path(first)).write_text("a\n")
        stack.enter_context(atomic_path(second)).write_text("b\n")
        raise ValueError("the last input failed")
    assert list(tmp_path.iterdir()) == []
    with ExitStack() as stack:
        stack.enter_context(atomic_path(first)).write_text("a\n")
        stack.enter_context(atomic_path(second)).write_text("b\n")
    assert first.read_text() == "a\n" and second.read_text() == "b\n"


def test_a_folder_where_the_file_belongs(tmp_path: Path) -> None:
    (tmp_path / "report.json").mkdir()
    with pytest.raises(InputError, match="is a folder") as err:
        write_atomically(tmp_path / "report.json", "{}")
    assert "\n" not in str(err.value)
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_an_unwritable_folder_is_an_input_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="cannot write") as err:
        write_atomically(blocker / "out.json", "{}")  # a file stands where a folder must be
    assert str(blocker / "out.json") in str(err.value)


def test_long_names_still_get_a_temporary(tmp_path: Path) -> None:
    target = tmp_path / ("长" * 80 + ".csv")  # 244 bytes of UTF-8, near the 255-byte limit
    write_atomically(target, "x")
    assert target.read_text() == "x"
