from __future__ import annotations

import pytest

from cnprivacy.deid.envelope import (
    TOKEN_RE,
    CorruptTokenError,
    SM4Envelope,
    WrongKeyError,
)
from cnprivacy.deid.keys import DeidKey


def test_round_trip_and_fresh_nonce(key: DeidKey) -> None:
    envelope = SM4Envelope(key)
    first, second = envelope.encrypt("13812345678"), envelope.encrypt("13812345678")
    assert first != second
    assert "13812345678" not in first
    assert TOKEN_RE.fullmatch(first)
    assert envelope.decrypt(first) == envelope.decrypt(second) == "13812345678"
    assert envelope.decrypt(envelope.encrypt("北京市海淀区")) == "北京市海淀区"


def test_wrong_key_is_named_without_secrets(key: DeidKey, other_key: DeidKey) -> None:
    token = SM4Envelope(key).encrypt("11010519491231002X")
    with pytest.raises(WrongKeyError) as info:
        SM4Envelope(other_key).decrypt(token)
    message = str(info.value)
    assert key.key_id in message and other_key.key_id in message
    assert key.secret.hex() not in message and "11010519491231002X" not in message


def test_same_key_id_but_other_secret_fails_authentication(key: DeidKey) -> None:
    token = SM4Envelope(key).encrypt("x")
    impostor = SM4Envelope(DeidKey(b"\xff" * 32))
    impostor.key_id = key.key_id  # a forged id must still not decrypt
    with pytest.raises(CorruptTokenError):
        impostor.decrypt(token)


def test_altered_token_is_rejected(key: DeidKey) -> None:
    envelope = SM4Envelope(key)
    token = envelope.encrypt("13812345678")
    body = token[:-2] + ("A" if token[-2] != "A" else "B") + "]"
    with pytest.raises(CorruptTokenError):
        envelope.decrypt(body)


def test_tokens_in_running_text(key: DeidKey) -> None:
    envelope = SM4Envelope(key)
    text = f"电话{envelope.encrypt('13812345678')}abc，邮箱{envelope.encrypt('a@b.cn')}。"
    assert envelope.decrypt_text(text) == ("电话13812345678abc，邮箱a@b.cn。", 2)
    assert envelope.decrypt_text("no tokens") == ("no tokens", 0)
