"""Law as data: instruments with dated statuses, articles and parameters.

Depends on nothing else in cnprivacy.
"""

from cnprivacy.law.asof import ResolvedValue, next_status_change, status_on, value_on
from cnprivacy.law.loader import INSTRUMENTS_DIR, LawBook, load_lawbook, parse_instrument
from cnprivacy.law.schema import Article, Event, Instrument, Kind, LegalStatus, Parameter

__all__ = [
    "INSTRUMENTS_DIR",
    "Article",
    "Event",
    "Instrument",
    "Kind",
    "LawBook",
    "LegalStatus",
    "Parameter",
    "ResolvedValue",
    "load_lawbook",
    "next_status_change",
    "parse_instrument",
    "status_on",
    "value_on",
]
