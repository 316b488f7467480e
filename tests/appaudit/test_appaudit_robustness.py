"""Damaged APKs fail cleanly: either a report or an InputError, never another exception."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnprivacy.appaudit.audit import audit_apk
from cnprivacy.errors import InputError

from .apkbuild import ManifestSpec, build_apk

_SAMPLE = build_apk(ManifestSpec(permissions=["android.permission.CAMERA"],
                                 components=[("service", "com.igexin.sdk.PushService")]),
                    dex=[["com.umeng.analytics.MobclickAgent", "cn.jpush.android.Api"]],
                    native=["libBugly.so"])
DOCS = Path(__file__).resolve().parents[2] / "docs" / "app-audit.md"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(_SAMPLE) - 1), st.integers(0, 255)),
                min_size=1, max_size=8))
def test_flipped_bytes_never_crash(tmp_path_factory, flips):
    data = bytearray(_SAMPLE)
    for offset, value in flips:
        data[offset] = value
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.apk"
    path.write_bytes(bytes(data))
    try:
        audit_apk(str(path))
    except InputError as err:
        assert str(path) in err.one_line() and "\n" not in err.one_line()


@settings(max_examples=30, deadline=None)
@given(st.integers(1, len(_SAMPLE) - 1))
def test_truncation_never_crashes(tmp_path_factory, length):
    path = tmp_path_factory.mktemp("cut") / "cut.apk"
    path.write_bytes(_SAMPLE[:length])
    with contextlib.suppress(InputError):
        audit_apk(str(path))


def test_user_guide_covers_every_finding_and_option():
    from cnprivacy.appaudit.rules import finding_types

    guide = DOCS.read_text("utf-8")
    for kind in finding_types():
        assert f"`{kind}`" in guide, kind
    from cnprivacy.cli import _app_audit

    source = Path(_app_audit.__file__).read_text("utf-8")
    for option in set(re.findall(r'"(--[a-z-]+)"', source)):
        assert f"`{option}" in guide or f"{option}" in guide, option
