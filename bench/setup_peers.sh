#!/usr/bin/env bash
# Creates bench/_peers/venv with the peer PI detectors the scan benchmark compares against, and
# bench/_peers/venv312 for cn-pii-anonymization (it requires Python >= 3.12).
# Peers never go into pyproject: they are measured, not used. A peer that fails to install is
# logged to bench/_peers/install.log and the benchmark reports it as unavailable.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
peers="$here/_peers"
mkdir -p "$peers"
log="$peers/install.log"
: > "$log"
python3 -m venv "$peers/venv"
pip="$peers/venv/bin/pip"
"$pip" install -q --upgrade pip >>"$log" 2>&1
for pkg in presidio-analyzer datafog datafog-core faker pyarrow; do
  if "$pip" install -q "$pkg" >>"$log" 2>&1; then
    echo "ok $pkg" | tee -a "$log"
  else
    echo "FAILED $pkg (see $log)" | tee -a "$log"
  fi
done
"$peers/venv/bin/pip" freeze > "$peers/versions.txt"

# cn-pii-anonymization 0.1.6 pins paddlepaddle/paddlenlp/paddleocr (NER and OCR) and a web stack;
# resolving them backtracks into source builds. Its text analyzer needs none of them: install
# what it imports (pinned as it pins them), binary wheels only, then the package itself --no-deps.
# Without paddlenlp its analyzer falls back to a regex tokenizer and its name/address
# recognizers find nothing (bench/scan_peers.py cn_pii() records this in its output).
echo "== venv312 (cn-pii-anonymization)" >>"$log"
py312=""
for cand in /root/.pyenv/versions/3.12.1/bin/python "$(command -v python3.12 || true)"; do
  if [ -n "$cand" ] && [ -x "$cand" ]; then py312="$cand"; break; fi
done
if [ -z "$py312" ]; then
  echo "FAILED cn-pii-anonymization: no Python 3.12 (/root/.pyenv/versions/3.12.1/bin/python or python3.12 on PATH)" | tee -a "$log"
elif ! "$py312" -m venv --clear "$peers/venv312" >>"$log" 2>&1; then
  echo "FAILED cn-pii-anonymization: $py312 -m venv (see $log)" | tee -a "$log"
else
  pip312="$peers/venv312/bin/pip"
  "$pip312" install -q --upgrade pip >>"$log" 2>&1
  if "$pip312" install -q --only-binary=:all: presidio-analyzer==2.2.361 \
       presidio-anonymizer==2.2.361 pydantic==2.12.5 pydantic-settings==2.12.0 faker==40.4.0 \
       loguru==0.7.3 pillow==12.1.1 pyyaml==6.0.2 numpy >>"$log" 2>&1 \
     && "$pip312" install -q --no-deps cn-pii-anonymization==0.1.6 >>"$log" 2>&1; then
    echo "ok cn-pii-anonymization (python $("$peers/venv312/bin/python" -V 2>&1), --no-deps, no paddle)" | tee -a "$log"
  else
    echo "FAILED cn-pii-anonymization (see $log)" | tee -a "$log"
  fi
  "$pip312" freeze > "$peers/versions312.txt"
fi
