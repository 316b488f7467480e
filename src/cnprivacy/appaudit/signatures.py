"""The SDK catalogue (curated + LibChecker + Exodus tables) and matching it against an APK.

Matching is by three kinds of evidence, each reported with its kind so that a reader can tell
code that is present from a hint: ``dex:`` a class-name prefix defined in the DEX class table,
``manifest:`` a component declared in AndroidManifest.xml, ``native:`` a bundled ``.so`` file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from cnprivacy._yaml import load_text
from cnprivacy.appaudit.dex import DexClasses
from cnprivacy.errors import InputError

CATEGORIES = frozenset({
    "analytics", "push", "advertising", "payment", "maps_location", "login_share",
    "crash_reporting", "hotfix", "identity_verification", "risk_control", "device_identifier",
    "customer_service_im", "rtc_media", "voice", "webview_container", "attribution",
})
CURATED_SOURCE = "cnprivacy curated table (vendor integration guides)"

# Exodus categories -> ours, and the PI an Exodus category implies when no vendor data exists.
_EXODUS_CATEGORY = {"Advertisement": "advertising", "Analytics": "analytics",
                    "Crash reporting": "crash_reporting", "Location": "maps_location",
                    "Identification": "login_share", "Profiling": "analytics"}
_EXODUS_COLLECTS = {"Advertisement": ["device", "app_usage"], "Analytics": ["device", "app_usage"],
                    "Crash reporting": ["device", "app_usage"], "Location": ["location"],
                    "Identification": ["device", "social_account"],
                    "Profiling": ["device", "app_usage"]}
_GENERIC_WORDS = frozenset({"sdk", "push", "ads", "analytics", "map", "maps", "share", "pay",
                            "login", "account", "core", "base", "open", "im", "location"})


@dataclass(frozen=True)
class SdkSignature:
    """One SDK: who makes it, what it is for, what it collects and how to recognise it."""

    id: str
    name: str
    name_zh: str | None
    company: str | None
    category: str
    collects: tuple[str, ...]
    dex: tuple[str, ...]
    components: tuple[str, ...]
    native: tuple[str, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class SdkMatch:
    """An SDK found in an APK, with every signature that matched."""

    sdk: SdkSignature
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    """All SDK signatures, indexed for matching."""

    sdks: tuple[SdkSignature, ...]

    def __len__(self) -> int:
        return len(self.sdks)


def _data(name: str) -> str:
    return resources.files("cnprivacy.appaudit").joinpath("data", name).read_text("utf-8")


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The catalogue shipped with the package (curated first, then Exodus-only trackers)."""
    curated = load_text(_data("sdks.yaml"), "appaudit/data/sdks.yaml")
    libchecker = json.loads(_data("sdks_libchecker.json"))
    exodus = json.loads(_data("sdks_exodus.json"))
    return build_catalogue(curated, libchecker, exodus)


