"""The kinds of record kept in the one append-only history, and the model each is read back as.

Every record type (processing activities, impact assessments, filings, incidents) is stored as
versions of its own ``kind`` in the same table; storage adapters look the model up here to read a
version's data back. A new record type adds one line.
"""

from __future__ import annotations

from pydantic import BaseModel

from cnprivacy.records.filing.models import KIND_FILING, Filing
from cnprivacy.records.models import Activity
from cnprivacy.records.pia.models import Pia

KIND_ACTIVITY = "activity"
KIND_PIA = "pia"

MODELS: dict[str, type[BaseModel]] = {
    KIND_ACTIVITY: Activity,
    KIND_PIA: Pia,
    KIND_FILING: Filing,
}


def model_for(kind: str) -> type[BaseModel]:
    """The model of a kind; KeyError for a kind nobody registered (a programming error)."""
    return MODELS[kind]
