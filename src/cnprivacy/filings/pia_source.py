"""The pack's judgement texts read from an approved impact assessment (the PIA record).

:func:`pia_pack_input` is the :class:`~cnprivacy.filings.inputs.JudgementSource` over a
:class:`~cnprivacy.records.pia.Pia`: it fills what the record holds (the assessment's dates,
the team by role, the conclusion, the risks and measures, the data categories and systems of
its data map) and leaves the rest to the pack-input YAML. Where the YAML states a value it
wins, field by field; the assessment's dates are the record's own and are never overridden (the
three-month recency check reads the approval date). Pure: the CLI opens the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cnprivacy.errors import InputError
from cnprivacy.filings.inputs import PackInput
from cnprivacy.profile.models import DataCategory
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.pia.models import MeasureStatus, Pia, PiaStatus

#: The pack-input fields an approved PIA fills: a field here that stays empty is filled in the
#: PIA record (``cnprivacy pia edit``), or stated in the pack input.
PIA_FIELDS = frozenset({
    "assessment.started_on", "assessment.completed_on", "assessment.team", "impact.conclusion",
    "impact.problems", "export.systems", "export.data_categories"})

#: Dates the record fixes: the YAML may repeat them, never change them.
_RECORD_DATES = ("started_on", "completed_on")

_STATUS_ZH = {MeasureStatus.IN_PLACE: "已落实", MeasureStatus.PLANNED: "计划落实"}


def _team(pia: Pia) -> str | None:
    # Roles only: the reviewer's and approver's names are staff PI and the pack carries none
    # (filings.pi_guard refuses names); the templates ask for departments and roles.
    roles = []
    if pia.reviewed_at is not None:
        roles.append("法务部门复核")
    if pia.approved_at is not None:
        roles.append("个人信息保护负责人批准")
    return "、".join(roles) or None


def _conclusion(pia: Pia) -> str | None:
    risk = pia.residual_risk.value or pia.risk_at_approval
    if risk is None:
        return None
    parts = [f"依据GB/T 39335-2020评估，采取保护措施后的剩余风险等级为“{risk.value}”"]
    if pia.purpose_and_method.value is not None:
        verdict = "合法、正当、必要" if pia.purpose_and_method.value else "不满足合法、正当、必要的要求"
        parts.append(f"处理目的、处理方式等{verdict}（{pia.purpose_and_method.reason or ''}）")
    if pia.measures_adequate.value is not None:
        verdict = "合法、有效并与风险程度相适应" if pia.measures_adequate.value else "不足以应对风险"
        parts.append(f"所采取的保护措施{verdict}（{pia.measures_adequate.reason or ''}）")
    return "；".join(p.replace("（）", "") for p in parts) + "。"


def _problems(pia: Pia) -> str | None:
    lines = []
    if pia.risk_at_approval is not None:
        lines.append(f"依据GB/T 39335-2020风险矩阵评定的风险等级（批准时）：{pia.risk_at_approval.value}。")
    for i, m in enumerate(pia.measures, 1):
        due = f"，期限{m.due.isoformat()}" if m.due else ""
        lines.append(f"{i}. {m.description}（{_STATUS_ZH[m.status]}{due}）")
    return "\n".join(lines) or None


def _categories(pia: Pia) -> list[DataCategory]:
    known = {c.value: c for c in DataCategory}
    return [known[c] for c in pia.data_map.data_categories if c in known]


def _from_record(pia: Pia) -> dict[str, Any]:
    completed = pia.approved_at.astimezone(CHINA).date() if pia.approved_at else None
    assessment = {"started_on": pia.assessed_on, "completed_on": completed, "team": _team(pia)}
    impact = {"conclusion": _conclusion(pia), "problems": _problems(pia)}
    export = {"systems": [s.name for s in pia.data_map.systems or []],
              "data_categories": _categories(pia)}
    return {"assessment": assessment, "impact": impact, "export": export}


def _stated(model: Any) -> dict[str, Any]:
    """The values a pack input states (set and not null), nested as mappings."""
    return model.model_dump(exclude_unset=True, exclude_none=True)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def require_approved(pia: Pia) -> None:
    """A pack files an approved assessment only; a draft or reviewed one is one InputError."""
    if pia.status is not PiaStatus.APPROVED:
        raise InputError("command line", f"{pia.id} is {pia.status.value}; a filing pack reads "
                         "an approved impact assessment (cnprivacy pia review, pia approve)",
                         field="--pia")


def pia_pack_input(pia: Pia, overrides: PackInput | None = None,
                   overrides_name: str = "pack input") -> PackInput:
    """The pack input from an approved PIA, the YAML's stated values winning field by field."""
    require_approved(pia)
    record = _from_record(pia)
    stated = _stated(overrides) if overrides is not None else {}
    for name in _RECORD_DATES:
        given = stated.get("assessment", {}).get(name)
        ours = record["assessment"][name]
        if given is not None and given != ours:
            raise InputError(overrides_name, f"states {given}, but {pia.id} records {ours}; the "
                             "assessment's dates are the PIA record's", field=f"assessment.{name}")
    # Empty values from the record are left out so the pack lists them as missing.
    record = {k: {f: v for f, v in sub.items() if v not in (None, [], "")}
              for k, sub in record.items()}
    return PackInput.model_validate(_merge(record, stated))


@dataclass(frozen=True)
class PiaJudgements:
    """A :class:`~cnprivacy.filings.inputs.JudgementSource` over an approved PIA."""

    pia: Pia
    overrides: PackInput | None = None
    overrides_name: str = "pack input"

    def pack_input(self) -> PackInput:
        return pia_pack_input(self.pia, self.overrides, self.overrides_name)
