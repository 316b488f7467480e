"""Reversible encryption of single values: SM4-GCM in a self-describing text token.

Token: ``[sm4:<key id>:<base64url(nonce | ciphertext | tag)>]``; the brackets delimit it inside
free text, where the next character could otherwise extend it. GCM authenticates the value and
the key id (as associated data), so a wrong key, a truncated token or an edited token fails
instead of decrypting to garbage. The key id is checked first so that the usual mistake, the
wrong key file, gets its own message. A fresh random nonce per value means equal values do not
produce equal tokens: linking records is what pseudonyms are for, not ciphertexts.
"""

from __future__ import annotations

import base64
import binascii
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from cnprivacy.deid.keys import DeidKey

TOKEN_RE = re.compile(r"\[sm4:([0-9a-f]{8}):([A-Za-z0-9_-]{38,})\]")
_NONCE = 12
_TAG = 16


class WrongKeyError(Exception):
    """The token was made with another key (message names both key ids, never a secret)."""


class CorruptTokenError(Exception):
    """The token is damaged or was altered."""


class SM4Envelope:
    def __init__(self, key: DeidKey) -> None:
        self._key = key.derive("encrypt/sm4-gcm", 16)
        self.key_id = key.key_id

    def encrypt(self, value: str) -> str:
        nonce = os.urandom(_NONCE)
        encryptor = Cipher(algorithms.SM4(self._key), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(self.key_id.encode())
        body = encryptor.update(value.encode("utf-8")) + encryptor.finalize()
        blob = nonce + body + encryptor.tag
        return f"[sm4:{self.key_id}:{base64.urlsafe_b64encode(blob).rstrip(b'=').decode()}]"

    def decrypt(self, token: str) -> str:
        match = TOKEN_RE.fullmatch(token)
        if match is None:
            raise CorruptTokenError("not an sm4 token")
        if match.group(1) != self.key_id:
            raise WrongKeyError(f"data was encrypted with key {match.group(1)}, "
                                f"the key file holds key {self.key_id}")
        payload = match.group(2)
        try:
            blob = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        except (binascii.Error, ValueError):
            raise CorruptTokenError("token is not valid base64") from None
        if len(blob) < _NONCE + _TAG:
            raise CorruptTokenError("token is truncated")
        nonce, body, tag = blob[:_NONCE], blob[_NONCE:-_TAG], blob[-_TAG:]
        decryptor = Cipher(algorithms.SM4(self._key), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(self.key_id.encode())
        try:
            plain = decryptor.update(body) + decryptor.finalize()
        except InvalidTag:
            raise CorruptTokenError("token failed authentication (altered or "
                                    "truncated)") from None
        return plain.decode("utf-8")

    def decrypt_text(self, text: str) -> tuple[str, int]:
        """Replace every token in ``text`` by its plaintext; returns the text and the count."""
        count = 0

        def _sub(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            return self.decrypt(match.group(0))

        if "[sm4:" not in text:
            return text, 0
        return TOKEN_RE.sub(_sub, text), count
