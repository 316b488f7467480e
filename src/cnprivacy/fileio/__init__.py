"""Files, for every layer: what kind a file is, how its text is encoded, and writing outputs.

One place answers "what is this file and how is it encoded" for scanning, de-identification,
the ledger and the app audit, so that a GBK export reads the same way in each of them; and one
helper writes every output, so that no command leaves a half-written file under its final name.
Depends on nothing of ours but :mod:`cnprivacy.errors`.
"""

from __future__ import annotations

from cnprivacy.fileio.atomic import (
    atomic_open,
    atomic_path,
    check_target,
    write_atomically,
    write_folder,
)
from cnprivacy.fileio.encoding import decode_text, detect_encoding, detect_encoding_bytes
from cnprivacy.fileio.kinds import file_kind, read_bounded, require_file

__all__ = [
    "atomic_open", "atomic_path", "check_target", "decode_text", "detect_encoding", "detect_encoding_bytes",
    "file_kind", "read_bounded", "require_file", "write_atomically", "write_folder",
]
