"""The organization profile: pydantic models, loading, what-ifs, JSON Schema.

Depends on nothing else in cnprivacy except its error types.
"""

from cnprivacy.profile.loader import (
    apply_overrides,
    json_schema,
    load_profile,
    profile_hash,
    read_raw,
    validate,
)
from cnprivacy.profile.models import (
    SENSITIVE_CATEGORIES,
    AIService,
    AIServiceKind,
    App,
    DataCategory,
    LegalBasis,
    Organization,
    ProcessingActivity,
    Profile,
    Sector,
    Transfer,
    TransferBasis,
)

__all__ = [
    "SENSITIVE_CATEGORIES",
    "AIService",
    "AIServiceKind",
    "App",
    "DataCategory",
    "LegalBasis",
    "Organization",
    "ProcessingActivity",
    "Profile",
    "Sector",
    "Transfer",
    "TransferBasis",
    "apply_overrides",
    "json_schema",
    "load_profile",
    "profile_hash",
    "read_raw",
    "validate",
]
