"""De-identification keys: one secret per key file, with purpose keys derived from it.

A key file holds a 256-bit master secret. Pseudonyms and encryption never use it directly:
HKDF-SM3 derives one key per purpose, so an HMAC key can never double as a cipher key. The
key id is a short HMAC-SM3 over a fixed label; it travels with every ciphertext so that a
wrong key is named as such instead of surfacing as a generic authentication failure. The id
reveals nothing usable about the secret (it is 32 bits of a keyed hash).

Nothing in this module puts the secret into an exception message or a ``repr``.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from cnprivacy.errors import InputError
from cnprivacy.fileio.atomic import write_atomically

KEY_FORMAT = "cnprivacy-deid-key/1"
_SECRET_BYTES = 32


@dataclass(frozen=True)
class DeidKey:
    """A loaded key. ``repr`` shows only the key id."""

    secret: bytes = field(repr=False)
    source: str = "<memory>"

    @property
    def key_id(self) -> str:
        mac = hmac.HMAC(self.secret, hashes.SM3())
        mac.update(b"cnprivacy-deid/key-id")
        return mac.finalize()[:4].hex()

    def derive(self, purpose: str, length: int) -> bytes:
        """A purpose-bound subkey (HKDF-SM3); ``purpose`` separates uses of the same secret."""
        kdf = HKDF(algorithm=hashes.SM3(), length=length, salt=None,
                   info=b"cnprivacy-deid/" + purpose.encode())
        return kdf.derive(self.secret)


def generate_key() -> DeidKey:
    return DeidKey(secrets.token_bytes(_SECRET_BYTES), "<new>")


def write_key(key: DeidKey, path: Path, *, overwrite: bool = False) -> None:
    """Write ``key`` to ``path`` readable by the owner only; never replace a key silently."""
    if path.exists() and not overwrite:
        raise InputError(str(path), "a key file already exists here; refusing to overwrite it "
                         "(data pseudonymised or encrypted with it would become unlinkable)")
    text = (
        "# cnprivacy de-identification key. Keep it secret and never store it with the data\n"
        "# it protects: anyone holding it can link pseudonyms and decrypt SM4 tokens.\n"
        f"format: {KEY_FORMAT}\n"
        f'key_id: "{key.key_id}"\n'  # quoted: YAML 1.1 reads 0 + octal digits as a number
        f"created: {datetime.now(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}\n"
        f"secret: {base64.b64encode(key.secret).decode()}\n"
    )
    # 0600 from the first byte; overwrite=False also refuses a key file created meanwhile.
    write_atomically(path, text, mode=0o600, overwrite=overwrite)


def load_key(path: Path) -> DeidKey:
    """Read a key file; every problem is an InputError that never quotes the secret."""
    source = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(source, "key file not found (create one with "
                         "`cnprivacy deid keygen`)") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(source, f"cannot read key file ({type(err).__name__})") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        raise InputError(source, "not a cnprivacy key file (not YAML)") from None
    if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
        raise InputError(source, f"not a cnprivacy key file (expected format: {KEY_FORMAT})",
                         field="format")
    encoded = data.get("secret")
    if not isinstance(encoded, str):
        raise InputError(source, "missing secret", field="secret")
    try:
        secret = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise InputError(source, "secret is not valid base64", field="secret") from None
    if len(secret) != _SECRET_BYTES:
        raise InputError(source, f"secret must be {_SECRET_BYTES} bytes", field="secret")
    key = DeidKey(secret, source)
    stated = data.get("key_id")
    if stated is not None and not isinstance(stated, str):
        # Key files written before key_id was quoted: an id such as 01234567 came back as an
        # octal integer, so read the id as the file spells it.
        spelled = re.search(r"^key_id:\s*([0-9a-f]+)\s*$", raw, re.MULTILINE)
        stated = spelled.group(1) if spelled else str(stated)
    if stated is not None and stated != key.key_id:
        raise InputError(source, "key_id does not match the secret (file edited or corrupt)",
                         field="key_id")
    return key
