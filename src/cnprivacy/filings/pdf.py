"""PDF copies of a pack's documents for review, rendered by LibreOffice (``soffice --headless``).

LibreOffice comes from the system's packages (Debian: ``libreoffice-writer-nogui`` with CJK fonts
such as ``fonts-noto-cjk``); it is not a Python dependency. The DOCX stays the filed document: the
PDF is what a reviewer reads and what the batch upload accepts for scans.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from cnprivacy.errors import CnPrivacyError
from cnprivacy.fileio import write_atomically

#: A single pack's documents render in a few seconds; a hung office process is stopped.
TIMEOUT_SECONDS = 180


# The template's Chinese fonts are Windows fonts; on a Linux reviewer's machine each is mapped to
# a free font of the same style where one is installed (楷体 to AR PL UKai, 黑体 to WenQuanYi Zen
# Hei, 仿宋 to a Song/Ming face), so the PDF still shows which text is a heading.
_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>WenQuanYi Zen Hei</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>AR PL UMing CN</family>
    <family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>Times New Roman</family><prefer><family>Liberation Serif</family>
    <family>DejaVu Serif</family></prefer></alias>
</fontconfig>
"""


class RendererMissing(CnPrivacyError):
    """LibreOffice is not installed (or failed): PDFs cannot be made."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdfs(documents: Mapping[str, bytes]) -> dict[str, bytes]:
    """``name.docx -> bytes`` in, ``name.pdf -> bytes`` out, in one LibreOffice run."""
    program = soffice()
    if program is None:
        raise RendererMissing("--pdf needs LibreOffice (soffice) on PATH: on Debian, apt-get install "
                              "libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory(prefix="cnprivacy-pdf-") as work:
        folder = Path(work)
        for name, data in documents.items():
            write_atomically(folder / name, data)
        # A private profile folder: a user's running LibreOffice would otherwise take the job.
        profile = (folder / "profile").as_uri()
        args = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", str(folder / "pdf"),
                *(str(folder / name) for name in documents)]
        write_atomically(folder / "fonts.conf", _FONTS_CONF)
        env = {**os.environ, "HOME": str(folder), "FONTCONFIG_FILE": str(folder / "fonts.conf")}
        try:
            subprocess.run(args, check=True, capture_output=True, timeout=TIMEOUT_SECONDS, env=env)
        except (OSError, subprocess.SubprocessError) as err:
            raise RendererMissing(f"LibreOffice could not render the PDFs: {type(err).__name__}") \
                from None
        out: dict[str, bytes] = {}
        for name in documents:
            pdf = folder / "pdf" / (Path(name).stem + ".pdf")
            if not pdf.is_file():
                raise RendererMissing(f"LibreOffice wrote no PDF for {name}")
            out[pdf.name] = pdf.read_bytes()
        return out
