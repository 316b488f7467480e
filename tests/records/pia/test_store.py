"""Assessments in the database beside the register: SQLite and PostgreSQL, the same history."""

from __future__ import annotations

import pytest

from cnprivacy.records import Assessments, Register
from cnprivacy.records.pia.edit import parse_edit
from cnprivacy.store.records import init_store, open_store

from ..samples import membership
from .helpers import AS_OF, LAW, NOW, full_edit


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_round_trip_through_the_database(db_url: str) -> None:
    store = init_store(db_url)
    register = Register(store)
    register.save([membership(data_categories=["identity", "financial_account"],
                              sensitive_individuals=900)], "dpo", now=NOW)
    book = Assessments(store)
    found = register.get("membership")
    assert found is not None
    pia_id = book.new(found, LAW, AS_OF, "dpo", now=NOW).pia.id
    book.edit(pia_id, parse_edit(full_edit(next_review_on="2027-01-15"), "j.yaml"), "dpo",
              now=NOW)
    book.review(pia_id, "legal", now=NOW)
    approved = book.approve(pia_id, "officer", LAW, now=NOW).pia

    again = Assessments(open_store(db_url))
    assert again.get(pia_id).data == approved
    assert [v.data.status.value for v in again.history(pia_id)] == [
        "draft", "draft", "reviewed", "approved"]
    # The register's own kind is untouched by the assessments beside it.
    assert list(Register(open_store(db_url)).versions()) == ["membership"]
    assert list(again.latest()) == [pia_id]
