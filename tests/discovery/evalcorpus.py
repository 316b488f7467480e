"""Seeded evaluation corpus: Faker zh_CN values, messy formats, hand-made hard negatives.

Used by the accuracy tests and by ``bench/scan_bench.py``. Every PI value carries its gold type:
tabular columns have one gold type (or None for hard-negative columns), text lines carry gold
spans computed while the line is assembled.

The tests read the corpora from ``fixtures/evalcorpus.json.gz``, written once by this module
(``python tests/discovery/evalcorpus.py``): Faker's output changes between releases (40.61 began
generating 149 numbers), so a test corpus generated at test time would change under the tests.
The generator stays for the benchmarks' larger corpora, with Faker pinned by the lock.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdnum import luhn
from stdnum.iso7064 import mod_11_2

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Corpus:
    columns: dict[str, list[str]] = field(default_factory=dict)
    gold_columns: dict[str, str | None] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    gold_spans: list[list[tuple[int, int, str]]] = field(default_factory=list)

    def write_csv(self, path: Path, encoding: str = "utf-8") -> Path:
        names = list(self.columns)
        with open(path, "w", encoding=encoding, newline="") as fh:
            w = csv.writer(fh)
            w.writerow(names)
            w.writerows(zip(*(self.columns[n] for n in names), strict=True))
        return path

    def write_jsonl(self, path: Path) -> Path:
        names = list(self.columns)
        with open(path, "w", encoding="utf-8") as fh:
            for row in zip(*(self.columns[n] for n in names), strict=True):
                fh.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n")
        return path

    def write_text(self, path: Path, encoding: str = "utf-8") -> Path:
        path.write_text("\n".join(self.lines) + "\n", encoding=encoding)
        return path


class _Gen:
    def __init__(self, seed: int) -> None:
        from faker import Faker  # only to regenerate fixtures or build benchmark corpora

        self.r = random.Random(seed)
        self.f = Faker("zh_CN")
        self.f.seed_instance(seed)

    # --- valid PI, sometimes written the messy ways people write it ---------------------------
    def resident_id(self, messy: bool = True) -> str:
        v = self.f.ssn(min_age=1, max_age=90)
        if messy and self.r.random() < 0.1:
            v = v.translate(FULLWIDTH)
        elif messy and self.r.random() < 0.05:
            v = f"{v[:6]} {v[6:14]} {v[14:]}"
        if v.endswith("X") and messy and self.r.random() < 0.5:
            v = v[:-1] + "x"
        return v

    def mobile(self, messy: bool = True) -> str:
        v = self.f.phone_number()
        x = self.r.random() if messy else 1.0
        if x < 0.08:
            return f"{v[:3]} {v[3:7]} {v[7:]}"
        if x < 0.16:
            return f"{v[:3]}-{v[3:7]}-{v[7:]}"
        if x < 0.22:
            return "+86 " + v
        if x < 0.26:
            return v.translate(FULLWIDTH)
        return v

    def landline(self) -> str:
        code = self.r.choice(["010", "021", "020", "022", "0755", "0571", "028", "0512", "027"])
        digits = 8  # these cities' local numbers all have 8 digits
        number = str(self.r.randint(2, 8)) + "".join(str(self.r.randint(0, 9)) for _ in range(digits - 1))
        return f"{code}-{number}" if self.r.random() < 0.7 else code + number

    def bank_card(self) -> str:
        kind = self.r.random()
        if kind < 0.7:
            body = "62" + "".join(str(self.r.randint(0, 9)) for _ in range(self.r.choice([13, 14, 16])))
            v = body + luhn.calc_check_digit(body)
        else:
            v = self.f.credit_card_number(card_type=self.r.choice(["visa", "mastercard"]))
        if self.r.random() < 0.1:
            v = " ".join(v[i:i + 4] for i in range(0, len(v), 4))
        return v

    def email(self) -> str:
        return self.f.email()

    def name(self) -> str:
        return self.f.name()

    def address(self) -> str:
        f = self.f
        return f"{f.province()}{f.city()}{f.district()}区{f.street_address()}"

    def plate(self) -> str:
        return self.f.license_plate()

    def ip(self) -> str:
        return self.f.ipv4_public()

    def passport(self) -> str:
        return "E" + "".join(str(self.r.randint(0, 9)) for _ in range(8))

    # --- hard negatives ------------------------------------------------------------------------
    def bad_check_id(self) -> str:
        v = self.f.ssn()
        good = v[-1]
        wrong = self.r.choice([c for c in "0123456789X" if c != good])
        return v[:-1] + wrong

    def order_number(self) -> str:
        date = f"2024{self.r.randint(1, 12):02d}{self.r.randint(1, 28):02d}"
        return date + "".join(str(self.r.randint(0, 9)) for _ in range(10))

    def non_mobile11(self) -> str:
        return self.r.choice(["10", "11", "12"]) + "".join(
            str(self.r.randint(0, 9)) for _ in range(9))

    def ts13(self) -> str:
        return str(self.r.randint(1_500_000_000_000, 1_800_000_000_000))

    def ts14(self) -> str:
        return (f"20{self.r.randint(15, 26)}{self.r.randint(1, 12):02d}{self.r.randint(1, 28):02d}"
                f"{self.r.randint(0, 23):02d}{self.r.randint(0, 59):02d}{self.r.randint(0, 59):02d}")

    def amount(self) -> str:
        return f"{self.r.randint(1, 99999)}.{self.r.randint(0, 99):02d}"


def _check_digit(body17: str) -> str:
    return mod_11_2.calc_check_digit(body17)


TABLE_COLUMNS: dict[str, str | None] = {
    "姓名": "person_name", "身份证号": "cn_resident_id", "手机": "cn_mobile", "email": "email",
    "银行卡号": "bank_card", "地址": "address", "座机": "cn_landline", "车牌": "license_plate",
    "login_ip": "ip_address", "护照号": "cn_passport",
    # hard negatives: must never be reported as PI columns
    "订单号": None, "bad_id": None, "编号": None, "created_ms": None, "updated_at": None,
    "金额": None,
}


def make_corpus(rows: int = 2000, lines: int = 2000, seed: int = 20260301) -> Corpus:
    """The evaluation corpus: ``rows`` table rows and ``lines`` text lines."""
    g = _Gen(seed)
    c = Corpus()
    makers = {
        "姓名": g.name, "身份证号": g.resident_id, "手机": g.mobile, "email": g.email,
        "银行卡号": g.bank_card, "地址": g.address, "座机": g.landline, "车牌": g.plate,
        "login_ip": g.ip, "护照号": g.passport, "订单号": g.order_number, "bad_id": g.bad_check_id,
        "编号": g.non_mobile11, "created_ms": g.ts13, "updated_at": g.ts14, "金额": g.amount,
    }
    for col, make in makers.items():
        c.columns[col] = [make() for _ in range(rows)]
        c.gold_columns[col] = TABLE_COLUMNS[col]
    for _ in range(lines):
        parts = _line(g)
        text, spans, pos = [], [], 0
        for piece, kind in parts:
            if kind is not None:
                spans.append((pos, pos + len(piece), kind))
            text.append(piece)
            pos += len(piece)
        c.lines.append("".join(text))
        c.gold_spans.append(spans)
    return c


Part = tuple[str, str | None]


def _line(g: _Gen) -> list[Part]:
    r = g.r.random()
    N, M, RID, E = "person_name", "cn_mobile", "cn_resident_id", "email"
    if r < 0.12:
        return [("客户", None), (g.name(), N), ("来电称手机号为", None), (g.mobile(), M),
                ("，身份证", None), (g.resident_id(), RID), ("。", None)]
    if r < 0.24:
        return [("收件人：", None), (g.name(), N), ("，电话：", None), (g.mobile(), M),
                ("，地址：", None), (g.address(), "address"), ("，请尽快派送", None)]
    if r < 0.34:
        return [(g.name(), N), ("的邮箱是", None), (g.email(), E), ("，银行卡号", None),
                (g.bank_card(), "bank_card"), ("。", None)]
    if r < 0.44:
        return [("员工", None), (g.name(), N), ("住在", None), (g.address(), "address"),
                ("，座机", None), (g.landline(), "cn_landline"), ("。", None)]
    if r < 0.52:
        return [("车主", None), (g.name(), N), ("，车牌", None), (g.plate(), "license_plate"),
                ("，登录IP ", None), (g.ip(), "ip_address"), ("，护照", None),
                (g.passport(), "cn_passport")]
    if r < 0.62:
        return [(g.name(), N), (",", None), (g.mobile(), M), (",", None),
                (g.address(), "address"), (",", None), (g.email(), E)]
    if r < 0.70:
        return [("患者", None), (g.name(), N), ("，", None), ("确诊", "health_info"),
                (g.r.choice(["糖尿病", "高血压", "抑郁症", "乙肝"]), "health_info"),
                ("，联系电话", None), (g.mobile(), M)]
    if r < 0.82:
        # hard negatives in text: order numbers, wrong check digits, timestamps, codes
        return [("订单号", None), (g.order_number(), None), ("于", None), (g.ts14(), None),
                ("创建，编号", None), (g.non_mobile11(), None), ("，时间戳", None),
                (g.ts13(), None), ("，核对号", None), (g.bad_check_id(), None),
                ("，金额", None), (g.amount(), None), ("元。", None)]
    if r < 0.88:
        return [("尊敬的", None), (g.name(), N), ("先生，您的验证码是", None),
                (str(g.r.randint(100000, 999999)), None), ("。", None)]
    return [(g.f.sentence(), None)]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_spans(corpus: Corpus, find: object) -> dict[str, Score]:
    """Exact-span scores per type for a ``find(text) -> [(start, end, type)]`` function."""
    scores: dict[str, Score] = {}
    for line, gold in zip(corpus.lines, corpus.gold_spans, strict=True):
        found = set(find(line))  # type: ignore[operator]
        want = set(gold)
        for s in found & want:
            scores.setdefault(s[2], Score()).tp += 1
        for s in found - want:
            scores.setdefault(s[2], Score()).fp += 1
        for s in want - found:
            scores.setdefault(s[2], Score()).fn += 1
    return scores


def score_cells(corpus: Corpus, validate: object) -> dict[str, Score]:
    """Per-type cell scores: each PI column's cells against its own type's validator, and every
    hard-negative cell against every type (any hit is a false positive of that type)."""
    scores: dict[str, Score] = {}
    pi_types = sorted({t for t in corpus.gold_columns.values() if t})
    for col, gold in corpus.gold_columns.items():
        for value in corpus.columns[col]:
            if gold is not None:
                ok = validate(gold, value)  # type: ignore[operator]
                s = scores.setdefault(gold, Score())
                if ok:
                    s.tp += 1
                else:
                    s.fn += 1
            else:
                for t in pi_types:
                    if validate(t, value):  # type: ignore[operator]
                        scores.setdefault(t, Score()).fp += 1
    return scores


def _heldout_line(g: _Gen) -> list[Part]:
    """Templates written after the detectors were first tuned (docs/bench/scan.md says what
    changed after they were first measured)."""
    N, M, RID, A = "person_name", "cn_mobile", "cn_resident_id", "address"
    k = g.r.randrange(12)
    if k == 0:
        return [("您好，我是", None), (g.name(), N), ("，我的快递一直没到，单号", None),
                (g.order_number(), None), ("，麻烦查一下。", None)]
    if k == 1:
        return [("联系人", None), (g.name(), N), ("（", None), (g.mobile(), M),
                ("）反映：寄往", None), (g.address(), A), ("的包裹破损。", None)]
    if k == 2:
        return [("【退款】用户", None), (g.email(), "email"), ("申请退款，收款卡号", None),
                (g.bank_card(), "bank_card"), ("，户名", None), (g.name(), N), ("。", None)]
    if k == 3:
        return [("申请人：", None), (g.name(), N), ("\t身份证：", None), (g.resident_id(), RID),
                ("\t户籍地址：", None), (g.address(), A)]
    if k == 4:
        return [("2025-03-0", None), (str(g.r.randint(1, 9)), None), (" 10:2", None),
                (str(g.r.randint(0, 9)), None), (" INFO login ok uid=", None),
                (str(g.r.randint(100000, 999999)), None), (" ip=", None),
                (g.ip(), "ip_address"), (" phone=", None), (g.mobile(messy=False), M)]
    if k == 5:
        return [("今天天气不错，我们讨论了第", None), (str(g.r.randint(2, 9)), None),
                ("季度的销售计划，预计增长百分之", None), (str(g.r.randint(5, 30)), None),
                ("。", None)]
    if k == 6:
        return [("司机", None), (g.name(), N), ("驾驶", None), (g.plate(), "license_plate"),
                ("于", None), (g.ts14(), None), ("进入停车场。", None)]
    if k == 7:
        return [("请将发票寄到", None), (g.address(), A), ("，", None), (g.name(), N),
                ("收，电话", None), (g.landline(), "cn_landline"), ("。", None)]
    if k == 8:
        return [("家长", None), (g.name(), N), ("为孩子报名，孩子身份证", None),
                (g.resident_id(), RID), ("，家长手机", None), (g.mobile(), M), ("。", None)]
    if k == 9:
        return [("产品编号", None), (g.non_mobile11(), None), ("，批次", None),
                (g.order_number(), None), ("，单价", None), (g.amount(), None),
                ("元，库存充足。", None)]
    if k == 10:
        return [("会议纪要：", None), (g.name(), N), ("、", None), (g.name(), N),
                ("参加了讨论，", None), (g.name(), N), ("负责跟进。", None)]
    return [(g.f.paragraph(nb_sentences=2), None)]


def make_heldout(lines: int = 1000, seed: int = 424242) -> Corpus:
    """Held-out text lines: templates not used while tuning the detectors."""
    g = _Gen(seed)
    c = Corpus()
    for _ in range(lines):
        text, spans, pos = [], [], 0
        for piece, kind in _heldout_line(g):
            if kind is not None:
                spans.append((pos, pos + len(piece), kind))
            text.append(piece)
            pos += len(piece)
        c.lines.append("".join(text))
        c.gold_spans.append(spans)
    return c


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "evalcorpus.json.gz"

# name -> (kind, size arguments, seed): every corpus the tests use, frozen in FIXTURE.
FIXTURE_CORPORA: dict[str, tuple[str, dict[str, int], int]] = {
    "corpus": ("corpus", {"rows": 2000, "lines": 1500}, 7),
    "heldout": ("heldout", {"lines": 800}, 99),
    "deid-300": ("corpus", {"rows": 300, "lines": 300}, 20260301),
    "deid-50": ("corpus", {"rows": 50, "lines": 10}, 20260301),
}


def _to_json(c: Corpus) -> dict[str, Any]:
    return {"columns": c.columns, "gold_columns": c.gold_columns, "lines": c.lines,
            "gold_spans": c.gold_spans}


def _from_json(d: dict[str, Any]) -> Corpus:
    return Corpus(columns=d["columns"], gold_columns=d["gold_columns"], lines=d["lines"],
                  gold_spans=[[(s, e, t) for s, e, t in spans] for spans in d["gold_spans"]])


_loaded: dict[str, Any] | None = None


def load_fixture(name: str) -> Corpus:
    """A frozen corpus by name (see FIXTURE_CORPORA); a fresh object on every call."""
    global _loaded
    if _loaded is None:
        with gzip.open(FIXTURE, "rt", encoding="utf-8") as fh:
            _loaded = json.load(fh)
    return _from_json(_loaded[name])


def write_fixtures() -> None:
    """Regenerate FIXTURE (needs Faker; the corpora then change, so rerun the accuracy tests)."""
    out: dict[str, Any] = {}
    for name, (kind, sizes, seed) in FIXTURE_CORPORA.items():
        made = make_corpus(**sizes, seed=seed) if kind == "corpus" else make_heldout(**sizes, seed=seed)
        out[name] = _to_json(made)
    FIXTURE.parent.mkdir(exist_ok=True)
    # mtime=0 and sorted-free dumps keep the file byte-identical for identical corpora.
    with open(FIXTURE, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


if __name__ == "__main__":
    write_fixtures()
