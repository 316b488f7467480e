"""Coverage-guided fuzzing of every input parser with atheris (libFuzzer), for longer runs than
the test suite's bounded hypothesis examples (tests/fuzz/).

Each target takes the fuzzer's bytes as one input file (or URL) and calls the reader the CLI
uses; a result or a :class:`cnprivacy.errors.CnPrivacyError` is fine, anything else is a crash
that libFuzzer reports with the input that caused it. Seeds are sound small files of the
target's kind, written to ``--corpus`` first.

Run one target for two minutes:
``.venv/bin/python bench/fuzz_atheris.py csv --corpus /tmp/fuzz-corpus -- -max_total_time=120``
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

with atheris.instrument_imports(include=["cnprivacy"]):
    from cnprivacy.appaudit.audit import audit_apk
    from cnprivacy.appaudit.dex import class_descriptors
    from cnprivacy.appaudit.manifest import parse_manifest
    from cnprivacy.appaudit.policy import read_policy
    from cnprivacy.deid import formats
    from cnprivacy.discovery import readers
    from cnprivacy.discovery.databases import iter_tables, safe_url
    from cnprivacy.errors import CnPrivacyError
    from cnprivacy.ledger.identifiers import read_identifiers
    from cnprivacy.store.database import default_key_path, open_engine, sqlite_file

from appaudit.apkbuild import ManifestSpec, build_apk, build_axml, build_dex
from fuzz.test_fuzz_appaudit import HTML, PDF
from fuzz.test_fuzz_binary_tables import PARQUET, XLSX
from fuzz.test_fuzz_text_tables import Identity

FOLDER = Path(tempfile.mkdtemp(prefix="cnprivacy-fuzz-"))
CSV_SEED = "姓名,身份证,手机\n张伟,11010519491231002X,13812345678\n"


def _file(data: bytes, suffix: str) -> Path:
    path = FOLDER / f"input{suffix}"
    path.write_bytes(data)
    return path


def _tabular(kind: str, suffix: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        src = _file(data, suffix)
        for call in (lambda: [None for _ in _scan(src)],
                     lambda: formats.rewrite(kind, src, FOLDER / f"out{suffix}", Identity()),
                     lambda: list(formats.records(kind, src)) if kind != "text" else None):
            try:
                call()
            except CnPrivacyError as err:
                assert "\n" not in str(err)
    return run


def _scan(src: Path) -> list[object]:
    opened = readers.open_file(src)
    if opened.tabular:
        return list(readers.iter_batches(opened, batch_rows=16))
    return list(readers.iter_lines(opened))


def _one(call: Callable[[bytes], object]) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        try:
            call(data)
        except CnPrivacyError as err:
            assert "\n" not in str(err)
    return run


def _url(data: bytes) -> None:
    url = data.decode("utf-8", "replace")
    safe_url(url)
    for call in (lambda: sqlite_file(url), lambda: default_key_path(url),
                 lambda: open_engine(url, must_exist=True).dispose()):
        with contextlib.suppress(CnPrivacyError):
            call()
    if url.startswith(("sqlite", "nosuch", "mysql")):  # never a reachable server
        with contextlib.suppress(CnPrivacyError):
            list(iter_tables(url, 5))


TARGETS: dict[str, tuple[Callable[[bytes], None], list[bytes]]] = {
    "csv": (_tabular("csv", ".csv"), [CSV_SEED.encode(), CSV_SEED.encode("gb18030"),
                                      CSV_SEED.encode("utf-16")]),
    "tsv": (_tabular("tsv", ".tsv"), [CSV_SEED.replace(",", "\t").encode("utf-8-sig")]),
    "jsonl": (_tabular("jsonl", ".jsonl"),
              ['{"姓名": "张伟", "tel": "13812345678", "n": [1, {"a": null}]}\n'.encode()]),
    "text": (_tabular("text", ".txt"), ["张伟 11010519491231002X\n电话 13812345678\n".encode()]),
    "xlsx": (_tabular("excel", ".xlsx"), [XLSX]),
    "parquet": (_tabular("parquet", ".parquet"), [PARQUET]),
    "apk": (_one(lambda d: audit_apk(str(_file(d, ".apk")))),
            [build_apk(ManifestSpec(permissions=["android.permission.CAMERA"]),
                       dex=[["com.umeng.analytics.MobclickAgent"]])]),
    "axml": (_one(lambda d: parse_manifest(d, "app.apk")),
             [build_axml(ManifestSpec(permissions=["android.permission.CAMERA"],
                                      components=[("service", "a.b.C")]))]),
    "dex": (_one(lambda d: class_descriptors(d, "app.apk", "classes.dex")),
            [build_dex(["com.umeng.analytics.MobclickAgent", "a.b.C"])]),
    "policy_html": (_one(lambda d: read_policy(str(_file(d, ".html")))), [HTML.encode()]),
    "policy_pdf": (_one(lambda d: read_policy(str(_file(d, ".pdf")))), [PDF]),
    "policy_text": (_one(lambda d: read_policy(str(_file(d, ".txt")))),
                    ["隐私政策\n我们收集手机号。".encode("gb18030")]),
    "ledger": (_one(lambda d: read_identifiers(_file(d, ".csv"), "id")),
               [b"id\n11010519491231002X\n13812345678\nzhang.wei@example.com\n"]),
    "url": (_url, [b"sqlite:////tmp/none.db", b"postgresql://u:p@127.0.0.1:5432/db",
                   b"mysql://u@h/x?charset=utf8"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/cnprivacy-fuzz-corpus"))
    options, libfuzzer = parser.parse_known_args()
    run, seeds = TARGETS[options.target]
    corpus = options.corpus / options.target
    corpus.mkdir(parents=True, exist_ok=True)
    for number, seed in enumerate(seeds):
        (corpus / f"seed{number}").write_bytes(seed)
    atheris.Setup([sys.argv[0], *[a for a in libfuzzer if a != "--"], str(corpus)], run)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
