#!/usr/bin/env bash
# Install the app-audit benchmark peers (exodus-core, androguard) into their own venv, never
# into the project's: bench/_peers/appaudit-venv (gitignored via bench/_peers/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/_peers/appaudit-venv"
# exodus-core lists classes by running AOSP's dexdump (Debian package "dexdump").
if ! command -v dexdump >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q dexdump >/dev/null; else
    echo "exodus-core needs dexdump: sudo apt-get install dexdump" >&2; exit 1; fi
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
# exodus-core pins its own androguard; the project's apkinspector and pyyaml are needed to run
# cnprivacy's audit from the same interpreter, so all three tools are timed in one process.
"$venv/bin/pip" install --quiet exodus-core androguard apkinspector pypdf pyyaml
"$venv/bin/pip" install --quiet --no-deps -e "$here/.."
"$venv/bin/pip" install --quiet pydantic typer rich charset-normalizer
"$venv/bin/python" -c "import exodus_core, androguard; print('peers ready:', androguard.__version__)"
