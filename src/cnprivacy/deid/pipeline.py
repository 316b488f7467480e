"""Runs de-identification, decryption and verification over files.

Inputs are never opened for writing. Each output is written through
:func:`cnprivacy.fileio.atomic_path`, so a crash or a bad row leaves either the previous output or
nothing. Decryption is all-or-nothing across its inputs: a wrong key found in the last file still
leaves no plaintext behind from the first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cnprivacy.deid import formats
from cnprivacy.deid.detection import Detector
from cnprivacy.deid.envelope import CorruptTokenError, SM4Envelope, WrongKeyError
from cnprivacy.deid.kanon import KAnonymity, k_anonymity
from cnprivacy.deid.operations import DecryptOperation, DeidOperation, ResidualScan
from cnprivacy.deid.transformer import Deidentifier
from cnprivacy.errors import CnPrivacyError, InputError
from cnprivacy.fileio.atomic import atomic_path, remove_stale_temps
from cnprivacy.fileio.failures import failure_name
from cnprivacy.fileio.kinds import TABULAR_KINDS, file_kind


@dataclass(frozen=True)
class Job:
    source: Path
    output: Path
    kind: str


@dataclass
class FileOutcome:
    job: Job
    rows: int = 0
    error: str | None = None
    transforms: Counter[tuple[str, str]] = field(default_factory=Counter)
    decrypted: int = 0
    k_before: KAnonymity | None = None
    k_after: KAnonymity | None = None
    residual: Counter[str] | None = None
    residual_columns: Counter[str] | None = None
    residual_pairs: Counter[tuple[str, str]] | None = None
    k_error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": str(self.job.source), "output": str(self.job.output),
            "kind": self.job.kind, "rows": self.rows, "error": self.error,
            "transforms": [{"type": t, "transform": x, "values": n}
                           for (t, x), n in sorted(self.transforms.items())],
        }
        if self.decrypted:
            data["decrypted"] = self.decrypted
        if self.k_error is not None:
            data["k_anonymity_error"] = self.k_error
        if self.k_before is not None:
            data["k_anonymity"] = {"before": self.k_before.as_dict(),
                                   "after": self.k_after.as_dict() if self.k_after else None}
        if self.residual is not None:
            data["residual"] = dict(self.residual)
            data["residual_columns"] = dict(self.residual_columns or {})
            data["residual_rate"] = {t: round(r, 4) for t, (_n, _d, r) in self.residual_rates().items()}
        return data

    def residual_rates(self) -> dict[str, tuple[int, int, float]]:
        """Per type found in the output by the verifying scan: (left, found in all, rate),
        where "found in all" is what de-identification transformed plus what is left. The
        scan finds what the detector finds; what it misses is measured on annotated text
        (``bench/names_eval.py``)."""
        out: dict[str, tuple[int, int, float]] = {}
        done: Counter[str] = Counter()
        for (label, _transform), n in self.transforms.items():
            done[label] += n
        for kind, left in sorted((self.residual or Counter()).items()):
            total = left + done[kind]
            out[kind] = (left, total, left / total if total else 0.0)
        return out


class DecryptError(CnPrivacyError):
    pass


def plan(inputs: Sequence[Path], outdir: Path, *, exclude: Sequence[Path] = ()) -> list[Job]:
    """One job per input file; folders are walked and their layout kept under ``outdir``."""
    if outdir.exists() and not outdir.is_dir():
        raise InputError(str(outdir), "is a file; -o takes the folder to write the outputs in")
    out_root = outdir.resolve()
    skip = {p.resolve() for p in exclude}
    jobs: list[Job] = []
    seen: dict[Path, Path] = {}
    for given in inputs:
        if not given.exists():
            raise InputError(str(given), "no such file or folder")
        if given.is_dir():
            pairs = [(p, p.relative_to(given)) for p in sorted(given.rglob("*"))
                     if p.is_file() and not any(part.startswith(".") for part in
                                                p.relative_to(given).parts)
                     and not p.resolve().is_relative_to(out_root)]
        else:
            pairs = [(given, Path(given.name))]
        for src, relative in pairs:
            if src.resolve() in skip:
                continue
            dst = outdir / relative
            if dst.resolve() == src.resolve():
                raise InputError(str(src), "the output would overwrite the input; choose "
                                 "another -o folder")
            if dst.resolve() in seen:
                raise InputError(str(src), f"two inputs would both be written to {dst} "
                                 f"(the other is {seen[dst.resolve()]})")
            seen[dst.resolve()] = src
            jobs.append(Job(src, dst, file_kind(src)))
    return jobs


def deidentify(jobs: Sequence[Job], deid: Deidentifier, *,
               quasi_identifiers: Sequence[str] = (), k: int = 5,
               verify_with: Detector | None = None,
               sample_rows: int = formats.SAMPLE_ROWS) -> list[FileOutcome]:
    if quasi_identifiers:
        check_quasi_identifiers(jobs, quasi_identifiers)
    outcomes: list[FileOutcome] = []
    # A run killed mid-write (SIGKILL, power loss) leaves its hidden temporary behind.
    remove_stale_temps(job.output for job in jobs)
    for job in jobs:
        outcome = FileOutcome(job)
        outcomes.append(outcome)
        before = Counter(deid.counts)
        try:
            # atomic_path makes the output's folders, and removes them again (when still
            # empty) if this input fails: no empty folder is left for a failed input.
            with atomic_path(job.output) as temp:
                outcome.rows = formats.rewrite(job.kind, job.source, temp, DeidOperation(deid),
                                               sample_rows=sample_rows)
        except InputError as err:
            outcome.error = err.one_line()
            continue
        except Exception as err:  # one input's failure never ends the run
            # Library messages can quote the data they choked on: name the kind of failure only.
            outcome.error = _unexpected(job.source, err)
            continue
        outcome.transforms = deid.counts - before
        if quasi_identifiers and job.kind in TABULAR_KINDS:
            # A k-anonymity problem (say a column this table lacks) is reported, but does not
            # take back an output that was written correctly.
            try:
                outcome.k_before = _check_k(job.kind, job.source, quasi_identifiers, k)
                outcome.k_after = _check_k(job.kind, job.output, quasi_identifiers, k)
            except InputError as err:
                outcome.k_error = err.one_line()
            except Exception as err:  # reported as this input's error
                outcome.k_error = _unexpected(job.source, err)
        if verify_with is not None:
            scan = ResidualScan(verify_with)
            try:
                formats.rewrite(job.kind, job.output, None, scan)
            except InputError as err:
                outcome.k_error = err.one_line()
                continue
            except Exception as err:  # reported as this input's error
                outcome.k_error = _unexpected(job.output, err)
                continue
            outcome.residual, outcome.residual_columns = scan.counts, scan.places
            outcome.residual_pairs = scan.pairs
    return outcomes


def _unexpected(source: Path, err: Exception) -> str:
    """One line for a failure no format anticipated: the exception's type, never its message
    (which may quote raw values)."""
    if isinstance(err, MemoryError):
        return f"{source}: too large to process in the memory available (MemoryError)"
    return f"{source}: cannot process ({failure_name(err)})"


def check_quasi_identifiers(jobs: Sequence[Job], columns: Sequence[str]) -> None:
    """Refuse --check-k columns that a table lacks before any output is written (their first
    record's fields; an empty table has nothing to check)."""
    for job in jobs:
        if job.kind not in TABULAR_KINDS:
            continue
        try:
            first = next(iter(formats.records(job.kind, job.source)), None)
        except Exception:
            continue  # unreadable: the run reports it for this input
        missing = [c for c in columns if first is not None and c not in first]
        if missing:
            raise InputError(str(job.source), f"no such column for --check-k: "
                             f"{', '.join(missing)} (nothing written)")


def _check_k(kind: str, path: Path, columns: Sequence[str], k: int) -> KAnonymity:
    if kind not in TABULAR_KINDS:
        raise InputError(str(path), "--check-k needs a table (CSV, TSV, JSON Lines, Parquet, "
                         "Excel), not plain text")
    return k_anonymity(str(path), lambda: formats.records(kind, path), columns, k)


def decrypt(jobs: Sequence[Job], envelope: SM4Envelope, key_source: str) -> list[FileOutcome]:
    """Decrypt every SM4 token; any failure removes every output of this run."""
    outcomes: list[FileOutcome] = []
    remove_stale_temps(job.output for job in jobs)
    # One atomic write per output, all held open until the last input is done: an error in
    # any of them discards them all (and the folders made for them).
    with ExitStack() as staged:
        for job in jobs:
            operation = DecryptOperation(envelope)
            temp = staged.enter_context(atomic_path(job.output))
            try:
                rows = formats.rewrite(job.kind, job.source, temp, operation)
            except WrongKeyError as err:
                raise DecryptError(f"{key_source}: wrong key: {err} (nothing written)") from None
            except CorruptTokenError as err:
                raise DecryptError(f"{job.source}: {err} (nothing written)") from None
            except InputError:
                raise
            except Exception as err:  # any other failure: still nothing written
                raise DecryptError(f"{_unexpected(job.source, err)} (nothing written)") \
                    from None
            outcomes.append(FileOutcome(job, rows=rows, decrypted=operation.decrypted))
    return outcomes
