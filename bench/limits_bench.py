"""Resource limits: hostile inputs of every kind, each run through the command that reads it,
with peak memory and wall time from ``/usr/bin/time -f "%M KB %e s"``.

Generates the inputs in a folder outside the repository (nothing here is committed), then runs
each command in a fresh process and prints a Markdown table: command, exit code, peak RSS,
time and the first line of stderr (the one-line error), so that docs/benchmarks.md can quote it.

Run: ``.venv/bin/python bench/limits_bench.py --out /tmp/cnprivacy-limits``
(``--only NAME`` runs one case; ``--make-only`` writes the inputs and stops).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

GIB = 1 << 30
MIB = 1 << 20
CHUNK = b"\0" * (8 * MIB)


def _deflated_member(archive: zipfile.ZipFile, name: str, size: int, fill: bytes = CHUNK) -> None:
    """``size`` bytes of ``fill`` written as one deflated member (streamed, never in memory)."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        left = size
        while left:
            piece = fill[:min(left, len(fill))]
            member.write(piece)
            left -= len(piece)


def apk_bomb(path: Path) -> None:
    """A manifest and a classes.dex of 1 GiB of zeros each (about 1 MB each compressed)."""
    with zipfile.ZipFile(path, "w") as archive:
        _deflated_member(archive, "AndroidManifest.xml", GIB)
        _deflated_member(archive, "classes.dex", GIB)


def xlsx_bomb(path: Path) -> None:
    """A valid workbook whose one sheet is 1 GiB of XML: one row of a few cells, then spaces."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
            b'formats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">'
            b"<is><t>name</t></is></c></row>")
    tail = b"</sheetData></worksheet>"
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            b'.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            b'/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            b'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            b'"http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxml'
            b'formats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"'
            b'/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            b'"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            b'Target="worksheets/sheet1.xml"/></Relationships>'),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            member.write(head)
            spaces = b" " * (8 * MIB)
            for _ in range(GIB // len(spaces)):
                member.write(spaces)
            member.write(tail)


def yaml_bomb(path: Path) -> None:
    """Nine levels of nine aliases: 9**9 (387 million) values once expanded."""
    lines = ["organization: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"l{i}: &a{i} [{', '.join([f'*a{i - 1}' if i > 1 else '*a'] * 9)}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def nested_jsonl(path: Path) -> None:
    """One JSON Lines record nested four million levels deep (8 MB: under the line limit)."""
    depth = 4_000_000
    path.write_bytes(b'{"a":' + b"[" * depth + b"]" * depth + b"}\n")


def nested_json_profile(path: Path) -> None:
    depth = 1_000_000
    path.write_bytes(b'{"organization": ' + b"[" * depth + b"]" * depth + b"}\n")


def single_line(path: Path) -> None:
    """1 GiB of text without one line break."""
    piece = b"abcdefgh" * MIB
    with path.open("wb") as handle:
        for _ in range(GIB // len(piece)):
            handle.write(piece)


def wide_csv(path: Path) -> None:
    """A header of one million columns and one row of one million cells (about 14 MB)."""
    n = 1_000_000
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(f"c{i}" for i in range(n)) + "\n")
        handle.write(",".join(str(i % 10) for i in range(n)) + "\n")


def big_cell(path: Path) -> None:
    """A CSV whose one cell holds 10 MiB of text, between two ordinary rows."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("name,note\n张伟,ok\n")
        handle.write('李娜,"' + "备注" * (5 * MIB // 3) + '"\n')
        handle.write("王芳,ok\n")


# name -> (input file, writer, command arguments after `cnprivacy`, "{in}" and "{out}" filled in)
CASES: dict[str, tuple[str, Callable[[Path], None], list[list[str]]]] = {
    "apk_bomb": ("bomb.apk", apk_bomb, [["app", "audit", "{in}"]]),
    "xlsx_bomb": ("bomb.xlsx", xlsx_bomb, [["scan", "{in}"], ["deid", "{in}", "-o", "{out}"]]),
    "yaml_bomb": ("bomb.yaml", yaml_bomb, [["assess", "{in}"]]),
    "nested_jsonl": ("nested.jsonl", nested_jsonl,
                     [["scan", "{in}"], ["deid", "{in}", "-o", "{out}"]]),
    "nested_json_profile": ("nested.json", nested_json_profile, [["assess", "{in}"]]),
    "single_line": ("line.txt", single_line, [["scan", "{in}"], ["deid", "{in}", "-o", "{out}"]]),
    "wide_csv": ("wide.csv", wide_csv, [["scan", "{in}"], ["deid", "{in}", "-o", "{out}"]]),
    "big_cell": ("cell.csv", big_cell, [["scan", "{in}"], ["deid", "{in}", "-o", "{out}"]]),
}


def _run(args: list[str], timeout: int) -> tuple[int, str, str]:
    cli = str(Path(sys.executable).with_name("cnprivacy"))
    command = ["/usr/bin/time", "-f", "%M KB %e s", cli, *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return -1, "(timeout)", f"stopped after {timeout} s"
    lines = done.stderr.strip().splitlines()
    measured = lines[-1] if lines else ""
    message = lines[0] if len(lines) > 1 else ""
    return done.returncode, measured, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/cnprivacy-limits"))
    parser.add_argument("--only", action="append", choices=sorted(CASES))
    parser.add_argument("--make-only", action="store_true")
    parser.add_argument("--timeout", type=int, default=600)
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    print("| input | command | exit | peak RSS, time | first line of stderr |")
    print("|---|---|---|---|---|")
    for name in options.only or sorted(CASES):
        file_name, write, commands = CASES[name]
        source = options.out / file_name
        if not source.exists():
            write(source)
        if options.make_only:
            continue
        for args in commands:
            target = options.out / f"out-{name}"
            shutil.rmtree(target, ignore_errors=True)
            filled = [a.replace("{in}", str(source)).replace("{out}", str(target)) for a in args]
            code, measured, message = _run(filled, options.timeout)
            shown = " ".join(a.replace(str(options.out) + "/", "") for a in filled)
            print(f"| {file_name} ({source.stat().st_size:,} B) | `cnprivacy {shown}` | {code} "
                  f"| {measured} | {message[:160].replace('|', '/')} |", flush=True)
            shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    main()
