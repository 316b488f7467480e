#!/usr/bin/env bash
# Creates bench/_peers/venv with the peer PI detectors the scan benchmark compares against.
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
for pkg in presidio-analyzer cn-pii-anonymization datafog datafog-core faker pyarrow; do
  if "$pip" install -q "$pkg" >>"$log" 2>&1; then
    echo "ok $pkg" | tee -a "$log"
  else
    echo "FAILED $pkg (see $log)" | tee -a "$log"
  fi
done
"$peers/venv/bin/pip" freeze > "$peers/versions.txt"
