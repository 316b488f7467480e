"""``cnprivacy app audit``: permissions, embedded SDKs and the privacy policy of an APK."""

from __future__ import annotations

import io
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from cnprivacy.cli._common import fail
from cnprivacy.errors import InputError

if TYPE_CHECKING:
    from cnprivacy.appaudit.audit import AuditReport


class OutputFormat(StrEnum):
    """How the audit is printed."""

    table = "table"
    json = "json"
    sarif = "sarif"


class Language(StrEnum):
    """Language of the table report (JSON and SARIF carry both titles)."""

    en = "en"
    zh = "zh"


class FailOn(StrEnum):
    """The lowest finding severity that makes the command exit 1 (for CI pipelines)."""

    high = "high"
    medium = "medium"
    low = "low"
    info = "info"
    none = "none"


EXIT_FINDINGS = 1
_ORDER = ("high", "medium", "low", "info")


def register(app: typer.Typer) -> None:
    """Add the ``app`` group and its ``audit`` command."""
    group = typer.Typer(help="Audit Android apps: permissions, SDKs, privacy policy.",
                        no_args_is_help=True)
    group.command("audit")(audit)
    app.add_typer(group, name="app")


def audit(
    apk: Annotated[Path, typer.Argument(help="The APK file to audit.")],
    policy: Annotated[Path | None, typer.Option(
        "--policy", help="The app's privacy policy: text, Markdown, HTML or PDF; Chinese or "
                         "English.")] = None,
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", help="table (for people), json (../spec/appaudit.md) or sarif (2.1.0).")
    ] = OutputFormat.table,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file (atomically) instead of standard output.")
    ] = None,
    lang: Annotated[Language, typer.Option(
        "--lang", help="Language of the table report: en or zh.")] = Language.en,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", help="Exit 1 when a finding of this severity or worse is found.")
    ] = FailOn.none,
) -> None:
    """Audit an APK's permissions, embedded SDKs and (with --policy) its privacy policy.

    Exit 0 when the audit ran, 1 when --fail-on is met, 2 for input that is not a readable
    APK or policy.
    """
    from cnprivacy.appaudit.audit import audit_apk
    from cnprivacy.fileio.atomic import check_target, write_atomically

    inputs = [apk, *([policy] if policy else [])]
    try:
        if output is not None:
            check_target(output, inputs)  # before the audit: a bad -o fails at once
        report = audit_apk(str(apk), str(policy) if policy else None)
    except InputError as err:
        raise fail(err.one_line()) from None
    if output_format is OutputFormat.json:
        text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif output_format is OutputFormat.sarif:
        from cnprivacy import __version__ as version
        from cnprivacy.appaudit.sarif import to_sarif

        text = json.dumps(to_sarif(report, version), ensure_ascii=False, indent=2) + "\n"
    else:
        text = _render_table(report, lang.value)
    if output is None:
        typer.echo(text, nl=False)
    else:
        try:
            write_atomically(output, text, protect=inputs)
        except InputError as err:
            raise fail(err.one_line()) from None
    if fail_on is not FailOn.none:
        worst = _ORDER.index(fail_on.value)
        if any(_ORDER.index(f.severity) <= worst for f in report.findings):
            raise typer.Exit(EXIT_FINDINGS)


_LABELS = {
    "en": {"version": "version", "dex": "DEX file(s)", "classes": "classes",
           "native": "native librar(ies)", "nested": "nested APKs",
           "permissions": "Permissions", "permission": "permission", "dangerous": "dangerous",
           "pi": "PI categories", "draft": "draft 2026 family", "sdks": "SDKs", "sdk": "SDK",
           "company": "company", "category": "category", "evidence": "evidence",
           "in_policy": "in policy", "yes": "yes", "no": "NO", "unknown": "unknown",
           "findings": "Findings", "severity": "severity", "finding": "finding",
           "review": "(mapping needs review)", "basis": "Basis:",
           "no_policy": "No --policy given: policy checks (SDK disclosure, purposes, rights) "
                        "were not run."},
    "zh": {"version": "版本", "dex": "个DEX文件", "classes": "个类", "native": "个原生库",
           "nested": "内嵌APK", "permissions": "权限", "permission": "权限", "dangerous": "危险权限",
           "pi": "个人信息类型", "draft": "2026征求意见稿类别", "sdks": "第三方SDK", "sdk": "SDK",
           "company": "提供方", "category": "类别", "evidence": "证据", "in_policy": "隐私政策列明",
           "yes": "是", "no": "否", "unknown": "未知", "findings": "发现的问题",
           "severity": "严重程度", "finding": "问题", "review": "（映射待复核）", "basis": "依据：",
           "no_policy": "未提供 --policy：未进行隐私政策检查（SDK披露、目的、个人权利）。"},
}


def _render_table(report: AuditReport, lang: str) -> str:
    t = _LABELS[lang]
    console = Console(file=io.StringIO(), record=True, width=120, color_system=None)
    m = report.manifest
    console.print(f"{m.package}  {t['version']} {m.version_name or '?'} "
                  f"({m.version_code or '?'})  minSdk {m.min_sdk or '?'}  "
                  f"targetSdk {m.target_sdk or '?'}")
    console.print(f"{len(report.dex_files)} {t['dex']}, {report.class_count} {t['classes']}, "
                  f"{len(report.native_libs)} {t['native']}"
                  + (f", {t['nested']}: {', '.join(report.nested_apks)}"
                     if report.nested_apks else ""))
    permissions = Table(title=f"{t['permissions']} ({len(report.permissions)})",
                        title_justify="left")
    for column in ("permission", "dangerous", "pi", "draft"):
        permissions.add_column(t[column], overflow="fold")
    for p in report.permissions:
        permissions.add_row(p.name, t["yes"] if p.dangerous else "",
                            ", ".join(p.pi_categories), p.draft_2026 or "")
    console.print(permissions)
    sdks = Table(title=f"{t['sdks']} ({len(report.sdks)})", title_justify="left")
    for column in ("sdk", "company", "category", "evidence", "in_policy"):
        sdks.add_column(t[column], overflow="fold")
    for s in report.sdks:
        disclosed = "" if s.disclosed_in_policy is None else \
            (t["yes"] if s.disclosed_in_policy else t["no"])
        name = s.match.sdk.name_zh if lang == "zh" and s.match.sdk.name_zh else s.match.sdk.name
        sdks.add_row(name, s.match.sdk.company or t["unknown"], s.match.sdk.category,
                     "\n".join(s.match.evidence), disclosed)
    console.print(sdks)
    findings = Table(title=f"{t['findings']} ({len(report.findings)})", title_justify="left")
    for column in ("severity", "finding", "evidence"):
        findings.add_column(t[column], overflow="fold")
    for f in report.findings:
        title = f.title_zh if lang == "zh" else f.title
        review = f"\n{t['review']}" if f.needs_review else ""
        findings.add_row(f.severity, f"{f.id}\n{title}{review}", "\n".join(f.evidence))
    console.print(findings)
    bases = {f.id: f.basis for f in report.findings}
    if bases:
        console.print(t["basis"])
        for kind, basis in bases.items():
            console.print(f"  {kind}: {basis}", soft_wrap=True)
    if report.policy_source is None:
        console.print(t["no_policy"])
    return console.export_text()
