"""The default name finder's character classes (``bench/train_names.py``): learned beside the
per-character weights, then folded into them, so that the shipped finder reads the same
tables as before and scores every candidate as the model with classes does."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest


def _load_train_names() -> ModuleType:
    # bench/ is a folder of scripts, not a package: load the trainer from its file (it puts
    # bench/ on the path itself, for the modules it imports).
    path = Path(__file__).resolve().parents[2] / "bench" / "train_names.py"
    spec = importlib.util.spec_from_file_location("_train_names", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


train_names = _load_train_names()

TEXTS = [
    "记者温宪报道，李鹏说，会议由王海平主持。",
    "出席会议的有王建华、李秀英、陈志强等，欧阳娜娜也来了。",
    "阳光下，权威人士贺辞，叶子也不相同。",
    "这件事柏远也知道，晚上戚小禾打来电话。",
]
CLASS_KINDS = {"ks", "kg1", "kg2", "kl", "kr"}


def test_the_classes_table_is_in_the_repository() -> None:
    classes = train_names._classes()
    # Surnames keep company with surnames: the commonest share one class.
    assert len({classes[ch] for ch in "王李张刘陈"}) == 1
    assert all(isinstance(k, int) for k in classes.values())


def test_candidates_get_the_classes_of_their_characters_and_neighbours() -> None:
    classes = train_names._classes()
    text = "记者温宪报道"
    got = train_names.class_features(text, 2, 1, 1)  # 温宪
    assert got == [f"ks:{classes['温']}", f"kg1:{classes['宪']}", f"kl:{classes['者']}",
                   f"kr:{classes['报']}"]
    # A neighbour outside Chinese text has no class; kg2 only for two given-name characters.
    got = train_names.class_features("A王海平", 1, 1, 2)
    assert [f.split(":")[0] for f in got] == ["ks", "kg1", "kg2"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_folding_keeps_every_candidates_score(seed: int) -> None:
    rng = random.Random(seed)
    # Every candidate of the texts with the features training gives it, classes included.
    feats = [f for f, _label in train_names._examples(
        [train_names.realtext.Sentence(t) for t in TEXTS])]
    assert any(k.partition(":")[0] in CLASS_KINDS for f in feats for k in f)
    # Random weights for every feature, classes included: the fold must not depend on what a
    # training run happened to learn.
    w = {k: round(rng.uniform(-3, 3), 3) for f in feats for k in f}
    folded = train_names.fold_classes(w)
    assert not any(k.partition(":")[0] in CLASS_KINDS for k in folded)
    for f in feats:
        with_classes = sum(w[k] for k in f)
        # What the shipped finder reads: the candidate's features without the classes.
        read = sum(folded.get(k, 0.0) for k in f if k.partition(":")[0] not in CLASS_KINDS)
        assert read == pytest.approx(with_classes, abs=1e-9), f
