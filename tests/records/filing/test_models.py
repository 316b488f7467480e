"""The Filing record refuses what cannot be true, naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from cnprivacy.errors import InputError
from cnprivacy.records.filing.models import FilingKind, FilingStatus
from cnprivacy.records.filing.registry import read_filings

from .samples import filing


def test_a_valid_filing_reads_back() -> None:
    f = filing(status="accepted", submitted_on="2026-02-10", decided_on="2026-02-20",
               transfers=["t1"], facts=[{"transfer": "t1", "purpose": "bookings"}])
    assert f.kind is FilingKind.STANDARD_CONTRACT and f.status is FilingStatus.ACCEPTED
    assert f.facts[0].purpose == "bookings"


@pytest.mark.parametrize(("fields", "message"), [
    ({"status": "accepted", "submitted_on": "2026-02-10"}, "decided_on: status accepted"),
    ({"status": "submitted"}, "submitted_on: status submitted"),
    ({"status": "approved", "submitted_on": "2026-03-01", "decided_on": "2026-02-01"},
     "decided_on: is before submitted_on"),
    ({"status": "approved", "decided_on": "2026-02-01", "expires_on": "2026-01-01"},
     "expires_on: is before"),
    ({"transfers": ["t1"], "facts": [{"transfer": "t2"}]}, "does not cover"),
    ({"transfers": ["t1", "t1"]}, "listed twice"),
    ({"extends": "F-0"}, "extends: only for an assessment_extension"),
    ({"kind": "visa"}, "Input should be"),
    ({"colour": "red"}, "Extra inputs"),
])
def test_impossible_filings_are_refused(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        filing(**fields)


def test_a_report_needs_no_decision_day() -> None:
    f = filing(kind="pipo_report", status="accepted", submitted_on="2025-08-20")
    assert f.decided_on is None


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "filings.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_reader_takes_one_a_list_or_a_mapping(tmp_path: Path) -> None:
    one = "id: A\nkind: algorithm\nstatus: planned\n"
    assert [f.id for f in read_filings(_write(tmp_path, one))] == ["A"]
    listed = "- id: A\n  kind: algorithm\n  status: planned\n- id: B\n  kind: pipo_report\n" \
             "  status: planned\n"
    assert [f.id for f in read_filings(_write(tmp_path, listed))] == ["A", "B"]
    mapped = "filings:\n" + "".join("  " + line + "\n" for line in listed.splitlines())
    assert [f.id for f in read_filings(_write(tmp_path, mapped))] == ["A", "B"]


@pytest.mark.parametrize(("text", "field", "problem"), [
    ("- id: A\n  kind: algorithm\n  status: planned\n- id: B\n  kind: algorithm\n  status: lost\n",
     "[1].status", "Input should be"),
    ("filings:\n  - id: A\n    kind: algorithm\n    status: planned\n    number: 1\n",
     "filings[0].number", "string"),
    ("filings: []\nextra: 1\n", "extra", "unknown field"),
    ("- id: A\n  kind: algorithm\n  status: planned\n- id: A\n  kind: algorithm\n  status: planned\n",
     "[1].id", "duplicate id"),
    ("id: A\nid: B\n", None, "twice"),
    ("[]\n", None, "expected a filing"),
    ("- id: A\n  kind: assessment_extension\n  status: planned\n  extends: B\n- id: B\n"
     "  kind: algorithm\n  status: planned\n", "[0].extends", "must name a security assessment"),
])
def test_reader_refuses_the_whole_file_naming_the_field(tmp_path: Path, text: str,
                                                         field: str | None, problem: str) -> None:
    with pytest.raises(InputError) as err:
        read_filings(_write(tmp_path, text))
    line = err.value.one_line()
    assert problem in line and "filings.yaml" in line
    if field:
        assert err.value.field == field


@pytest.mark.parametrize("content", ["id: 甲\n".encode("gbk"), bytes(range(256))])
def test_reader_refuses_non_utf8(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(InputError, match="UTF-8"):
        read_filings(_write(tmp_path, content))


def test_reader_refuses_a_directory_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_filings(tmp_path)
    with pytest.raises(InputError, match="cannot read"):
        read_filings(tmp_path / "absent.yaml")
