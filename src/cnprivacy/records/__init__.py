"""The compliance record, pure logic: the processing register's models, validation, history,
import from scan reports and the profile, exports, and the impact assessments (``records.pia``).
No database or CLI imports here: storage is behind
:class:`~cnprivacy.records.register.VersionStore` (``cnprivacy.store.records`` for databases,
:class:`~cnprivacy.records.register.MemoryStore` for tests)."""

from cnprivacy.records.kinds import KIND_PIA
from cnprivacy.records.models import Activity, Recipient, RecipientRole, Version
from cnprivacy.records.pia.book import Assessments
from cnprivacy.records.pia.deadlines import pia_deadlines
from cnprivacy.records.pia.document import render as render_pia
from cnprivacy.records.pia.edit import read_edit as read_pia_edit
from cnprivacy.records.pia.grading import grade as grade_pia
from cnprivacy.records.pia.models import Pia, PiaStatus
from cnprivacy.records.pia.triggers import activity_triggers
from cnprivacy.records.register import MemoryStore, Register, VersionStore

__all__ = ["KIND_PIA", "Activity", "Assessments", "MemoryStore", "Pia", "PiaStatus", "Recipient",
           "RecipientRole", "Register", "Version", "VersionStore", "activity_triggers",
           "grade_pia", "pia_deadlines", "read_pia_edit", "render_pia"]
