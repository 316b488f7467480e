"""Obligations by topic. Importing this package registers every rule in :data:`REGISTRY`."""

from cnprivacy.rules import (  # noqa: F401  (imported for their registrations)
    ai,
    apps,
    audits,
    blockchain,
    children,
    consumer,
    crossborder,
    facial,
    health,
    incidents,
    minors,
    mlps,
    penalties,
    pipl,
    platform,
    processing_duties,
    security,
)
from cnprivacy.rules.base import REGISTRY, Outcome, RuleContext, RuleSpec, Status, rule

__all__ = ["REGISTRY", "Outcome", "RuleContext", "RuleSpec", "Status", "rule"]
