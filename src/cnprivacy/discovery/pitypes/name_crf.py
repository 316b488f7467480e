"""The accurate name finder's CRF read from its CRFsuite file, decoded by the C accelerator.

python-crfsuite's tagger spends most of its time converting each feature string to bytes and
looking it up in the model file's hash table: two thirds of ``--names accurate``'s time. When
the ``_crf`` accelerator is built, :class:`Decoder` tags with the same weights instead: the
model file is read once here (its layout: ``crf1d_model.c`` and ``cqdb.c`` of CRFsuite 0.12,
the copy inside python-crfsuite 0.9.12), the feature strings are looked up in a dict, and
``_native/_crf.c`` sums, decodes and computes the marginals as CRFsuite does, so tags and
probabilities are CRFsuite's (``tests/discovery/test_name_crf.py`` compares them). Without the
accelerator, python-crfsuite's own tagger runs (:func:`.name_accurate._tagger`).

python-crfsuite's ``Tagger.info()`` would give the weights too, but printed with six decimals:
tags near a tie and probabilities near a floor could differ from the model's; this reads the
stored doubles.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["CrfModelError", "Decoder", "Weights", "read_weights"]

_HEADER: Final = struct.Struct("<4sI4sIIIIIIIII")  # crf1d_model.c header_t, 48 bytes
_CHUNK: Final = struct.Struct("<4sII")  # chunk id, size, number of items
_FEATURE: Final = struct.Struct("<IIId")  # type, src, dst, weight (20 bytes)
_CQDB: Final = struct.Struct("<4sIIIII")  # chunk id, size, flag, byteorder, bwd_size, bwd_offset
_STATE, _TRANSITION = 0, 1  # feature types (FT_STATE, FT_TRANS)


class CrfModelError(ValueError):
    """The model file is not a CRFsuite 1st-order CRF of the layout read here."""


@dataclass(frozen=True)
class Weights:
    """A CRF's weights: ``index`` maps each attribute to its row of ``state`` (one weight a
    label, labels in ``labels`` order); ``trans`` holds the transition from label i to j at
    ``i * len(labels) + j``."""

    labels: tuple[str, ...]
    index: dict[str, int]
    state: array[float]
    trans: array[float]


def _strings(data: bytes, offset: int, count: int, what: str) -> list[str]:
    """The ``count`` strings of a CQDB chunk at ``offset``, by id (its backward array)."""
    chunk, _size, _flag, order, bwd_size, bwd_offset = _CQDB.unpack_from(data, offset)
    if chunk != b"CQDB" or order != 0x62445371 or bwd_size < count:
        raise CrfModelError(f"{what}: not a CQDB chunk")
    links = struct.unpack_from(f"<{count}I", data, offset + bwd_offset)
    out = []
    for link in links:
        _id, size = struct.unpack_from("<iI", data, offset + link)
        start = offset + link + 8
        out.append(data[start:start + size - 1].decode("utf-8"))  # size counts the NUL
    return out


def read_weights(data: bytes) -> Weights:
    """The weights of a CRFsuite model file's bytes (raises :class:`CrfModelError`)."""
    try:
        return _read(data)
    except (struct.error, UnicodeDecodeError, OverflowError, MemoryError) as err:
        raise CrfModelError(f"model: truncated or damaged ({err})") from err


def _read(data: bytes) -> Weights:
    (magic, _size, kind, version, _num_features, num_labels, num_attrs, off_features,
     off_labels, off_attrs, _off_labelrefs, _off_attrrefs) = _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or kind != b"FOMC" or version != 100:
        raise CrfModelError("model: not a CRFsuite first-order CRF")
    labels = tuple(_strings(data, off_labels, num_labels, "labels"))
    attrs = _strings(data, off_attrs, num_attrs, "attributes")
    # (CRFsuite leaves the header's feature count at 0; the chunk holds the count)
    chunk, size, count = _CHUNK.unpack_from(data, off_features)
    if chunk != b"FEAT" or size != _CHUNK.size + _FEATURE.size * count:
        raise CrfModelError("model: no feature chunk")
    n = len(labels)
    start = off_features + _CHUNK.size
    if not 0 < n <= 64 or len(data) < start + _FEATURE.size * count:
        raise CrfModelError("model: truncated or damaged (labels or features)")
    state = array("d", bytes(8 * n * num_attrs))
    trans = array("d", bytes(8 * n * n))
    for kind_, src, dst, weight in _FEATURE.iter_unpack(
            data[start:start + _FEATURE.size * count]):
        if dst >= n:
            raise CrfModelError("model: feature for an unknown label")
        if kind_ == _STATE and src < num_attrs:
            state[src * n + dst] = weight
        elif kind_ == _TRANSITION and src < n:
            trans[src * n + dst] = weight
        else:
            raise CrfModelError("model: unknown feature")
    return Weights(labels, {a: i for i, a in enumerate(attrs)}, state, trans)


class Decoder:
    """Tags a sequence and gives its marginals as python-crfsuite's ``Tagger`` does
    (``tag(features)``, then ``marginal(label, position)`` for that sequence), with the C
    accelerator ``crf`` (``_native/_crf.c``)."""

    def __init__(self, weights: Weights, crf: Any) -> None:
        self._w = weights
        self._crf = crf
        self._n = len(weights.labels)
        self._label_id = {label: i for i, label in enumerate(weights.labels)}
        self._state = b""
        self._marginals: memoryview[float] | None = None

    def tag(self, features: Sequence[list[str]]) -> list[str]:
        """The best tagging of ``features`` (one list of attributes a position)."""
        feats = features if isinstance(features, list) else list(features)
        self._state = self._crf.scores(feats, self._w.index, self._w.state, self._n)
        self._marginals = None
        labels = self._w.labels
        return [labels[i] for i in self._crf.viterbi(self._state, self._w.trans, self._n)]

    def marginal(self, label: str, position: int) -> float:
        """The probability of ``label`` at ``position`` of the sequence last tagged."""
        if self._marginals is None:
            probs: bytes = self._crf.marginals(self._state, self._w.trans, self._n)
            self._marginals = memoryview(probs).cast("d")
        return float(self._marginals[position * self._n + self._label_id[label]])
