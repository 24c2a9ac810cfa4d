"""Review decisions: written at once through the register, undone, and never lost between two processes."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from pydantic import ValidationError

from isk_atlas.register import read_register, save_register
from isk_atlas.review.decisions import ReviewRegister, UndoError
from isk_atlas.schema import Event


def _proposed(n: int, prefix: str = "p") -> Event:
    return Event(
        event_id=f"{prefix}-{n}",
        event_type="attack",
        sub_type="bombing",
        place_text="Asadabad",
        admin1="AF-KNR",
        country="AFG",
        sources=[{"source_id": "900_test", "start": 0, "end": 10}],
    )


def _statuses(path: Path) -> dict[str, str]:
    events, problems = read_register(path)
    assert problems == []
    return {event.event_id: event.status for event in events}


def test_accept_reject_and_save_write_the_register_at_once(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    save_register([_proposed(0, "kept")], path)
    register = ReviewRegister(path)
    register.accept(_proposed(1))
    assert _statuses(path) == {"kept-0": "extracted", "p-1": "confirmed"}, "written by the click, not later"
    register.reject(_proposed(2))
    edited = register.save(_proposed(3), {"admin1": "AF-NAN", "killed_low": 2, "killed_high": 4})
    assert _statuses(path) == {"kept-0": "extracted", "p-1": "confirmed", "p-2": "rejected", "p-3": "edited"}
    events, _ = read_register(path)
    stored = next(e for e in events if e.event_id == "p-3")
    assert (stored.admin1, stored.killed_low, stored.killed_high) == ("AF-NAN", 2, 4)
    assert edited.event == stored
    assert "confirmed: p-1 written to register.yaml" in register.history[0].describe()


def test_bad_edit_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    register = ReviewRegister(path)
    register.accept(_proposed(1))
    before = path.read_text()
    with pytest.raises(ValidationError):
        register.save(_proposed(2), {"killed_low": 9, "killed_high": 3})
    assert path.read_text() == before
    assert len(register.history) == 1


def test_undo_puts_back_what_the_register_held(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    save_register([_proposed(1)], path)
    register = ReviewRegister(path)
    register.reject(_proposed(1))
    register.accept(_proposed(2))
    assert register.undo().event_id == "p-2"
    assert _statuses(path) == {"p-1": "rejected"}, "a new event is removed again"
    assert register.undo().event_id == "p-1"
    assert _statuses(path) == {"p-1": "extracted"}, "an event the register had gets its old state back"
    with pytest.raises(UndoError, match="nothing to undo"):
        register.undo()


def test_undo_refuses_to_lose_another_writers_decision(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    mine, theirs = ReviewRegister(path), ReviewRegister(path)
    mine.accept(_proposed(1))
    theirs.reject(_proposed(1))
    with pytest.raises(UndoError, match="changed"):
        mine.undo()
    assert _statuses(path) == {"p-1": "rejected"}


def test_a_broken_register_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text("- event_id: x\n  event_type: nonsense\n", encoding="utf-8")
    with pytest.raises(Exception, match="problem"):
        ReviewRegister(path).accept(_proposed(1))
    assert path.read_text() == "- event_id: x\n  event_type: nonsense\n"


def test_papermill_words(tmp_path: Path) -> None:
    register = ReviewRegister(tmp_path / "register.yaml")
    assert register.apply(_proposed(1), "accept").status == "confirmed"
    assert register.apply(_proposed(2), "reject").status == "rejected"
    assert register.apply(_proposed(3), {"notes": "checked"}).status == "edited"
    with pytest.raises(ValueError, match="'accept', 'reject'"):
        register.apply(_proposed(4), "maybe")


DECISIONS_EACH = 25


def _decide_many(path: str, prefix: str, start: multiprocessing.synchronize.Event) -> None:
    register = ReviewRegister(Path(path))
    start.wait()
    for n in range(DECISIONS_EACH):
        register.accept(_proposed(n, prefix)) if n % 2 else register.reject(_proposed(n, prefix))


def test_two_processes_writing_at_once_lose_no_decision(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    save_register([_proposed(0, "kept")], path)
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    writers = [context.Process(target=_decide_many, args=(str(path), prefix, start)) for prefix in ("k1", "k2")]
    for writer in writers:
        writer.start()
    start.set()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    statuses = _statuses(path)
    assert len(statuses) == 1 + 2 * DECISIONS_EACH
    for prefix in ("k1", "k2"):
        for n in range(DECISIONS_EACH):
            assert statuses[f"{prefix}-{n}"] == ("confirmed" if n % 2 else "rejected")
    assert not list(tmp_path.glob(".register.yaml.*.yaml")), "no temporary file is left behind"
