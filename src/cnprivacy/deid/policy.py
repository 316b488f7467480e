"""De-identification policy: which transform each entity type or column gets.

```yaml
version: 1
key_algorithm: sm3            # HMAC for pseudonyms: sm3 | sha256
types:                        # per entity type (spans found anywhere)
  cn_resident_id: {transform: pseudonymise, format_preserving: true}
  cn_mobile: mask             # shorthand for {transform: mask}
columns:                      # per column (tabular input); wins over types
  birth_date: {transform: generalise, to: age_band, band: 10}
  phone: {transform: encrypt}
```

Unknown keys are errors that name the file and the field: a misspelt ``format_preservng``
silently ignored would ship identifiable data.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cnprivacy._yaml import load_text
from cnprivacy.discovery.types import ALL_TYPES as ENTITY_TYPES
from cnprivacy.errors import InputError


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Keep(_Rule):
    """Leave the value as it is (for example an organisation's USCC, which is not PI)."""

    transform: Literal["keep"]


class Mask(_Rule):
    transform: Literal["mask"]
    keep_first: int | None = Field(default=None, ge=0)
    keep_last: int | None = Field(default=None, ge=0)
    char: str = Field(default="*", min_length=1, max_length=1)


class Pseudonymise(_Rule):
    transform: Literal["pseudonymise"]
    algorithm: Literal["sm3", "sha256"] | None = None
    format_preserving: bool = False
    checksum: Literal["valid", "invalid"] = "invalid"


class Encrypt(_Rule):
    transform: Literal["encrypt"]


class Generalise(_Rule):
    transform: Literal["generalise"]
    to: Literal["year", "month", "age_band", "province", "city", "district", "grid", "prefix"]
    band: int = Field(default=10, ge=1, le=100)
    grid: float = Field(default=0.1, gt=0, le=10)
    prefix: int | None = Field(default=None, ge=0, le=128)
    as_of: date | None = None


class Suppress(_Rule):
    transform: Literal["suppress"]
    replacement: str | None = None


Rule = Annotated[Keep | Mask | Pseudonymise | Encrypt | Generalise | Suppress,
                 Field(discriminator="transform")]

# Which generalisations make sense for which entity type (columns may hold dates too).
_GENERALISE_FOR = {
    "cn_resident_id": {"year", "month", "age_band"},
    "address": {"province", "city", "district"},
    "gps_coordinate": {"grid"},
    "ip_address": {"prefix"},
}


def _expand(value: Any) -> Any:
    return {"transform": value} if isinstance(value, str) else value


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    key_algorithm: Literal["sm3", "sha256"] = "sm3"
    types: dict[str, Rule] = Field(default_factory=dict)
    columns: dict[str, Rule] = Field(default_factory=dict)

    @field_validator("types", "columns", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: _expand(v) for k, v in value.items()}
        return value

    @field_validator("types")
    @classmethod
    def _known_types(cls, value: dict[str, Rule]) -> dict[str, Rule]:
        for name, rule in value.items():
            if name not in ENTITY_TYPES:
                raise ValueError(f"unknown entity type {name!r} "
                                 f"(known: {', '.join(ENTITY_TYPES)})")
            if isinstance(rule, Generalise) and rule.to not in _GENERALISE_FOR.get(name, ()):
                allowed = sorted(_GENERALISE_FOR.get(name, ()))
                raise ValueError(f"{name}: generalise to {rule.to!r} is not defined for this type"
                                 + (f" (use {', '.join(allowed)})" if allowed else
                                    " (use mask, pseudonymise, encrypt or suppress)"))
        return value

    def needs_key(self) -> list[str]:
        """Where this policy uses a keyed transform (for the 'give --key-file' message)."""
        where = [f"types.{n}" for n, r in self.types.items()
                 if isinstance(r, Pseudonymise | Encrypt)]
        return where + [f"columns.{n}" for n, r in self.columns.items()
                        if isinstance(r, Pseudonymise | Encrypt)]


# Defaults when no policy names a type: irreversible and useful, needing no key.
DEFAULT_RULES: dict[str, Rule] = {
    "cn_resident_id": Mask(transform="mask"),
    "cn_mobile": Mask(transform="mask"),
    "cn_landline": Mask(transform="mask"),
    "email": Mask(transform="mask"),
    "bank_card": Mask(transform="mask"),
    "person_name": Mask(transform="mask"),
    "address": Generalise(transform="generalise", to="city"),
    "cn_passport": Mask(transform="mask"),
    "hk_macau_permit": Mask(transform="mask"),
    "license_plate": Mask(transform="mask"),
    "ip_address": Generalise(transform="generalise", to="prefix"),
    "gps_coordinate": Generalise(transform="generalise", to="grid"),
    "uscc": Keep(transform="keep"),
    "health_info": Suppress(transform="suppress"),
}
FALLBACK_RULE: Rule = Mask(transform="mask")


def load_policy(path: Path) -> Policy:
    source = str(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(source, "policy file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(source, f"cannot read policy ({type(err).__name__})") from None
    data = load_text(raw, source)  # a key given twice is an error, not "the last one wins"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(source, "a policy is a mapping with types: and columns:")
    try:
        return Policy.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"] if not _is_union_tag(p))
        message = first["msg"]
        if first["type"] == "extra_forbidden":
            message = "unknown field"
        elif first["type"] == "union_tag_invalid":
            message = ("unknown transform (use keep, mask, pseudonymise, encrypt, generalise "
                       "or suppress)")
        raise InputError(source, message.removeprefix("Value error, "),
                         field=where or None) from None


def _is_union_tag(part: object) -> bool:
    return part in ("keep", "mask", "pseudonymise", "encrypt", "generalise", "suppress")
