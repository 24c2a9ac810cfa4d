from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isk_atlas.register import read_register
from isk_atlas.workbench import Workbench, _place_like_names
from tests.conftest import ROOT

NEW_ARTICLE = (
    "Test wire report\n\nOn Sunday, May 19, 2024, a suicide bomber attacked a checkpoint in Asadabad, the capital of "
    "Kunar province, killing seven people. The Islamic State Khorasan Province claimed responsibility. Residents "
    "of Zzyzxabad district fled.\n"
)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def bench(tmp_path: Path) -> Workbench:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "900_test.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    register = tmp_path / "register.yaml"
    shutil.copy(ROOT / "data" / "register.yaml", register)
    return Workbench(sources_dir=sources, register_path=register, out_dir=tmp_path / "out")


def test_sources_table_of_the_five_articles(shared_sources: Path, tmp_path: Path) -> None:
    table = Workbench(sources_dir=shared_sources, out_dir=tmp_path).sources_table()
    assert len(table) == 5
    assert table["text at hand"].all()
    assert table.loc[table["source_id"] == "002_02b0efcd8147c7fa", "publisher"].item() == "Hasht-e Subh"


def test_embedded_data_lists_sources_without_text(tmp_path: Path) -> None:
    table = Workbench(out_dir=tmp_path).sources_table()
    assert len(table) == 5
    assert not table["text at hand"].any()


def test_broken_article_is_listed_and_the_others_load(bench: Workbench) -> None:
    (bench.sources_dir / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff")
    problems = bench.source_problems()
    assert any("broken.txt" in str(f) for f in problems["file"])
    assert list(bench.sources_table()["source_id"]) == ["900_test"]


def test_new_sources_until_the_run_is_remembered(bench: Workbench) -> None:
    assert list(bench.new_sources()["status"]) == ["new"]
    bench.remember_run()
    bench.refresh()
    assert bench.new_sources().empty
    (bench.sources_dir / "900_test.txt").write_text(NEW_ARTICLE + "More.\n", encoding="utf-8")
    bench.refresh()
    assert list(bench.new_sources()["status"]) == ["changed"]


def test_place_like_names_skip_months_groups_and_titles() -> None:
    text = "Fighting in Khogyani and near Spin Boldak. In March the Taliban met in Kabul; Mawlawi Omar spoke."
    names = [name for _, _, name in _place_like_names(text)]
    assert "Khogyani" in names
    assert "Spin Boldak" in names
    assert "March" not in names and "Taliban" not in names and "Mawlawi Omar" not in names


def test_places_and_unresolved_names(bench: Workbench) -> None:
    places = bench.places_table()
    asadabad = places[places["as written"] == "Asadabad"]
    assert asadabad["admin1"].tolist() == ["AF-KNR"]
    unresolved = bench.unresolved_table(places)
    row = unresolved[unresolved["as written"] == "Zzyzxabad"]
    assert row["why listed"].tolist() == ["not in the gazetteer"]
    assert "Asadabad" not in set(unresolved["as written"])


def test_review_queue_shows_extracted_events_with_evidence(bench: Workbench) -> None:
    queue = bench.review_queue()
    attack = queue[(queue["event_type"] == "attack") & (queue["admin1"] == "AF-KNR")]
    assert len(attack) == 1
    assert "Asadabad" in attack["evidence"].item()


def test_accept_and_reject_write_the_register(bench: Workbench) -> None:
    queue = bench.review_queue()
    accepted = queue[queue["event_type"] == "attack"]["event_id"].iloc[0]
    others = [e for e in queue["event_id"] if e != accepted]
    decisions: dict[str, object] = {accepted: "accept", **{e: "reject" for e in others}}
    done = bench.decide(decisions)  # type: ignore[arg-type]
    assert set(done["event_id"]) == set(decisions)
    register, problems = read_register(bench.register_path)
    assert problems == []
    by_id = {e.event_id: e for e in register}
    assert by_id[accepted].status == "confirmed"
    assert all(by_id[e].status == "rejected" for e in others)
    # Rejected events never come back; the accepted one is now a register event.
    assert bench.review_queue().empty
    assert {e.event_id for e in bench.events()} >= {accepted}
    assert not set(others) & {e.event_id for e in bench.events()}


def test_unknown_event_in_decisions_is_refused(bench: Workbench) -> None:
    from isk_atlas.errors import InputError

    with pytest.raises(InputError, match="no-such-event"):
        bench.decide({"no-such-event": "accept"})
