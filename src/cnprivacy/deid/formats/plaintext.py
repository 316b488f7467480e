"""Plain text: line by line, line endings and everything outside PI spans kept byte for byte
(in the file's own encoding)."""

from __future__ import annotations

from pathlib import Path

from cnprivacy.deid.operations import Operation
from cnprivacy.errors import InputError
from cnprivacy.fileio.encoding import detect_encoding, output_encoding

# A "line" longer than this is read in pieces, so that a file without newlines cannot make
# memory grow with its size. (A PI value straddling such a cut is missed; verify reports it.)
MAX_PIECE = 1 << 20


def _split_ending(line: str) -> tuple[str, str]:
    if line.endswith("\r\n"):
        return line[:-2], "\r\n"
    if line.endswith(("\n", "\r")):
        return line[:-1], line[-1]
    return line, ""


def rewrite(src: Path, dst: Path | None, op: Operation) -> int:
    encoding = detect_encoding(src)  # binary content is refused here, before any output
    count = 0
    out = None if dst is None else dst.open("w", encoding=output_encoding(encoding), newline="")
    try:
        with src.open(encoding=encoding, newline="") as handle:
            while True:
                try:
                    line = handle.readline(MAX_PIECE)
                except UnicodeDecodeError:
                    raise InputError(str(src), f"cannot decode as {encoding}",
                                     line=count + 1) from None
                if not line:
                    break
                body, ending = _split_ending(line)
                if out is not None:
                    out.write(op.line(body) + ending)
                else:
                    op.line(body)
                count += 1
    finally:
        if out is not None:
            out.close()
    return count
