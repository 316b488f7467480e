"""`cnprivacy deid`: de-identify files, decrypt them back, generate keys.

``cnprivacy deid INPUT... -o OUTDIR`` is the default command (``deid run``); ``deid keygen``
is the one subcommand. Exit codes: 0 done, 1 ``--verify`` found unexpected residual PI,
2 bad input (one line per problem on stderr; other inputs are still processed).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from cnprivacy.cli._common import EXIT_BAD_INPUT, fail, parse_date
from cnprivacy.deid.detection import DetectionUnavailableError, discovery_detector
from cnprivacy.deid.envelope import SM4Envelope
from cnprivacy.deid.keys import DeidKey, generate_key, load_key, write_key
from cnprivacy.deid.policy import Generalise, Keep, Policy, Pseudonymise, load_policy
from cnprivacy.discovery.types import STRUCTURED_TYPES
from cnprivacy.errors import InputError

if TYPE_CHECKING:  # the pipeline pulls in pyarrow and openpyxl: loaded when a command runs
    from cnprivacy.deid.pipeline import FileOutcome

EXIT_RESIDUAL = 1


class _DefaultRun(TyperGroup):
    """Routes ``deid ARGS`` to ``deid run ARGS`` unless ARGS names a subcommand."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


deid_app = typer.Typer(
    cls=_DefaultRun, no_args_is_help=True,
    help="De-identify files (mask, pseudonymise, SM4-encrypt, generalise, suppress). "
         "`cnprivacy deid INPUT... -o OUTDIR` runs `deid run`.")


def _split_columns(values: list[str] | None) -> list[str]:
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


def _leaves_detectable(rule: object) -> bool:
    return isinstance(rule, Keep | Generalise) or (
        isinstance(rule, Pseudonymise) and rule.format_preserving)


def _expected_residual(policy: Policy) -> set[str]:
    """Types the policy leaves detectable by design (kept, generalised, format-preserving)."""
    expected = {"uscc"} if "uscc" not in policy.types else set()
    expected.update(name for name, rule in policy.types.items() if _leaves_detectable(rule))
    expected.update({"address", "ip_address", "gps_coordinate"} - set(policy.types))
    return expected


def _expected_columns(policy: Policy) -> set[str]:
    """Columns whose rule leaves look-alike values by design (format-preserving pseudonyms,
    generalised values). A column kept raw is not here: its real identifiers still fail
    --verify, as a safety net."""
    return {name for name, rule in policy.columns.items()
            if _leaves_detectable(rule) and not isinstance(rule, Keep)}


