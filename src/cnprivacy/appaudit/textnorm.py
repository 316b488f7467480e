"""Text extracted from documents, made comparable with the words the checks look for.

PDF producers often map Chinese glyphs to look-alike code points instead of the ideographs: the
Kangxi Radicals block (U+2F00-U+2FDF: ⽤ for 用, ⼈ for 人, ⽹ for 网) and the CJK Radicals
Supplement (U+2E80-U+2EFF: ⻓ for 长, ⻔ for 门). They render the same, but "个⼈信息" does not
contain "个人信息", so a policy read from such a PDF seems to omit what it says. NFKC folds the
Kangxi radicals and fullwidth forms; it folds only two of the supplement's characters, so the rest
come from :data:`SUPPLEMENT_EQUIVALENTS`.
"""

from __future__ import annotations

import unicodedata

# Each pair: a CJK Radicals Supplement character and the unified ideograph that looks the same,
# per the Unicode Character Database's Equivalent_Unified_Ideograph property (U+2E81-U+2EF3;
# U+2E80 and the unassigned U+2E9A have none). Some ideographs lie outside the BMP.
_PAIRS = (
    "⺁厂 ⺂乛 ⺃乚 ⺄乙 ⺅亻 ⺆冂 ⺇𠘨 ⺈刀 ⺉刂 ⺊卜 ⺋㔾 ⺌小 ⺍小 ⺎兀 ⺏尣 ⺐尢 ⺑𡯂 ⺒巳 "
    "⺓幺 ⺔彑 ⺕彐 ⺖忄 ⺗心 ⺘扌 ⺙攵 ⺛旡 ⺜日 ⺝月 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺢氺 ⺣灬 ⺤爫 ⺥爫 "
    "⺦丬 ⺧牛 ⺨犭 ⺩王 ⺪𤴔 ⺫目 ⺬示 ⺭礻 ⺮𥫗 ⺯糹 ⺰纟 ⺱罓 ⺲罒 ⺳㓁 ⺴冗 ⺵𦉫 ⺶羊 ⺷𦍌 "
    "⺸𦍋 ⺹耂 ⺺肀 ⺻聿 ⺼肉 ⺽𦥑 ⺾艹 ⺿艹 ⻀艹 ⻁虎 ⻂衤 ⻃覀 ⻄西 ⻅见 ⻆角 ⻇𧢲 ⻈讠 ⻉贝 "
    "⻊𧾷 ⻋车 ⻌辶 ⻍辶 ⻎辶 ⻏邑 ⻐钅 ⻑長 ⻒镸 ⻓长 ⻔门 ⻕𨸏 ⻖阝 ⻗雨 ⻘青 ⻙韦 ⻚页 ⻛风 "
    "⻜飞 ⻝食 ⻞𩙿 ⻟飠 ⻠饣 ⻡𩠐 ⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 ⻬齐 ⻭歯 "
    "⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟"
)

#: Radical-supplement character -> equivalent unified ideograph.
SUPPLEMENT_EQUIVALENTS: dict[str, str] = {pair[0]: pair[1] for pair in "".join(_PAIRS).split()}
_TRANSLATION = str.maketrans(SUPPLEMENT_EQUIVALENTS)


def normalise_document_text(text: str) -> str:
    """Radical look-alikes to ideographs, then NFKC (fullwidth forms, compatibility characters),
    so that extracted text matches the checks' vocabulary whatever produced the document."""
    text = text.translate(_TRANSLATION)
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)
