"""``cnprivacy app audit`` through the real CLI: JSON contract, SARIF, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from cnprivacy.cli import app

from .apkbuild import ManifestSpec
from .conftest import POLICIES

runner = CliRunner()


def test_json_follows_the_contract(real_apk: Callable[[str], str]):
    result = runner.invoke(app, ["app", "audit", real_apk("bugly-hotfix-demo.apk"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert list(doc) == ["package", "version_name", "target_sdk", "permissions", "sdks",
                         "findings"]
    assert doc["package"] == "com.tencent.bugly.hotfix" and doc["target_sdk"] == 23
    assert {"name", "dangerous", "pi_categories"} == set(doc["permissions"][0])
    bugly = next(s for s in doc["sdks"] if s["name"] == "Tencent Bugly")
    assert bugly["company"] == "Tencent" and bugly["category"] == "crash_reporting"
    assert bugly["disclosed_in_policy"] is None
    assert all(e.split(":")[0] in {"dex", "manifest", "native"} for e in bugly["evidence"])
    for finding in doc["findings"]:
        assert {"id", "severity", "basis", "evidence"} <= set(finding)


def test_policy_findings_and_fail_on(make_apk: Callable[..., str]):
    apk = make_apk(ManifestSpec(permissions=["android.permission.READ_CONTACTS"]),
                   dex=[["com.igexin.sdk.PushManager"]])
    args = ["app", "audit", apk, "--policy", str(POLICIES / "zh_omissions.txt"),
            "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["sdks"][0]["disclosed_in_policy"] is False
    assert "sdk_not_disclosed" in {f["id"] for f in doc["findings"]}
    assert runner.invoke(app, [*args, "--fail-on", "high"]).exit_code == 1


def test_fail_on_not_met_exits_zero(real_apk: Callable[[str], str]):
    result = runner.invoke(app, ["app", "audit", real_apk("hello-world.apk"), "--fail-on",
                                 "info"])
    assert result.exit_code == 0
    assert "de.rhab.helloworld" in result.stdout


def test_sarif_2_1_0(real_apk: Callable[[str], str]):
    result = runner.invoke(app, ["app", "audit", real_apk("instapaper.apk"), "--policy",
                                 str(POLICIES / "en_omissions.txt"), "--format", "sarif"])
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for res in run["results"]:
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in {"error", "warning", "note"}
        assert res["message"]["text"]
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert any(r["ruleId"] == "sdk_not_disclosed" and r["level"] == "error"
               for r in run["results"])


def test_bad_apk_is_a_one_line_exit_2(tmp_path: Path):
    junk = tmp_path / "junk.apk"
    junk.write_bytes(b"not a zip")
    result = runner.invoke(app, ["app", "audit", str(junk)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert str(junk) in result.stderr and "Traceback" not in result.output


def test_no_manifest_is_exit_2(real_apk: Callable[[str], str]):
    result = runner.invoke(app, ["app", "audit", real_apk("CertChain.apk")])
    assert result.exit_code == 2
    assert "no AndroidManifest.xml" in result.stderr


def test_output_file(tmp_path: Path, real_apk: Callable[[str], str]):
    out = tmp_path / "audit.json"
    result = runner.invoke(app, ["app", "audit", real_apk("a2dp.Vol_137.apk"), "--format",
                                 "json", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(out.read_text("utf-8"))["permissions"]) == 17
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]  # no temp file left


def test_table_names_sdks_and_findings(real_apk: Callable[[str], str]):
    result = runner.invoke(app, ["app", "audit", real_apk("bugly-hotfix-demo.apk"), "--policy",
                                 str(POLICIES / "en_omissions.txt")])
    assert result.exit_code == 0
    assert "Tencent Bugly" in result.stdout and "sdk_not_disclosed" in result.stdout
    assert "Basis:" in result.stdout


def test_chinese_table_report(real_apk: Callable[[str], str]):
    result = runner.invoke(app, ["app", "audit", real_apk("bugly-hotfix-demo.apk"), "--policy",
                                 str(POLICIES / "zh_omissions.txt"), "--lang", "zh"])
    assert result.exit_code == 0
    assert "腾讯Tinker热修复" in result.stdout and "嵌入的第三方SDK未在隐私政策中列明" in result.stdout
    assert "发现的问题" in result.stdout
