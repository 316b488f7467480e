"""The audit on real third-party APKs (fixtures/apks; provenance in fixtures/README.md)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cnprivacy.appaudit.audit import audit_apk
from cnprivacy.errors import InputError


def _sdk_names(path: str) -> set[str]:
    return {s.match.sdk.name for s in audit_apk(path).sdks}


def test_bugly_demo_finds_bugly_and_tinker_with_their_permissions(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("bugly-hotfix-demo.apk"))
    by_name = {s.match.sdk.name: s for s in report.sdks}
    assert {"Tencent Bugly", "Tencent Tinker"} <= set(by_name)
    assert "dex:com.tencent.bugly" in by_name["Tencent Bugly"].match.evidence
    assert any(e.startswith("manifest:com.tencent.tinker.")
               for e in by_name["Tencent Tinker"].match.evidence)
    assert by_name["Tencent Bugly"].match.sdk.company == "Tencent"
    assert by_name["Tencent Bugly"].disclosed_in_policy is None
    names = [p.name for p in report.permissions]
    assert "android.permission.READ_PHONE_STATE" in names
    assert "android.permission.READ_LOGS" in names
    assert report.manifest.package == "com.tencent.bugly.hotfix"
    assert len(report.native_libs) == 7  # libmylib.so for 7 ABIs


def test_instapaper_finds_crashlytics_firebase_and_facebook(real_apk: Callable[[str], str]):
    names = _sdk_names(real_apk("instapaper.apk"))
    assert {"Firebase Crashlytics", "Firebase Analytics", "Facebook Login"} <= names
    # The advertising-ID client alone is not AdMob, and play-services-base alone is not
    # Google Sign-In: both were false positives of looser prefixes.
    assert "Google AdMob" not in names
    assert "Google Sign-In" not in names


def test_blooddonation_finds_admob_and_location_permissions(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("blooddonation.apk"))
    admob = next(s for s in report.sdks if s.match.sdk.name == "Google AdMob")
    assert "manifest:com.google.android.gms.ads.AdActivity" in admob.match.evidence
    location = {p.name for p in report.permissions if "location" in p.pi_categories}
    assert location == {"android.permission.ACCESS_FINE_LOCATION",
                        "android.permission.ACCESS_COARSE_LOCATION"}


def test_a2dp_has_17_permissions_and_no_sdks(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("a2dp.Vol_137.apk"))
    assert len(report.permissions) == 17
    assert report.sdks == ()
    dangerous = {p.name for p in report.permissions if p.dangerous}
    assert {"android.permission.READ_CONTACTS", "android.permission.RECEIVE_SMS",
            "android.permission.GET_ACCOUNTS", "android.permission.READ_PHONE_STATE"} <= dangerous
    [draft] = [f for f in report.findings if f.id == "draft_2026_sensitive_permission"]
    assert {e.split(":")[0] for e in draft.evidence} == {"contacts", "sms", "location",
                                                        "camera_album"}


def test_hello_world_is_clean(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("hello-world.apk"))
    assert report.permissions == ()
    assert report.sdks == ()
    assert report.findings == ()


def test_duplicate_permissions_are_reported_once(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("duplicate.permisssions_9999999.apk"))
    names = [p.name for p in report.permissions]
    assert len(names) == len(set(names)) == 7
    assert report.manifest.version_code == 9999999


def test_multidex_reads_every_dex(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("app-prod-debug.apk"))
    assert report.dex_files == ("classes.dex", "classes2.dex")
    assert report.class_count > 2000


def test_old_target_sdk_grants_permissions_at_install(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("com.teleca.jamendo_35.apk"))
    assert report.manifest.target_sdk == 8
    finding = next(f for f in report.findings if f.id == "permissions_granted_at_install")
    assert "android.permission.READ_PHONE_STATE" in finding.evidence[0]


def test_missing_target_sdk_falls_back_to_min_sdk(real_apk: Callable[[str], str]):
    report = audit_apk(real_apk("com.politedroid_4.apk"))
    assert report.manifest.target_sdk is None  # reported as declared, not guessed
    assert "android.permission.READ_CALENDAR" in [p.name for p in report.permissions]
    finding = next(f for f in report.findings if f.id == "permissions_granted_at_install")
    assert "minSdkVersion 3 applies" in finding.evidence[0]


@pytest.mark.parametrize("name", ["multidex.apk", "CertChain.apk"])
def test_apks_without_manifest_are_input_errors(real_apk: Callable[[str], str], name: str):
    with pytest.raises(InputError, match=r"no AndroidManifest\.xml") as err:
        audit_apk(real_apk(name))
    assert name in str(err.value)
