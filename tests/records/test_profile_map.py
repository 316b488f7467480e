"""Register and profile stay consistent: the example profile round-trips exactly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cnprivacy.profile import DataCategory, LegalBasis, load_profile, profile_hash, validate
from cnprivacy.profile.loader import read_raw
from cnprivacy.profile.models import ProcessingActivity
from cnprivacy.records.models import Activity
from cnprivacy.records.profile_map import from_profile, profile_processing, to_profile

from .samples import membership

EXAMPLE = Path(__file__).parents[2] / "examples" / "shenzhen-travel.yaml"


def test_every_example_activity_round_trips() -> None:
    profile = load_profile(EXAMPLE)
    assert profile.processing
    for item in profile.processing:
        assert to_profile(from_profile(item, None)) == item


def test_the_exported_profile_is_the_same_profile() -> None:
    profile = load_profile(EXAMPLE)
    register = [from_profile(p, None) for p in profile.processing]
    data, _ = read_raw(EXAMPLE)
    data["processing"] = profile_processing(register, [p.id for p in profile.processing])
    assert profile_hash(validate(data, "exported")) == profile_hash(profile)


def test_register_facts_survive_an_import_from_the_profile() -> None:
    current = membership()
    item = to_profile(current).model_copy(update={"purpose": "new purpose"})
    merged = from_profile(item, current)
    assert merged.purpose == "new purpose"
    assert merged.recipients == current.recipients and merged.systems == current.systems


def test_flags_follow_the_recipients_when_not_stated() -> None:
    act = membership()  # one entrusted recipient, flags unset
    out = to_profile(act)
    assert (out.entrusts_processing, out.provides_to_third_parties, out.publicly_discloses) == \
        (True, False, False)
    assert out.retention_defined is True
    unknown = to_profile(Activity(id="x"))
    assert unknown.entrusts_processing is None and unknown.retention_defined is None


def test_register_order_follows_the_profile_then_ids() -> None:
    acts = [membership(id="b"), membership(id="a"), membership(id="c")]
    assert [p["id"] for p in profile_processing(acts, ["c", "b"])] == ["c", "b", "a"]


def test_retired_activities_leave_the_profile() -> None:
    acts = [membership(), membership(id="old", status="retired")]
    assert [p["id"] for p in profile_processing(acts)] == ["membership"]


_flag = st.none() | st.booleans()


@st.composite
def _profile_activities(draw: st.DrawFn) -> ProcessingActivity:
    flags = {name: draw(_flag) for name in (
        "automated_decision_making", "provides_to_third_parties", "publicly_discloses",
        "entrusts_processing", "personalised_push_or_marketing", "health_data_shanghai",
        "notice_given", "retention_defined")}
    return ProcessingActivity(
        id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)),
        purpose=draw(st.none() | st.text(min_size=1, max_size=30)),
        data_categories=draw(st.lists(st.sampled_from(list(DataCategory)), unique=True)),
        legal_basis=draw(st.none() | st.sampled_from(list(LegalBasis))),
        individuals=draw(st.none() | st.integers(min_value=0, max_value=10**9)), **flags)


@given(_profile_activities())
def test_any_profile_activity_round_trips(item: ProcessingActivity) -> None:
    assert to_profile(from_profile(item, None)) == item
