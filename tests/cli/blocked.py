"""Running the CLI in a fresh interpreter where some packages cannot be imported.

This is how an install without an optional extra behaves: the blocked packages raise
ModuleNotFoundError on import, as if they had never been installed.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

# Every package only an optional extra installs (import names, not distribution names).
EXTRA_ONLY = ("pyarrow", "numpy", "jieba", "stdnum", "phonenumbers", "openpyxl",
              "charset_normalizer", "datasketch", "scipy", "sqlalchemy", "alembic", "psycopg",
              "cryptography", "apkInspector", "pypdf", "pycountry", "fastapi", "starlette",
              "uvicorn", "multipart", "python_multipart", "argon2", "docx", "weasyprint")

_RUNNER = """
import sys
from importlib.abc import MetaPathFinder

blocked = set(sys.argv[1].split(","))


class Blocked(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, Blocked())
from cnprivacy.cli import main

main(sys.argv[2:])
"""


def run_without(packages: Iterable[str], *args: str | Path,
                cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``cnprivacy ARGS`` with ``packages`` unimportable; capture exit code and output."""
    return subprocess.run([sys.executable, "-c", _RUNNER, ",".join(packages), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, check=False)
