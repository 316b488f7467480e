"""The assessment as a report: one context of plain values, rendered by Jinja2 templates.

The report follows the contents GB/T 39335 §5.7 lists (approval page, object assessed, laws and
standards relied on, data map, rights impact, likelihood, risk, measures, items open) and is
complete in Chinese or in English: every fixed word comes from ``templates/labels.yaml``; what a
person wrote (purposes, reasons, measures) is shown as written. The regulators' own document
formats come with the filing packs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from cnprivacy.law.loader import LawBook
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.pia.citation import PIPL, STANDARD, cite
from cnprivacy.records.pia.grading import Grading, grade, matrix_cell
from cnprivacy.records.pia.levels import ImpactLevel, LikelihoodLevel
from cnprivacy.records.pia.models import (
    FACTORS,
    Judgement,
    Modifiers,
    Pia,
    judgement_fields,
)
from cnprivacy.records.pia.triggers import required

TEMPLATES = Path(__file__).with_name("templates")
FORMATS = {"md": "pia.md.j2", "html": "pia.html.j2"}
LANGUAGES = ("zh", "en")


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load(
        (TEMPLATES / "labels.yaml").read_text(encoding="utf-8"))
    return data


def _citation(law: LawBook, instrument: str, article: str, lang: str) -> str:
    if lang == "en":
        return cite(law, instrument, article)
    inst = law[instrument]
    art = inst.article(article)
    where = art.zh if art is not None and art.zh else article
    number = f"（{inst.document_number}）" if inst.document_number else ""
    url = inst.cited_source.url
    return f"《{inst.name_zh}》{number}{where}" + (f"，{url}" if url else "")


def _word(value: bool | None, t: dict[str, Any]) -> str:
    return t["unknown"] if value is None else t["word_yes"] if value else t["word_no"]


def _judgement(j: Judgement[Any], t: dict[str, Any]) -> dict[str, Any]:
    value = j.value
    if isinstance(value, ImpactLevel | LikelihoodLevel):
        shown = t["levels"][value.value]
    elif isinstance(value, bool) or value is None:
        shown = _word(value, t)
    else:
        shown = str(value)
    state = t["confirmed"] if j.confirmed else t["proposed"] if j.proposed_from else t["unconfirmed"]
    return {"value": shown, "reason": j.reason or "", "state": state, "confirmed": j.confirmed}


def _level(level: ImpactLevel | LikelihoodLevel | None, t: dict[str, Any]) -> str:
    return t["unknown"] if level is None else t["levels"][level.value]


def _matrix(law: LawBook, pia: Pia, t: dict[str, Any]) -> dict[str, Any]:
    columns = list(LikelihoodLevel)
    rows = []
    review = False
    for impact in reversed(list(ImpactLevel)):
        cells = []
        for likelihood in columns:
            cell = matrix_cell(law, impact, likelihood, pia.assessed_on)
            if cell is None:
                cells.append(t["unknown"])
                continue
            risk, cell_review = cell
            review = review or cell_review
            cells.append(_level(risk, t) + (" *" if cell_review else ""))
        rows.append({"impact": _level(impact, t), "cells": cells})
    return {"columns": [_level(c, t) for c in columns], "rows": rows, "needs_review": review}


def context(pia: Pia, law: LawBook, lang: str) -> dict[str, Any]:
    """Everything the templates show, already in the report's language."""
    t = labels()[lang]
    g: Grading = grade(pia, law)
    need = required(pia.triggers)
    dm = pia.data_map
    none = t["none_recorded"]

    def listing(items: list[str] | None) -> str:
        return none if items is None else "; ".join(items) or "—"

    recipients = None if dm.recipients is None else [
        f"{t['roles'].get(r.role, r.role)}: {r.name}" + (f" ({r.country})" if r.country else "")
        + (f" [{r.contract}]" if r.contract else "") for r in dm.recipients]
    when = "%Y-%m-%d %H:%M"

    def at(moment: Any) -> str:
        return f"{moment.astimezone(CHINA).strftime(when)} {t['cst']}"

    sources = None if dm.sources is None else [
        f"{s.description} ({t['direct'] if s.direct else t['indirect']})" for s in dm.sources]
    systems = None if dm.systems is None else [
        s.name + (f" @ {s.storage_location}" if s.storage_location else "")
        + (f" ({s.country})" if s.country else "") for s in dm.systems]
    return {
        "t": t, "lang": lang, "pia": pia,
        "status": t["statuses"][pia.status.value],
        "reviewed": t["by_at"].format(by=pia.reviewed_by, at=at(pia.reviewed_at))
        if pia.reviewed_by and pia.reviewed_at else t["not_yet"],
        "approved": t["by_at"].format(by=pia.approved_by, at=at(pia.approved_at))
        if pia.approved_by and pia.approved_at else t["not_yet"],
        "keep_until": pia.keeping.keep_until.isoformat() if pia.keeping else t["not_yet"],
        "basis": [_citation(law, PIPL, "55", lang), _citation(law, PIPL, "56", lang),
                  _citation(law, STANDARD, "D.3", lang)],
        "triggers": [{"kind": t["kinds"][tr.kind.value], "article": t["articles"][tr.article],
                      "holds": _word(tr.holds, t),
                      "because": "; ".join(tr.because) if lang == "en" else ""}
                     for tr in pia.triggers],
        "required": t["required_yes"] if need else t["required_no"] if need is False
        else t["required_unknown"],
        "data_map": [
            (t["activity_version"], str(dm.activity_version)),
            (t["purpose"], dm.purpose or none), (t["business_scenario"], dm.business_scenario or none),
            (t["legal_basis"], t["legal_bases"].get(dm.legal_basis, dm.legal_basis)
             if dm.legal_basis else none),
            (t["data_categories"], listing([t["categories"].get(c, c) for c in dm.data_categories])),
            (t["sensitive_categories"],
             listing([t["categories"].get(c, c) for c in dm.sensitive_categories])),
            (t["individuals"], none if dm.individuals is None else f"{dm.individuals:,}"),
            (t["sensitive_individuals"], none if dm.sensitive_individuals is None
             else f"{dm.sensitive_individuals:,}"),
            (t["sources"], listing(sources)), (t["systems"], listing(systems)),
            (t["recipients"], listing(recipients)), (t["retention"], dm.retention or none),
            (t["evidence"], listing(dm.evidence))],
        "necessity": _judgement(pia.purpose_and_method, t),
        "other": _judgement(pia.other_significant_impact, t),
        "modifiers": [{"name": t["modifier_names"][m],
                       **_judgement(getattr(pia.modifiers, m), t)} for m in Modifiers.model_fields],
        "dimensions": [{"name": t["dimensions"][d.dimension],
                        "judgement": _judgement(getattr(pia.impact, d.dimension), t),
                        "base": _level(d.base, t), "effective": _level(d.impact, t),
                        "risk": _level(d.risk, t)} for d in g.dimensions],
        "factors": [{"name": t["factors"][f], **_judgement(getattr(pia.likelihood, f), t)}
                    for f in FACTORS],
        "lowered": _judgement(pia.likelihood_lowered, t),
        "likelihood": _level(g.likelihood, t),
        "risk": _level(g.risk, t),
        "matrix": _matrix(law, pia, t),
        "matrix_source": _citation(law, STANDARD, "D.3", lang),
        "measures": [{"description": m.description,
                      "status": t["measure_statuses"][m.status.value], "owner": m.owner or "—",
                      "due": m.due.isoformat() if m.due else "—"} for m in pia.measures],
        "measures_adequate": _judgement(pia.measures_adequate, t),
        "residual": _judgement(pia.residual_risk, t),
        "next_review": pia.next_review_on.isoformat() if pia.next_review_on else t["not_yet"],
        "open": [path for path, j in judgement_fields(pia).items() if j.needs_review],
        "needs_review": g.needs_review,
    }


def render(pia: Pia, law: LawBook, fmt: str, lang: str) -> str:
    """The report as Markdown (``md``) or HTML (``html``) in ``zh`` or ``en``."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    if fmt not in FORMATS or lang not in LANGUAGES:
        raise ValueError(f"unknown format {fmt!r} or language {lang!r}")
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html.j2"]), keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = lambda text: " ".join(str(text).split()).replace("|", "\\|")
    return env.get_template(FORMATS[fmt]).render(**context(pia, law, lang))

