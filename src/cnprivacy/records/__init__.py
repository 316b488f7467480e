"""The compliance record, pure logic: the processing register's models, validation, history,
import from scan reports and the profile, exports. No database or CLI imports here: storage is
behind :class:`~cnprivacy.records.register.VersionStore` (``cnprivacy.store.records`` for
databases, :class:`~cnprivacy.records.register.MemoryStore` for tests)."""

from cnprivacy.records.models import Activity, Recipient, RecipientRole, Version
from cnprivacy.records.register import MemoryStore, Register, VersionStore

__all__ = ["Activity", "MemoryStore", "Recipient", "RecipientRole", "Register", "Version",
           "VersionStore"]
