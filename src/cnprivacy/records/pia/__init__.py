"""Personal information protection impact assessments (PIPL arts 55-56; GB/T 39335-2020).

Pure logic: the art 55 triggers of an activity (``triggers``), the draft from the register
(``draft``), the standard's grading with the risk matrix from the law data (``grading``), the
workflow draft -> reviewed -> approved over any ``VersionStore`` (``book``), keep-until and
review deadlines (``deadlines``) and the report (``document``, ``templates/``). No database or
CLI imports. This package offers the record's types; ``cnprivacy.records`` offers the API.
(The package stays light: ``records.kinds`` imports the model, and ``book`` needs ``kinds``.)
"""

from cnprivacy.records.pia.levels import ImpactLevel, LikelihoodLevel
from cnprivacy.records.pia.models import Judgement, Pia, PiaStatus, Trigger, TriggerKind

__all__ = ["ImpactLevel", "Judgement", "LikelihoodLevel", "Pia", "PiaStatus", "Trigger",
           "TriggerKind"]