def build_catalogue(curated: Any, libchecker: Any, exodus: Any) -> Catalogue:
    """Merge the three tables; a malformed entry is an :class:`InputError` naming it."""
    source = "appaudit/data/sdks.yaml"
    if not isinstance(curated, dict) or not isinstance(curated.get("sdks"), list):
        raise InputError(source, "expected a mapping with a list under 'sdks'", field="sdks")
    lc_labels: dict[str, Any] = libchecker.get("labels", {})
    lc_source = f"{libchecker.get('source')}; {libchecker.get('licence')}"
    sdks: list[SdkSignature] = []
    covered_exodus: set[int] = set()
    seen: set[str] = set()
    for index, entry in enumerate(curated["sdks"]):
        where = f"sdks[{index}]"
        try:
            sdk_id, name, category = str(entry["id"]), str(entry["name"]), str(entry["category"])
        except (KeyError, TypeError):
            raise InputError(source, "each SDK needs id, name and category", field=where) from None
        if sdk_id in seen:
            raise InputError(source, f"duplicate SDK id {sdk_id!r}", field=where)
        if category not in CATEGORIES:
            raise InputError(source, f"unknown category {category!r}", field=f"{where}.category")
        seen.add(sdk_id)
        components = list(entry.get("components") or [])
        native = list(entry.get("native") or [])
        sources = [CURATED_SOURCE]
        for label in entry.get("libchecker") or []:
            rule = lc_labels.get(label)
            if rule is None:
                raise InputError(source, f"unknown LibChecker label {label!r}",
                                 field=f"{where}.libchecker")
            components += rule["components"]
            native += rule["native"]
            sources.append(f"{lc_source} (label {label!r})")
        exodus_ids = [int(value) for value in entry.get("exodus") or []]
        covered_exodus.update(exodus_ids)
        if exodus_ids:
            sources.append("same SDK as Exodus tracker(s) " + ", ".join(f"#{i}" for i in exodus_ids))
        dex = tuple(str(prefix).rstrip(".") for prefix in entry.get("dex") or [])
        if not (dex or components or native):
            raise InputError(source, f"SDK {sdk_id!r} has no matching rule", field=where)
        name_zh = entry.get("name_zh")
        sdks.append(SdkSignature(
            id=sdk_id, name=name, name_zh=name_zh, company=entry.get("company"),
            category=category, collects=tuple(entry.get("collects") or []), dex=dex,
            components=tuple(dict.fromkeys(components)), native=tuple(dict.fromkeys(native)),
            sources=tuple(sources),
            aliases=_aliases(name, name_zh, entry.get("aka") or []),
        ))
    ex_source = f"{exodus.get('source')}; {exodus.get('licence')}"
    for tracker in exodus.get("trackers", []):
        if tracker["id"] in covered_exodus:
            continue
        categories = tracker.get("categories") or []
        category = next((_EXODUS_CATEGORY[c] for c in categories if c in _EXODUS_CATEGORY),
                        "analytics")
        collects = sorted({pi for c in categories for pi in _EXODUS_COLLECTS.get(c, [])}
                          or {"device"})
        sdks.append(SdkSignature(
            id=f"exodus-{tracker['id']}", name=tracker["name"], name_zh=None, company=None,
            category=category, collects=tuple(collects), dex=tuple(tracker["dex"]),
            components=(), native=(), sources=(f"{ex_source} (tracker #{tracker['id']})",),
            aliases=_aliases(tracker["name"], None, []),
        ))
    return Catalogue(tuple(sdks))


def _aliases(name: str, name_zh: str | None, aka: Iterable[str]) -> tuple[str, ...]:
    """Names a privacy policy may use for the SDK, normalised for matching."""
    candidates = [name, *aka]
    if name_zh:
        candidates += [name_zh, re.sub(r"SDK$", "", name_zh)]
    bare = re.sub(r"\s*\(.*?\)", "", name).strip()
    candidates.append(bare)
    for inner in re.findall(r"\((.*?)\)", name):
        candidates += [part.strip() for part in inner.split("/")]
    words = bare.split()
    # "Tencent Bugly" is also called "Bugly"; "Huawei Push Kit" is not called "Push Kit".
    if len(words) == 2 and words[1].lower() not in _GENERIC_WORDS and len(words[1]) >= 4:
        candidates.append(words[1])
    out = []
    for candidate in candidates:
        key = normalise_name(candidate)
        if len(key) >= 3 and key not in _GENERIC_WORDS and key not in out:
            out.append(key)
    return tuple(out)


def normalise_name(text: str) -> str:
    """Lower case, no spaces or punctuation: how SDK names are compared with policy text."""
    return re.sub(r"[\s\-_·.()（）/]+", "", text.lower())


def match_sdks(catalogue: Catalogue, classes: DexClasses, components: Iterable[str],
               native_libs: Iterable[str], where: str = "") -> list[SdkMatch]:
    """Every catalogue SDK with at least one matching signature, in catalogue order."""
    component_set = set(components)
    native_set = {path.rsplit("/", 1)[-1] for path in native_libs}
    suffix = f" in {where}" if where else ""
    found = []
    for sdk in catalogue.sdks:
        evidence = [f"dex:{prefix}{suffix}" for prefix in sdk.dex if classes.has_prefix(prefix)]
        evidence += [f"manifest:{name}{suffix}" for name in sdk.components
                     if name in component_set]
        evidence += [f"native:{name}{suffix}" for name in sdk.native if name in native_set]
        if evidence:
            found.append(SdkMatch(sdk, tuple(evidence)))
    return found
