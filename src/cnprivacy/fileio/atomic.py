"""Writing an output atomically: readers of the final name see the old file or the new one whole.

Every command that writes a file goes through here. The content goes to a hidden temporary file
in the target's own folder (so the final rename never crosses file systems), is flushed to disk,
and only then renamed onto the target. On any error, including an interrupt, the temporary file
is removed, folders made for the output are removed again if still empty, and an existing
target is left as it was. Hidden names keep half-written outputs out of folder walks (scan and
deid skip dot-files). A process killed outright (SIGKILL) runs no clean-up and leaves its
temporary; the next write of the same target removes it.

Written here rather than taken from a library: the maintained choices do not offer the
no-overwrite mode key files need, and the whole job is a few system calls.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TextIO

from cnprivacy.errors import InputError

#: Default permissions before the umask, as for any new file; key files pass 0o600.
FILE_MODE = 0o666
# File names are limited to 255 bytes; keep room for the dot, the random suffix and .tmp.
_NAME_ROOM = 200


def _cannot_write(target: Path, err: OSError) -> InputError:
    return InputError(str(target), f"cannot write: {err.strerror or err}")


def _make_parents(target: Path) -> list[Path]:
    """Create the missing folders above ``target``; returns those made, outermost first."""
    missing = [p for p in reversed(target.parents) if not p.exists()]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        _remove_empty(missing)
        raise _cannot_write(target, err) from None
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if still empty: never anything someone else put there


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable. Best effort: some systems cannot open a folder, and by
    # now the output is complete under its final name.
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _short(name: str) -> str:
    # Cut by bytes, not characters: a name of Chinese characters is three bytes each.
    return os.fsencode(name)[:_NAME_ROOM].decode("utf-8", errors="ignore") or "output"


def _temp_name(name: str) -> str:
    # The writer's process id is part of the name: a later run can tell a temporary left by
    # a killed process (SIGKILL runs no clean-up) from one another process is still writing.
    return f".{_short(name)}.{os.getpid()}-{secrets.token_hex(6)}.tmp"


_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{12}\.tmp")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else, or the system cannot say
        return True
    return True


def remove_stale_temps(targets: Iterable[str | Path]) -> list[Path]:
    """Remove the temporaries that writes of ``targets`` left behind when their process was
    killed (no ``finally`` runs after SIGKILL). Only this module's temp names for these very
    targets, and only those whose writing process is gone; returns the paths removed."""
    removed: list[Path] = []
    for target in {Path(t) for t in targets}:
        folder = target.parent
        if not folder.is_dir():
            continue
        short = _short(target.name)
        for entry in folder.glob(f".{glob.escape(short)}.*.tmp"):
            match = _TEMP.fullmatch(entry.name)
            if (match and match["name"] == short and entry.is_file()
                    and not _running(int(match["pid"]))):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # hard links and symbolic links too
    except OSError:  # one of them does not exist (yet): compare where they would be
        return a.resolve() == b.resolve()


def check_target(target: str | Path, protect: Iterable[str | Path] = ()) -> Path:
    """``target`` as a Path if a command may write it: not a folder, and not the same file as
    any of ``protect`` (the command's inputs, a database it reads); InputError otherwise.

    Called by the writers below, and by commands before they start their work, so that a bad
    ``-o`` fails at once and nothing is written.
    """
    path = Path(target)
    if path.is_dir():
        raise InputError(str(path), "is a folder; give a file name to write")
    for other in protect:
        if _same_file(path, Path(other)):
            raise InputError(str(path), f"is also an input of this command ({other}); "
                             "write the output to another file")
    return path


class _Staged:
    """A temporary file beside ``target``, created empty and moved onto it when complete."""

    def __init__(self, target: Path, mode: int, overwrite: bool,
                 protect: Iterable[str | Path] = ()) -> None:
        check_target(target, protect)
        if not overwrite and target.exists():
            raise InputError(str(target), "already exists; not overwritten")
        self.target, self.overwrite = target, overwrite
        # Temporaries of earlier writes of this target whose process was killed would
        # otherwise pile up beside it: every writer clears them, not only deid.
        remove_stale_temps([target])
        self.made = _make_parents(target)
        self.temp = target.with_name(_temp_name(target.name))
        try:
            self.fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                              | getattr(os, "O_BINARY", 0), mode)
        except OSError as err:
            _remove_empty(self.made)
            raise _cannot_write(target, err) from None

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.temp.unlink(missing_ok=True)
        _remove_empty(self.made)

    def commit(self, *, synced: bool) -> None:
        """Flush (unless the writer did) and move onto the target; discard on failure."""
        try:
            if not synced:
                fd = os.open(self.temp, os.O_RDWR)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            if self.overwrite:
                os.replace(self.temp, self.target)
            else:
                self._place_new()
        except BaseException as err:
            self.discard()
            if isinstance(err, OSError):
                raise _cannot_write(self.target, err) from None
            raise
        _sync_folder(self.target.parent)

    def _place_new(self) -> None:
        # A hard link fails if the target appeared meanwhile, which a rename would overwrite.
        try:
            os.link(self.temp, self.target)
        except FileExistsError:
            raise InputError(str(self.target), "already exists; not overwritten") from None
        except OSError:
            # A file system without hard links: the check made on entry has to do.
            if self.target.exists():
                raise InputError(str(self.target), "already exists; not overwritten") from None
            os.replace(self.temp, self.target)
            return
        self.temp.unlink()


def _flush(handle: IO[str] | IO[bytes]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def write_atomically(target: str | Path, data: str | bytes, *, encoding: str = "utf-8",
                     newline: str | None = None, mode: int = FILE_MODE,
                     overwrite: bool = True, protect: Iterable[str | Path] = ()) -> None:
    """Write ``data`` (text in ``encoding``, or bytes) as the whole content of ``target``.

    ``newline`` is as for :func:`open` (None: ``\\n`` becomes the platform's line ending).
    ``overwrite=False`` refuses an existing target, even one created while writing;
    ``protect`` lists files the target must not be (see :func:`check_target`).
    Errors of the file system are an InputError naming ``target``.
    """
    staged = _Staged(Path(target), mode, overwrite, protect)
    try:
        handle: IO[str] | IO[bytes]
        if isinstance(data, bytes):
            handle = os.fdopen(staged.fd, "wb")
        else:
            handle = os.fdopen(staged.fd, "w", encoding=encoding, newline=newline)
        with handle:
            handle.write(data)  # type: ignore[arg-type]  # data matches the handle opened above
            _flush(handle)
    except BaseException as err:
        staged.discard()
        if isinstance(err, OSError):
            raise _cannot_write(staged.target, err) from None
        raise
    staged.commit(synced=True)


@contextlib.contextmanager
def atomic_open(target: str | Path, *, encoding: str = "utf-8", newline: str | None = None,
                mode: int = FILE_MODE, overwrite: bool = True,
                protect: Iterable[str | Path] = ()) -> Iterator[TextIO]:
    """A text handle for streaming writers; its content becomes ``target`` when the block ends
    without an error, and is thrown away otherwise."""
    staged = _Staged(Path(target), mode, overwrite, protect)
    complete = False
    try:
        with os.fdopen(staged.fd, "w", encoding=encoding, newline=newline) as handle:
            yield handle
            try:
                _flush(handle)
            except OSError as err:
                raise _cannot_write(staged.target, err) from None
        complete = True
    finally:
        if not complete:
            staged.discard()
    staged.commit(synced=True)


@contextlib.contextmanager
def atomic_path(target: str | Path, *, mode: int = FILE_MODE, overwrite: bool = True,
                protect: Iterable[str | Path] = ()) -> Iterator[Path]:
    """A temporary path for libraries that write by file name (Parquet, Excel): it becomes
    ``target`` when the block ends without an error, and is removed otherwise.

    The path exists (empty, with ``mode``) on entry; the writer replaces its content. Nested
    blocks (say in a :class:`contextlib.ExitStack`) make several outputs all-or-nothing: an
    error inside the innermost block discards every one of them.
    """
    staged = _Staged(Path(target), mode, overwrite, protect)
    os.close(staged.fd)
    try:
        yield staged.temp
    except BaseException:
        staged.discard()
        raise
    staged.commit(synced=False)


def write_folder(target: str | Path, files: dict[str, bytes]) -> None:
    """Create the folder ``target`` holding ``files`` (name -> bytes), all at once.

    The files go into a hidden temporary folder beside ``target``, are flushed, and the folder
    is renamed onto ``target`` only when all are complete: a reader sees no folder or the whole
    one. ``target`` must not exist yet (a pack folder is never merged into an older one).
    """
    path = Path(target)
    if path.exists() or path.is_symlink():
        raise InputError(str(path), "already exists; give a new folder for the pack")
    for name in files:
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise ValueError(f"not a plain file name: {name!r}")
    made = _make_parents(path)
    temp = path.parent / _temp_name(path.name)
    try:
        os.mkdir(temp)
        for name, data in files.items():
            fd = os.open(temp / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                _flush(handle)
        _sync_folder(temp)
        if path.exists():  # created by someone else while writing
            raise InputError(str(path), "already exists; give a new folder for the pack")
        os.rename(temp, path)
    except BaseException as err:
        for leftover in temp.glob("*") if temp.is_dir() else ():
            with contextlib.suppress(OSError):
                leftover.unlink()
        with contextlib.suppress(OSError):
            temp.rmdir()
        _remove_empty(made)
        if isinstance(err, OSError):
            raise _cannot_write(path, err) from None
        raise
    _sync_folder(path.parent)
