"""The shape of an instrument file: law as data, each fact dated and sourced.

One YAML file per instrument under ``law/instruments/``. Parameters carry dated values in the
OpenFisca manner (an amendment is a new dated value, not an edit to code) and the statutory
comparison their wording implies (以上 ``gte``; 超过 ``gt``; 不满 ``lt``).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Kind(StrEnum):
    LAW = "law"
    ADMINISTRATIVE_REGULATION = "administrative_regulation"
    DEPARTMENTAL_RULE = "departmental_rule"
    NORMATIVE_DOCUMENT = "normative_document"
    NATIONAL_STANDARD = "national_standard"
    REGULATOR_QA = "regulator_qa"
    COURT_PRECEDENT = "court_precedent"
    JUDICIAL_INTERPRETATION = "judicial_interpretation"
    LOCAL_GUIDANCE = "local_guidance"
    ENFORCEMENT_LIST = "enforcement_list"


# Rank of each kind when instruments are listed: laws first, then administrative regulations,
# rules, normative documents, standards, and the guidance that interprets them (drafts go last
# whatever their kind, see LawBook.in_listing_order). A judicial interpretation binds courts
# like a rule, so it sits with the rules.
KIND_ORDER: tuple[Kind, ...] = (
    Kind.LAW, Kind.ADMINISTRATIVE_REGULATION, Kind.JUDICIAL_INTERPRETATION,
    Kind.DEPARTMENTAL_RULE, Kind.NORMATIVE_DOCUMENT, Kind.NATIONAL_STANDARD,
    Kind.REGULATOR_QA, Kind.LOCAL_GUIDANCE, Kind.COURT_PRECEDENT, Kind.ENFORCEMENT_LIST,
)


class Event(StrEnum):
    """What happened to an instrument on a date."""

    DRAFT_PUBLISHED = "draft_published"
    ADOPTED = "adopted"
    PUBLISHED = "published"
    IN_FORCE = "in_force"
    AMENDED = "amended"
    AMENDMENT_IN_FORCE = "amendment_in_force"
    SUPERSEDED = "superseded"
    REPEALED = "repealed"


class LegalStatus(StrEnum):
    """An instrument's standing on a given date."""

    NOT_YET_PUBLISHED = "not_yet_published"
    DRAFT = "draft"
    ADOPTED = "adopted"  # adopted or published, not yet in force
    IN_FORCE = "in_force"
    SUPERSEDED = "superseded"
    REPEALED = "repealed"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimelineEntry(_Strict):
    date: date
    event: Event
    note: str | None = None
    source: str | None = None


class Article(_Strict):
    id: str = Field(description="Article number as cited, e.g. '52' or '66(2)'.")
    zh: str | None = Field(default=None, description="Chinese article label, e.g. 第五十二条.")
    summary: str = Field(description="What the article says, in our own words.")
    valid_from: date | None = None
    valid_until: date | None = None
    needs_review: bool = False


class DatedValue(_Strict):
    start: date = Field(alias="from")
    value: int | float | str | bool | None
    value_zh: str | None = Field(
        default=None, description="A text value as a Chinese page shows it, e.g. 2024年版.")
    source: str | None = None
    note: str | None = None
    needs_review: bool = False

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


Comparison = Literal["gte", "gt", "lt", "lte", "eq"]


class Parameter(_Strict):
    description: str
    unit: str
    article: str | None = None
    comparison: Comparison | None = Field(
        default=None,
        description="How the statute compares a fact with this number: 以上 gte, 超过 gt, 不满 lt.",
    )
    wording_zh: str | None = None
    values: list[DatedValue]
    needs_review: bool = False
    interpretation: bool = Field(
        default=False, description="A prevailing reading where the text is silent, not the text."
    )

    @field_validator("values")
    @classmethod
    def _sorted_distinct(cls, values: list[DatedValue]) -> list[DatedValue]:
        if not values:
            raise ValueError("needs at least one dated value")
        starts = [v.start for v in values]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise ValueError("dated values must be in ascending order of 'from', without repeats")
        return values


SourceRole = Literal["official", "commentary", "copy", "note"]

# Marks of a title or address that points into the development tree rather than to something a
# reader can open; the law data must never show such a path to a user.
_DEVELOPMENT_PATHS = ("../", "shared/data/", "shared/seeds/")


class Source(_Strict):
    key: str
    title: str
    url: str | None = None
    role: SourceRole = Field(
        default="commentary",
        description="official: the issuer's own publication (the 来源 of our copy of the text); "
        "commentary: a law firm, news or regulator's explainer; copy: a repost or mirror site, "
        "kept for provenance and never cited; note: our working notes (newsletters, readings).",
    )

    @model_validator(mode="after")
    def _no_development_path(self) -> Source:
        for text in (self.title, self.url or ""):
            if any(mark in text for mark in _DEVELOPMENT_PATHS) or text.startswith("/"):
                raise ValueError(f"source {self.key!r} names a development path; name the "
                                 "official source instead")
        return self


class Instrument(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    short: str
    name_en: str
    name_zh: str
    issuers: list[str]
    kind: Kind
    document_number: str | None = None
    timeline: list[TimelineEntry]
    supersedes: list[str] = []
    superseded_by: str | None = None
    scope: str | None = None
    articles: list[Article] = []
    parameters: dict[str, Parameter] = {}
    sources: list[Source]
    needs_review: list[str] = Field(
        default=[], description="Facts in this file a reviewer must confirm (UNCONFIRMED sources)."
    )
    notes: str | None = None

    @model_validator(mode="after")
    def _timeline_ordered(self) -> Instrument:
        dates = [t.date for t in self.timeline]
        if not dates:
            raise ValueError("timeline: needs at least one dated event")
        if dates != sorted(dates):
            raise ValueError("timeline: events must be in date order")
        return self

    @field_validator("sources")
    @classmethod
    def _citable(cls, sources: list[Source]) -> list[Source]:
        if all(s.role == "copy" for s in sources):
            raise ValueError("needs one source that is not a copy (copies are never cited)")
        return sources

    @property
    def cited_source(self) -> Source:
        """The source a citation names: the official publication, else commentary a reader can
        open, else the first source that is not a copy (mirror sites are never cited)."""
        for wanted in (lambda s: s.role == "official",
                       lambda s: s.role == "commentary" and s.url is not None,
                       lambda s: s.role != "copy"):
            found = next((s for s in self.sources if wanted(s)), None)
            if found is not None:
                return found
        raise AssertionError("unreachable: _citable keeps one source that is not a copy")

    def article(self, article_id: str) -> Article | None:
        for art in self.articles:
            if art.id == article_id:
                return art
        return None
