"""Where the processor and the recipient are: GBA cities and free-trade-zone lists.

A zone's list is either a negative list (data off it is free of the three routes) or a
general-data, positive list (only data on it is free); a zone whose list date is not on file is
known but gives no exemption.

Every list (GBA cities, counterpart regions, FTZ ids) comes from the instrument files; the code
only normalises names so that ``Shenzhen``, ``深圳`` and ``深圳市`` match the same entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cnprivacy.errors import InputError
from cnprivacy.rules.base import RuleContext
from cnprivacy.rules.crossborder.instruments import GBA


def _norm_city(name: str) -> str:
    text = name.strip().lower()
    for suffix in (" city", "市"):
        text = text.removesuffix(suffix)
    return text.strip()


def split_list(value: object) -> frozenset[str]:
    """A comma-separated list parameter as a set of trimmed items."""
    return frozenset(item.strip() for item in str(value).split(",") if item.strip())


def gba_city(ctx: RuleContext, city: str | None) -> bool | None:
    """Whether the organization's city is one of the GBA's mainland cities (None: unknown)."""
    if city is None:
        return None
    if not ctx.defined(GBA, "mainland_cities"):
        return False
    cities = {_norm_city(c) for c in split_list(ctx.param(GBA, "mainland_cities"))}
    return _norm_city(city) in cities


NEGATIVE = "negative"
POSITIVE = "positive"


@dataclass(frozen=True)
class Zone:
    """An FTZ the profile names, its kind of list and whether the list is in force on the date."""

    zone_id: str
    instrument: str
    in_force: bool
    edition: str | None
    since: str
    kind: str = NEGATIVE  # NEGATIVE or POSITIVE
    date_unknown: bool = False

    @property
    def list_name(self) -> str:
        return "negative list" if self.kind == NEGATIVE else "general-data (positive) list"

    def summary(self, as_of: date) -> str:
        """The one line the decision and the FTZ obligation show about the zone."""
        if self.in_force:
            return f"FTZ {self.zone_id}: {self.list_name} in force ({self.edition})"
        if self.date_unknown:
            return (f"FTZ {self.zone_id}: {self.list_name} of unknown date (needs_review): "
                    "no exemption under it")
        return f"FTZ {self.zone_id}: no {self.list_name} in force on {as_of}"


def ftz_zone(ctx: RuleContext, zone_id: str | None) -> Zone | None:
    """The FTZ instrument whose ``zone_id`` parameter is ``zone_id``; InputError if none has it."""
    if zone_id is None:
        return None
    wanted = zone_id.strip().lower()
    known: list[str] = []
    for inst in ctx.law:
        param = inst.parameters.get("zone_id")
        if param is None:
            continue
        ids = {str(v.value) for v in param.values}
        known.extend(sorted(ids))
        if wanted not in ids:
            continue
        listed = ctx.defined(inst.id, "zone_id") and str(ctx.param(inst.id, "zone_id")) == wanted
        unknown = "list_date_unknown" in inst.parameters and ctx.defined(
            inst.id, "list_date_unknown") and bool(ctx.param(inst.id, "list_date_unknown"))
        kind = str(ctx.param(inst.id, "list_kind")) if ctx.defined(inst.id, "list_kind") else (
            str(inst.parameters["list_kind"].values[0].value) if "list_kind" in inst.parameters
            else NEGATIVE)
        edition = str(ctx.param(inst.id, "list_edition")) if listed and (
            "list_edition" in inst.parameters) and ctx.defined(inst.id, "list_edition") else None
        return Zone(wanted, inst.id, listed and not unknown, edition,
                    param.values[0].start.isoformat(), kind, unknown)
    raise InputError("profile", f"unknown free-trade-zone id {zone_id!r}; known: {', '.join(known)}",
                     field="organization.free_trade_zone")
