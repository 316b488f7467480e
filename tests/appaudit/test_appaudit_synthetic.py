"""Chinese SDKs with no public sample APK, detected in synthetic fixture APKs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cnprivacy.appaudit.audit import audit_apk

from .apkbuild import ManifestSpec

# (SDK name in the catalogue, a class the real SDK defines, a component it declares)
CHINESE_SDKS = [
    ("Umeng Analytics", "com.umeng.analytics.MobclickAgent", None),
    ("Umeng Push", "com.umeng.message.PushAgent", ("service", "com.umeng.message.UmengIntentService")),
    ("JPush", "cn.jpush.android.api.JPushInterface", ("service", "cn.jpush.android.service.PushService")),
    ("Getui Push", "com.igexin.sdk.PushManager", ("service", "com.igexin.sdk.PushService")),
    ("Huawei Push Kit", "com.huawei.hms.push.HmsMessageService", None),
    ("Xiaomi Push (MiPush)", "com.xiaomi.mipush.sdk.MiPushClient", None),
    ("OPPO Push (HeyTap)", "com.heytap.msp.push.HeytapPushManager", None),
    ("vivo Push", "com.vivo.push.PushClient", None),
    ("Honor Push", "com.hihonor.push.sdk.HonorPushClient", None),
    ("Meizu Push", "com.meizu.cloud.pushsdk.PushManager", None),
    ("Tencent Ads (GDT / YLH)", "com.qq.e.ads.splash.SplashAD", None),
    ("Kuaishou Ads", "com.kwad.sdk.api.KsAdSDK", None),
    ("ShareSDK", "cn.sharesdk.framework.ShareSDK", None),
    ("Alipay SDK", "com.alipay.sdk.app.PayTask", None),
    ("Pangle (CSJ) Ads", "com.bytedance.sdk.openadsdk.TTAdSdk", None),
    ("AMap (Gaode) Location SDK", "com.amap.api.location.AMapLocationClient", None),
]


@pytest.mark.parametrize(("sdk", "cls", "component"), CHINESE_SDKS,
                         ids=[row[0] for row in CHINESE_SDKS])
def test_chinese_sdk_found_by_its_classes(make_apk: Callable[..., str], sdk: str, cls: str,
                                          component: tuple[str, str] | None):
    spec = ManifestSpec(components=[component] if component else [])
    report = audit_apk(make_apk(spec, dex=[[cls, "com.example.fixture.Main"]]))
    found = {s.match.sdk.name: s.match.evidence for s in report.sdks}
    assert sdk in found
    assert any(e.startswith("dex:") for e in found[sdk])
    if component:
        assert f"manifest:{component[1]}" in found[sdk]


def test_each_evidence_kind_is_reported_separately(make_apk: Callable[..., str]):
    spec = ManifestSpec(components=[("service", "com.igexin.sdk.PushService")])
    # Getui only through its manifest service; Bugly only through its native library.
    report = audit_apk(make_apk(spec, dex=[["com.example.fixture.Main"]],
                                native=["libBugly.so"]))
    found = {s.match.sdk.name: s.match.evidence for s in report.sdks}
    assert found["Getui Push"] == ("manifest:com.igexin.sdk.PushService",)
    assert found["Tencent Bugly"] == ("native:libBugly.so",)


def test_prefixes_match_at_package_boundaries_only(make_apk: Callable[..., str]):
    report = audit_apk(make_apk(dex=[["com.umengx.Foo", "com.tencent.buglyfake.Bar",
                                      "cn.jpushy.android.Baz"]]))
    assert report.sdks == ()


def test_sdks_spread_over_several_dex_files(make_apk: Callable[..., str]):
    report = audit_apk(make_apk(dex=[["com.example.fixture.Main"],
                                     ["com.umeng.analytics.MobclickAgent"],
                                     ["cn.jpush.android.api.JPushInterface"]]))
    assert report.dex_files == ("classes.dex", "classes2.dex", "classes3.dex")
    assert {"Umeng Analytics", "JPush"} <= {s.match.sdk.name for s in report.sdks}


def test_nested_apk_is_followed_and_named_in_evidence(make_apk: Callable[..., str], tmp_path):
    from .apkbuild import build_apk

    plugin = build_apk(ManifestSpec(package="com.example.plugin"),
                       dex=[["com.getui.gs.sdk.GsManager"]])
    report = audit_apk(make_apk(extra={"assets/plugin.apk": plugin}))
    assert report.nested_apks == ("assets/plugin.apk",)
    getui = next(s for s in report.sdks if s.match.sdk.name.startswith("Getui Analytics"))
    assert getui.match.evidence == ("dex:com.getui.gs in assets/plugin.apk",)


def test_nesting_depth_is_bounded(make_apk: Callable[..., str]):
    from .apkbuild import build_apk

    inner = build_apk(dex=[["cn.jpush.android.api.JPushInterface"]])
    for _ in range(4):  # 4 levels deep; only MAX_NESTED_DEPTH (2) are followed
        inner = build_apk(extra={"assets/inner.apk": inner})
    report = audit_apk(make_apk(extra={"assets/inner.apk": inner}))
    assert len(report.nested_apks) == 2
    assert report.sdks == ()


def test_class_name_prefix_signature(make_apk: Callable[..., str]):
    # Exodus lists some SDKs by class-name prefix (FullStory: com.fullstory.FS...).
    report = audit_apk(make_apk(dex=[["com.fullstory.FSSessionData"]]))
    assert [s.match.sdk.name for s in report.sdks] == ["fullstory"]
    assert audit_apk(make_apk(dex=[["com.fullstory.Other"]])).sdks == ()


def test_manifest_fields_and_relative_component_names(make_apk: Callable[..., str]):
    spec = ManifestSpec(package="com.example.shop", version_code=42, version_name="4.2",
                        min_sdk=23, target_sdk=35,
                        permissions=["android.permission.CAMERA", "android.permission.CAMERA",
                                     "android.permission.READ_SMS"],
                        components=[("activity", ".MainActivity")])
    report = audit_apk(make_apk(spec))
    m = report.manifest
    assert (m.package, m.version_code, m.version_name, m.min_sdk, m.target_sdk) == \
        ("com.example.shop", 42, "4.2", 23, 35)
    assert [p.name for p in report.permissions] == ["android.permission.CAMERA",
                                                     "android.permission.READ_SMS"]
    assert m.components[0].name == "com.example.shop.MainActivity"
    sms = next(p for p in report.permissions if p.name.endswith("READ_SMS"))
    assert (sms.dangerous, sms.pi_categories, sms.draft_2026) == (True, ("sms",), "sms")


def test_target_sdk_boundary_for_install_time_permissions(make_apk: Callable[..., str]):
    def ids(target: int) -> set[str]:
        spec = ManifestSpec(target_sdk=target, permissions=["android.permission.CAMERA"])
        return {f.id for f in audit_apk(make_apk(spec)).findings}

    assert "permissions_granted_at_install" in ids(22)
    assert "permissions_granted_at_install" not in ids(23)  # runtime permissions from API 23
