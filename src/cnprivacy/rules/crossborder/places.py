"""Where the processor and the recipient are: GBA cities and free-trade-zone negative lists.

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


@dataclass(frozen=True)
class Zone:
    """An FTZ the profile names, and whether its negative list is in force on the date."""

    zone_id: str
    instrument: str
    in_force: bool
    edition: str | None
    since: str

    def summary(self, as_of: date) -> str:
        """The one line the decision and the FTZ obligation show about the zone."""
        if self.in_force:
            return f"FTZ {self.zone_id}: negative list in force ({self.edition})"
        return f"FTZ {self.zone_id}: no negative list in force on {as_of}"


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
        edition = str(ctx.param(inst.id, "list_edition")) if listed and ctx.defined(
            inst.id, "list_edition") else None
        return Zone(wanted, inst.id, listed, edition, param.values[0].start.isoformat())
    raise InputError("profile", f"unknown free-trade-zone id {zone_id!r}; known: {', '.join(known)}",
                     field="organization.free_trade_zone")
