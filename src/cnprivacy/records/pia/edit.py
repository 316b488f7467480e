"""Reading a person's judgements from a YAML/JSON file: strict, refused whole, one line per problem.

The file holds any of the judgement fields; each judgement given replaces the recorded one
(``value``, ``reason``, ``confirmed``). Everything is validated before anything is applied, and
the first problem names the file and the field. Values are never repeated in messages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from cnprivacy._yaml import load_text
from cnprivacy.errors import InputError
from cnprivacy.fileio import read_bounded
from cnprivacy.records.pia.models import (
    Impact,
    Judgement,
    Likelihood,
    Measure,
    Pia,
    Reason,
    Trigger,
    TriggerKind,
)
from cnprivacy.records.validate import _problem, _where

MAX_BYTES = 1 << 20  # a judgement file is a page of text, not a data set

T = TypeVar("T")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Given(_Strict, Generic[T]):
    """A judgement as a file states it (no ``proposed_from``: that is the draft's)."""

    value: T | None = None
    reason: Reason | None = None
    confirmed: bool = False


class ImpactEdit(_Strict):
    autonomy: Given[Impact] | None = None
    discrimination: Given[Impact] | None = None
    reputation: Given[Impact] | None = None
    property: Given[Impact] | None = None


class ModifiersEdit(_Strict):
    sensitive_at_scale: Given[bool] | None = None
    vulnerable_groups: Given[bool] | None = None
    deidentified: Given[bool] | None = None


class LikelihoodEdit(_Strict):
    network: Given[Likelihood] | None = None
    process: Given[Likelihood] | None = None
    parties: Given[Likelihood] | None = None
    situation: Given[Likelihood] | None = None


class PiaEdit(_Strict):
    purpose_and_method: Given[bool] | None = None
    other_significant_impact: Given[bool] | None = None
    impact: ImpactEdit | None = None
    modifiers: ModifiersEdit | None = None
    likelihood: LikelihoodEdit | None = None
    likelihood_lowered: Given[bool] | None = None
    measures: list[Measure] | None = None
    measures_adequate: Given[bool] | None = None
    residual_risk: Given[Impact] | None = None
    next_review_on: dt.date | None = None


def parse_edit(data: Any, source: str) -> PiaEdit:
    if not isinstance(data, dict) or not data:
        raise InputError(source, "expected a mapping of judgement fields")
    try:
        edit = PiaEdit.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        raise InputError(source, _problem(first), field=_where(tuple(first["loc"])) or None) \
            from None
    # A judgement confirmed without value or reason is refused here, naming its field.
    for path, given in _given(edit):
        try:
            Judgement[Any](**given.model_dump())
        except ValidationError as err:
            raise InputError(source, str(err.errors()[0]["msg"]).removeprefix("Value error, "),
                             field=path) from None
    return edit


def read_edit(path: Path) -> PiaEdit:
    source = str(path)
    raw = read_bounded(path, MAX_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text") from None
    if "\x00" in text:
        raise InputError(source, "binary data, not a YAML or JSON file")
    return parse_edit(load_text(text, source), source)


def _given(edit: PiaEdit) -> list[tuple[str, Given[Any]]]:
    out: list[tuple[str, Given[Any]]] = []
    for name in ("purpose_and_method", "other_significant_impact", "likelihood_lowered",
                 "measures_adequate", "residual_risk"):
        value = getattr(edit, name)
        if value is not None:
            out.append((name, value))
    for group in ("impact", "modifiers", "likelihood"):
        inner = getattr(edit, group)
        if inner is None:
            continue
        for name in type(inner).model_fields:
            value = getattr(inner, name)
            if value is not None:
                out.append((f"{group}.{name}", value))
    return out


def _judgement(before: Judgement[Any], given: Given[Any]) -> dict[str, Any]:
    return {**given.model_dump(), "proposed_from": before.proposed_from}


def apply_edit(pia: Pia, edit: PiaEdit) -> Pia:
    """The assessment with the file's judgements in place (validated as a whole)."""
    data = pia.model_dump()
    for path, given in _given(edit):
        if "." in path:
            group, name = path.split(".")
            data[group][name] = _judgement(getattr(getattr(pia, group), name), given)
        else:
            data[path] = _judgement(getattr(pia, path), given)
    if edit.measures is not None:
        data["measures"] = [m.model_dump() for m in edit.measures]
    if "next_review_on" in edit.model_fields_set:
        data["next_review_on"] = edit.next_review_on
    updated = Pia.model_validate(data)
    return updated.model_copy(update={"triggers": _with_other(updated)})


def _with_other(pia: Pia) -> list[Trigger]:
    """Case (5) of art 55 follows the other_significant_impact judgement."""
    j = pia.other_significant_impact
    out = []
    for t in pia.triggers:
        if t.kind is TriggerKind.OTHER:
            because = (["a judgement: other_significant_impact not given"] if j.value is None else
                       [f"other_significant_impact = {str(j.value).lower()}"
                        + ("" if j.confirmed else " (not confirmed)")])
            t = t.model_copy(update={"holds": j.value, "because": because})
        out.append(t)
    return out
