#!/usr/bin/env bash
# Adds the de-identification peer (Presidio's anonymizer) to bench/_peers/venv, the separate
# venv the scan benchmark's bench/setup_peers.sh creates. Peers are measured, never used by
# cnprivacy, so they stay out of pyproject.toml. Creates the venv itself if it is missing.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
peers="$here/_peers"
mkdir -p "$peers"
log="$peers/install-deid.log"
: > "$log"
if [ ! -x "$peers/venv/bin/python" ]; then
  python3 -m venv "$peers/venv"
  "$peers/venv/bin/pip" install -q --upgrade pip >>"$log" 2>&1
fi
pip="$peers/venv/bin/pip"
for pkg in presidio-anonymizer; do
  if "$pip" install -q "$pkg" >>"$log" 2>&1; then
    echo "ok $pkg" | tee -a "$log"
  else
    echo "FAILED $pkg (see $log)" | tee -a "$log"
  fi
done
"$pip" freeze | grep -i -E '^(presidio|cryptography)' > "$peers/versions-deid.txt"