@deid_app.command("run")
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders to de-identify.",
                                                 metavar="INPUT")],
    outdir: Annotated[Path, typer.Option("-o", "--output", metavar="OUTDIR", help="Folder for the outputs "
                                         "(inputs are never modified).")],
    policy_file: Annotated[Path | None, typer.Option("--policy", metavar="POLICY.yaml", help="Policy YAML "
                                                     "(per type / per column transforms).")]
    = None,
    key_file: Annotated[Path | None, typer.Option("--key-file", metavar="KEY", help="Key for pseudonymise, "
                                                  "encrypt and --decrypt.")] = None,
    decrypt_mode: Annotated[bool, typer.Option("--decrypt", help="Restore SM4-encrypted "
                                               "values (needs --key-file).")] = False,
    check_k: Annotated[list[str] | None, typer.Option(
        "--check-k", metavar="COLUMNS", help="Quasi-identifier columns (repeat or comma-separate): report "
                          "k-anonymity before and after.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, help="Requested k for --check-k.")] = 5,
    verify: Annotated[bool, typer.Option("--verify", help="Re-scan the outputs and report "
                                         "residual PI.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date for age bands "
                                              "(YYYY-MM-DD, default today).")] = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    names: Annotated[str, typer.Option("--names", help="Person-name finder for text: fast "
                                       "(default) or accurate (a packaged model, needs the "
                                       "extra 'names'; slower).")] = "fast",
    engine: Annotated[str, typer.Option("--engine", help="embedded (this machine) or spark "
                                        "(INPUT: Parquet, ORC or CSV paths or catalog tables)."
                                        )] = "embedded",
    master: Annotated[str | None, typer.Option("--master", help="Spark master (--engine spark)."
                                               )] = None,
    spark_conf: Annotated[list[str] | None, typer.Option(
        "--spark-conf", help="KEY=VALUE Spark setting (--engine spark; repeatable).")] = None,
) -> None:
    """De-identify INPUT files into OUTDIR, in the same formats."""
    if output_format not in ("table", "json"):
        raise fail(f"--format: {output_format!r} is not table or json")
    if engine not in ("embedded", "spark"):
        raise fail(f"--engine: {engine!r} is not one of embedded, spark")
    if names not in ("fast", "accurate"):
        raise fail(f"--names: {names!r} is not one of fast, accurate")
    if names != "fast" and engine != "embedded":
        raise fail(f"--names {names} runs with --engine embedded only")
    if names != "fast":  # before any output is planned: a missing extra writes nothing
        from cnprivacy.discovery.pitypes.name_accurate import check_names_mode

        try:
            check_names_mode(names)
        except ImportError as err:
            raise fail(str(err)) from None
    if engine == "spark":
        embedded_only = "--decrypt" if decrypt_mode else "--check-k" if check_k else None
        _run_on_spark(inputs, outdir, policy_file, key_file, embedded_only,
                      verify, as_of, output_format, master, spark_conf or [])
        return
    # Loaded here, not at start-up: the pipeline pulls in pyarrow, openpyxl and the detectors.
    from cnprivacy.deid.pipeline import DecryptError, decrypt, deidentify, plan
    from cnprivacy.deid.transformer import Deidentifier, KeyRequiredError

    exclude: list[Path] = []
    try:
        key = _load_key(key_file, outdir)
        if key_file is not None:
            exclude.append(key_file)
        if policy_file is not None:
            exclude.append(policy_file)
        jobs = plan(inputs, outdir, exclude=exclude)
        if decrypt_mode:
            if key is None:
                raise fail("--decrypt needs --key-file (the key the data was encrypted with)")
            outcomes = decrypt(jobs, SM4Envelope(key), str(key_file))
            _report(outcomes, output_format, set())
            return
        policy = load_policy(policy_file) if policy_file is not None else Policy()
        detector = discovery_detector(names)
        deidentifier = Deidentifier(policy, detector, key, parse_date(as_of))
        outcomes = deidentify(jobs, deidentifier, quasi_identifiers=_split_columns(check_k),
                              k=k, verify_with=detector if verify else None)
    except (InputError, DecryptError, KeyRequiredError, DetectionUnavailableError) as err:
        raise fail(err.one_line() if isinstance(err, InputError) else str(err)) from None
    failed_residual = _report(outcomes, output_format, _expected_residual(policy),
                              frozenset(_expected_columns(policy)))
    for column in deidentifier.unmatched_policy_columns():
        typer.echo(f"warning: {policy_file}: columns.{column}: no input has this column "
                   "(its values were handled by type instead)", err=True)
    if any(o.error or o.k_error for o in outcomes):
        raise typer.Exit(EXIT_BAD_INPUT)
    if verify and failed_residual:
        raise typer.Exit(EXIT_RESIDUAL)


def _run_on_spark(inputs: list[Path], outdir: Path, policy_file: Path | None,
                  key_file: Path | None, embedded_only: str | None, verify: bool,
                  as_of: str | None,
                  output_format: str, master: str | None, conf: list[str]) -> None:
    """``--engine spark``: the same policy and key, applied on the cluster (``cnprivacy.spark``)."""
    from cnprivacy.deid.transformer import KeyRequiredError

    try:
        if embedded_only is not None:
            # Refused before Spark starts and before anything is written.
            raise InputError("--engine spark", f"{embedded_only} runs on the embedded engine "
                             "only (run the same command without --engine spark)")
        from cnprivacy.spark.deid import SparkDeid
        from cnprivacy.spark.session import parse_conf, require_pyspark, spark_session

        settings = parse_conf(conf)
        require_pyspark()
        key = _load_key(key_file, outdir)
        policy = load_policy(policy_file) if policy_file is not None else Policy()
        day = parse_date(as_of)
        spark = spark_session(master, settings)
        outcomes = SparkDeid(spark, policy, key, day).run([str(i) for i in inputs],
                                                          str(outdir), verify)
    except (InputError, KeyRequiredError) as err:
        raise fail(err.one_line() if isinstance(err, InputError) else str(err)) from None
    failed_residual = _report(outcomes, output_format, _expected_residual(policy),
                              frozenset(_expected_columns(policy)))
    if any(o.error for o in outcomes):
        raise typer.Exit(EXIT_BAD_INPUT)
    if verify and failed_residual:
        raise typer.Exit(EXIT_RESIDUAL)


def _load_key(key_file: Path | None, outdir: Path) -> DeidKey | None:
    if key_file is None:
        return None
    if key_file.resolve().is_relative_to(outdir.resolve()):
        raise InputError(str(key_file), "the key file is inside the output folder; keep keys "
                         "apart from the data they protect")
    return load_key(key_file)


def _report(outcomes: list[FileOutcome], output_format: str, expected: set[str],
            expected_columns: frozenset[str] = frozenset()) -> bool:
    """Print results; errors go to stderr. Returns whether unexpected residual PI was found."""
    unexpected = False
    for outcome in outcomes:
        if outcome.error:
            typer.echo(f"error: {outcome.error} (no output written)", err=True)
        if outcome.k_error:
            typer.echo(f"error: {outcome.k_error}", err=True)
        # Structured identifiers (checksummed or patterned) left in an output are a failure
        # unless the policy keeps them on purpose; names, addresses and health terms found by
        # the free-text detectors are reported for review but do not fail the run.
        if outcome.residual_pairs and any(
                t in STRUCTURED_TYPES and t not in expected and c not in expected_columns
                for t, c in outcome.residual_pairs):
            unexpected = True
    if output_format == "json":
        data: dict[str, Any] = {"files": [o.as_dict() for o in outcomes]}
        if any(o.residual is not None for o in outcomes):
            data["expected_residual_types"] = sorted(expected)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return unexpected
    console = Console()
    table = Table("input", "output", "rows")
    table.add_column("what was done", overflow="fold")
    for outcome in outcomes:
        if outcome.error:
            continue
        done = ", ".join(f"{t} {x} x{n}" for (t, x), n in sorted(outcome.transforms.items()))
        if outcome.decrypted:
            done = f"decrypted {outcome.decrypted} value(s)"
        table.add_row(str(outcome.job.source), str(outcome.job.output), str(outcome.rows),
                      done or "no PI found")
    console.print(table)
    for outcome in outcomes:
        if outcome.k_before is not None and outcome.k_after is not None:
            _print_k(outcome)
        if outcome.residual is not None:
            _print_residual(outcome, expected, expected_columns)
    return unexpected


def _print_k(outcome: FileOutcome) -> None:
    # Plain lines (not rich) so that paths and row lists are never wrapped mid-word.
    assert outcome.k_before is not None and outcome.k_after is not None
    before, after = outcome.k_before, outcome.k_after
    typer.echo(f"k-anonymity of {outcome.job.output.name} over "
                  f"{', '.join(before.columns)} (requested k={before.requested_k}):")
    for label, result in (("before", before), ("after", after)):
        rows = ", ".join(str(n) for n in result.row_numbers_below_k[:20])
        more = "" if result.rows_below_k <= 20 else f", ... ({result.rows_below_k} in all)"
        typer.echo(f"  {label}: k={result.k}, {result.classes} classes, "
                      f"{result.rows_below_k} of {result.rows} rows below k"
                      + (f" (rows {rows}{more})" if result.rows_below_k else ""))


def _print_residual(outcome: FileOutcome, expected: set[str],
                    expected_columns: frozenset[str] = frozenset()) -> None:
    residual: Counter[str] = outcome.residual or Counter()
    if not residual:
        typer.echo(f"verify {outcome.job.output}: no residual PI")
        return
    pairs = outcome.residual_pairs or Counter()
    by_policy = {t for t in residual if t in expected} | {
        t for t in residual
        if all(c in expected_columns for (pt, c) in pairs if pt == t) and any(
            pt == t for pt, _ in pairs)}
    parts = [f"{t} x{n}" + (" (expected by policy)" if t in by_policy else
                            "" if t in STRUCTURED_TYPES else " (review)")
             for t, n in sorted(residual.items())]
    where = ", ".join(f"{c} x{n}" for c, n in outcome.residual_columns.most_common(5)) \
        if outcome.residual_columns else ""
    typer.echo(f"verify {outcome.job.output}: residual {', '.join(parts)}"
                  + (f" in {where}" if where else ""))
    rates = ", ".join(f"{t} {rate:.1%} ({left} of {total})"
                      for t, (left, total, rate) in outcome.residual_rates().items())
    typer.echo(f"verify {outcome.job.output}: residual rate {rates}")


@deid_app.command("keygen")
def keygen(
    key_file: Annotated[Path, typer.Argument(help="Where to write the new key (mode 0600).")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing key file.")]
    = False,
) -> None:
    """Generate a de-identification key (for pseudonymise, encrypt and --decrypt)."""
    try:
        key = generate_key()
        write_key(key, key_file, overwrite=force)
    except InputError as err:
        raise fail(err.one_line()) from None
    except OSError as err:
        raise fail(f"{key_file}: cannot write key file ({err.strerror})") from None
    typer.echo(f"wrote key {key.key_id} to {key_file} (keep it apart from the data; "
               "losing it makes encrypted values unrecoverable)")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the main app."""
    app.add_typer(deid_app, name="deid")

