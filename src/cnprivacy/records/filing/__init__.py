"""Filings and reports the company made or owes. Pure logic, in modules named for what they hold:

- ``models``: :class:`Filing` (kind, status, dates, number, what it covers, facts as filed);
- ``kinds``: each kind's instrument, article and the law-data parameters of its periods;
- ``registry``: the registry over the record's :class:`~cnprivacy.records.register.VersionStore`
  (kind ``filing``) and the strict file reader;
- ``deadlines``: ``filing_deadlines`` (filing due, expiry, renewal window, next report);
- ``triggers``: ``refiling_triggers`` (Decree 11 art 14, Decree 13 art 8);
- ``state``: ``assess_on_record``, ``assess`` on the state the filings leave.

Only the models are imported here: the record's kinds table needs them, and the rest imports
the record's storage protocol and the engine.
"""

from cnprivacy.records.filing.models import FiledTransfer, Filing, FilingKind, FilingStatus

__all__ = ["FiledTransfer", "Filing", "FilingKind", "FilingStatus"]
