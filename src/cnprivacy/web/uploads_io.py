"""Reading an uploaded file with a size limit, and keeping it only as long as the core reads it.

Uploads go to a private temporary directory that is removed when the request ends: only what
the core derived from them (counts, findings) is stored.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import UploadFile

from cnprivacy.fileio.atomic import write_atomically
from cnprivacy.web.deps import BadRequest

_CHUNK = 1024 * 1024
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


async def read_upload(file: UploadFile, limit: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    while chunk := await file.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise BadRequest(f"{file.filename or 'upload'}: larger than {limit // (1024 * 1024)} MiB")
        parts.append(chunk)
    return b"".join(parts)


def safe_name(name: str | None, default: str) -> str:
    """A file name that keeps the suffix (the core tells kinds by it) and nothing of a path."""
    base = Path(name or default).name
    cleaned = _SAFE.sub("_", base).strip("._") or default
    return cleaned[-120:]


@contextmanager
def held(raw: bytes, name: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="cnp-upload-") as tmp:
        path = Path(tmp) / name
        write_atomically(path, raw)
        yield path
