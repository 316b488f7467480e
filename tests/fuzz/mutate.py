"""Byte-level damage for binary and text inputs: the mutations a coverage-guided fuzzer tries
first (flipped, deleted, duplicated and inserted bytes, a cut tail, spliced magic values), drawn
by hypothesis so that each run tries the same inputs and shrinks a failure to a small one."""

from __future__ import annotations

from hypothesis import strategies as st

# Values that sit at the edges of length and offset fields, and bytes that start containers.
MAGIC = [b"\x00", b"\xff", b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff", b"\x00\x00\x00\x80",
         b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"dex\n035\x00", b"\x03\x00\x08\x00",
         b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\r", b"\n", b'"', b",", b"\t", b"{", b"[",
         b"\x80", b"\xc3", b"\xed\xa0\x80", b"\x81\x30", b"%PDF-1.4\n", b"<html>", b"<!--"]


@st.composite
def mutated(draw: st.DrawFn, data: bytes, max_steps: int = 6) -> bytes:
    """``data`` after up to ``max_steps`` random edits."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, max_steps))):
        action = draw(st.sampled_from(["flip", "set", "delete", "repeat", "insert", "cut"]))
        if not out:
            out += draw(st.sampled_from(MAGIC))
            continue
        at = draw(st.integers(0, len(out) - 1))
        if action == "flip":
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "set":
            magic = draw(st.sampled_from(MAGIC))
            out[at:at + len(magic)] = magic
        elif action == "delete":
            del out[at:at + draw(st.integers(1, 16))]
        elif action == "repeat":
            size = draw(st.integers(1, 32))
            out[at:at] = out[at:at + size] * draw(st.integers(1, 4))
        elif action == "insert":
            out[at:at] = draw(st.sampled_from(MAGIC)) if draw(st.booleans()) \
                else draw(st.binary(min_size=1, max_size=8))
        else:
            del out[at:]
    return bytes(out)
