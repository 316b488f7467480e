"""The cross-border decision's lines and citations in the reader's language.

The decision (``rules.crossborder``) writes its reasons and citations in English, the way the
CLI's JSON gives them; a Chinese page shows the same lines through the trace catalogue
(``rules.reasons.TRACE_ZH``, the engine's own threshold lines) and each citation as the law data
names the instrument and article in Chinese. A line the catalogue does not know keeps its English
(the caller marks it so), so a reworded rule degrades to English rather than to a wrong
translation.
"""

from __future__ import annotations

import re

from cnprivacy.engine.summary import catalogue_line, citation_of, zh_trace_line
from cnprivacy.law import LawBook

# ``Decider.cite``: "{short} art. {article} — {name_zh}[ {document number}]", or
# "{short} ({named part}) — …" for an instrument whose parts are named rather than numbered.
_CITE = re.compile(r"^(?P<short>.+?) (?:art\. (?P<art>\S+)|\((?P<part>[^()]+)\)) — ")


def line(text: str, lang: str) -> tuple[str, str]:
    """One reason of the decision as (text, language of the text). The catalogue comes first:
    it also knows the threshold lines of the original regime, whose boundary is a reading
    rather than a word of the text, which the engine's general threshold line leaves in
    English."""
    if lang == "zh":
        zh = catalogue_line(text) or zh_trace_line(text, "")
        if zh is not None:
            return zh, "zh"
    return text, "en"


def citation(law: LawBook, text: str, lang: str) -> str:
    """One citation of the decision in ``lang``: in Chinese, 《instrument》 and its article as the
    law data writes them, then the document number; unchanged when it names no instrument."""
    m = _CITE.match(text)
    if lang != "zh" or m is None:
        return text
    short = m["short"]
    inst = next((i for i in law if i.short == short), None)
    if inst is None:
        return text
    label = citation_of(law, inst.id, m["art"] or m["part"]).label("zh")
    return f"{label} {inst.document_number}" if inst.document_number else label
