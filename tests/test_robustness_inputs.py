"""Bad and hostile inputs: each gives a clear error naming its file (and line), and the others still load.

The fixtures are generated into tmp_path by `tests/hostile` (nothing large or binary is committed).
"""

from __future__ import annotations

import csv
import json
import time
import tracemalloc
from pathlib import Path

import pytest
from hostile import (
    GOOD_ARTICLES,
    GOOD_PUBLISHED,
    HTML_BOILERPLATE_TOKENS,
    PWNED_FLAG,
    Expect,
    bad_register_rows,
    hostile_html,
    marker_lines,
    payloads,
    write_bad_inputs,
    write_large_article,
)
from typer.testing import CliRunner

from isk_atlas.cli import app
from isk_atlas.errors import InputError
from isk_atlas.register import RegisterError, load_register, read_register
from isk_atlas.sources import MAX_ARTICLE_BYTES, SourceSet, html_to_text, load_source, load_sources


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expect], SourceSet]:
    folder = tmp_path_factory.mktemp("bad_inputs")
    expected = write_bad_inputs(folder)
    return folder, expected, load_sources(folder)


def _problem_for(result: SourceSet, name: str) -> InputError | None:
    for problem in result.problems:
        if problem.path is not None and Path(problem.path).name.startswith(Path(name).stem):
            return problem
    return None


def _catalogue_names() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        return sorted(write_bad_inputs(Path(scratch)))


@pytest.mark.parametrize("name", _catalogue_names())
def test_each_bad_input_gives_its_expected_outcome(
    bad_folder: tuple[Path, dict[str, Expect], SourceSet], name: str
) -> None:
    folder, expected, result = bad_folder
    expect = expected[name]
    loaded = {source.meta.file: source for source in result.sources}
    if expect.error == "duplicate":
        assert name in {dup.path.name for dup in result.duplicates}, "a duplicate is listed, not silently dropped"
        return
    if expect.error is not None:
        assert name not in loaded
        problem = _problem_for(result, name)
        assert problem is not None, f"no error recorded for {name}: {[str(p) for p in result.problems]}"
        message = str(problem)
        assert str(folder) in message and Path(problem.path or "").stem.startswith(Path(name).stem)
        assert expect.error.lower() in message.lower(), message
        if expect.line is not None:
            assert problem.line == expect.line, message
            assert f":{expect.line}:" in message
        if expect.field is not None:
            assert problem.field == expect.field, message
        return
    assert name in loaded, f"{name} did not load: {_problem_for(result, name)}"
    text = loaded[name].text
    for fragment in expect.text:
        assert fragment in text
    for fragment in expect.absent:
        assert fragment not in text


def test_nothing_is_lost_every_article_is_loaded_refused_or_listed_as_duplicate(
    bad_folder: tuple[Path, dict[str, Expect], SourceSet],
) -> None:
    _, expected, result = bad_folder
    accounted = (
        [s.meta.file for s in result.sources]
        + [Path(p.path or "").name for p in result.problems]
        + [d.path.name for d in result.duplicates]
    )
    # A broken sidecar is reported under its own name; map it back to its article.
    accounted = [name.replace(".meta.json", ".txt") for name in accounted]
    assert sorted(accounted) == sorted(expected), "each file accounted for exactly once"
    for name, text in GOOD_ARTICLES.items():
        source = next(s for s in result.sources if s.meta.file == name)
        assert source.text == text.strip() + "\n" or source.text == text


def test_cp1252_and_utf16_load_as_the_same_text_as_utf8(tmp_path: Path) -> None:
    text = "Fighters of the \u201cIslamic State\u201d met in Kunduz caf\u00e9 \u2013 officials said.\n"
    texts = {}
    for encoding in ("utf-8", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"):
        data = text.encode(encoding)
        if encoding in ("utf-16-le", "utf-16-be"):
            data = ("\ufeff" + text).encode(encoding)  # with a byte-order mark
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(data.replace(b"\n", b"\r\n") if encoding == "cp1252" else data)
        texts[encoding] = load_source(path).text
    assert set(texts.values()) == {text}


def test_html_keeps_main_text_only() -> None:
    text, meta = html_to_text(hostile_html())
    assert "Jurm district of Badakhshan province" in text and "did not comment" in text
    for token in (*HTML_BOILERPLATE_TOKENS, PWNED_FLAG, "<script", "<iframe", "onerror", "onload", "javascript:"):
        assert token not in text
    # trafilatura takes the article's own headline (the h1) over the browser-tab <title>.
    assert meta.get("title") == "Checkpoint attacked"


def test_html_javascript_url_is_dropped_from_the_metadata(
    bad_folder: tuple[Path, dict[str, Expect], SourceSet],
) -> None:
    _, _, result = bad_folder
    source = next(s for s in result.sources if s.meta.file == "hostile.html")
    assert source.meta.url == "", "a javascript: canonical or og:url must never become the source's link"


def test_payloads_in_titles_and_places_load_as_plain_text(
    bad_folder: tuple[Path, dict[str, Expect], SourceSet],
) -> None:
    """Metadata text is data: kept verbatim here and escaped where it reaches HTML (see the map tests)."""
    _, _, result = bad_folder
    source = next(s for s in result.sources if s.meta.file == "hostile_places.txt")
    assert source.meta.title == payloads()[0]
    assert source.meta.publisher == payloads()[1]
    assert source.meta.url.startswith("https://example.org/")
    assert "<script>" not in source.meta.url and '"' not in source.meta.url
    assert source.meta.published is not None and source.meta.published.isoformat() == "2023-03-16"


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("  javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example/x", False),
        ('https://example.org/"onmouseover="alert(1)', False),
        ("https://example.org/<script>", False),
        ("https://example.org/a b", False),
        ("https://example.org/a?x=1&y='2'", True),
        ("HTTPS://EXAMPLE.ORG/A", True),
    ],
)
def test_metadata_url_must_be_a_plain_http_address(tmp_path: Path, url: str, accepted: bool) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"---\ntitle: t\nurl: {json.dumps(url)}\n---\nSome text about Kunduz.\n", encoding="utf-8")
    if accepted:
        assert load_source(path).meta.url == url
        return
    with pytest.raises(InputError) as caught:
        load_source(path)
    assert caught.value.field == "url" and caught.value.line == 3
    assert str(caught.value).startswith(f"{path}:3: url:")


def test_sources_csv_bad_rows_are_errors_and_good_rows_still_apply(tmp_path: Path) -> None:
    for name, text in GOOD_ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    rows = [
        {"file": "good_jurm.txt", "title": payloads()[1], "url": "https://example.org/jurm", "published": "2023-03-16"},
        {"file": "good_hairatan.txt", "url": "javascript:alert(1)", "published": "2022-04-07"},
        {"file": "good_kunduz.txt", "published": "2023-02-30"},
    ]
    with (tmp_path / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "title", "url", "published"])
        writer.writeheader()
        writer.writerows(rows)
    result = load_sources(tmp_path)
    problems = {(Path(p.path or "").name, p.line, p.field) for p in result.problems}
    assert problems == {("sources.csv", 3, "url"), ("sources.csv", 4, "published")}
    by_file = {s.meta.file: s for s in result.sources}
    assert set(by_file) == set(GOOD_ARTICLES), "a bad metadata row never stops its article or the others"
    assert by_file["good_jurm.txt"].meta.title == payloads()[1]
    assert by_file["good_hairatan.txt"].meta.url == ""


def test_front_matter_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 10) + "]")
    path = tmp_path / "bomb.md"
    path.write_text("\n".join([lines[0], *lines[1:], "title: *a11", "---", "Body."]) + "\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        load_source(path)
    assert time.perf_counter() - started < 5
    assert caught.value.path == str(path)
    path.write_text("---\ntitle: *a\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(InputError, match="front matter"):
        load_source(path)
    path.write_text('---\ntitle: &t ["x", *t]\n---\nBody.\n', encoding="utf-8")
    with pytest.raises(InputError, match="single value") as caught:
        load_source(path)
    assert caught.value.line == 2 and caught.value.field == "title"


def test_deeply_nested_sidecar_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text about Kunduz.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Text about Herat.\n", encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_bytes(b"\xff\xfe\x00binary")
    result = load_sources(tmp_path)
    assert sorted(Path(p.path or "").name for p in result.problems) == ["a.meta.json", "b.meta.yaml"]


def test_a_50_mb_article_is_refused_quickly_without_reading_it(tmp_path: Path) -> None:
    for name, text in GOOD_ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    big = write_large_article(tmp_path / "huge.txt", 50 * 1024 * 1024)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = load_sources(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    [problem] = result.problems
    assert problem.path == str(big)
    assert "52428800 bytes" in str(problem) and f"{MAX_ARTICLE_BYTES}-byte limit" in str(problem)
    assert {s.meta.file for s in result.sources} == set(GOOD_ARTICLES)
    # The refusal comes from the file's size: it is never read into memory (50 MB would show in the peak).
    assert peak < 5 * 1024 * 1024, f"peak {peak} bytes"
    assert elapsed < 10
    print(json.dumps({"article_mb": 50, "load_s": round(elapsed, 3), "peak_traced_mb": round(peak / 2**20, 2)}))


def test_an_article_just_under_the_cap_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import isk_atlas.sources.intake as intake

    monkeypatch.setattr(intake, "MAX_ARTICLE_BYTES", 2_000_000)
    path = write_large_article(tmp_path / "long.txt", 1_999_000)
    assert len(load_source(path).text) > 1_900_000
    write_large_article(path, 2_000_001)
    with pytest.raises(InputError, match="2000000-byte limit"):
        load_source(path)


# ---------------------------------------------------------------------------------------------- register


def test_register_rows_with_impossible_values_are_errors_at_their_lines(tmp_path: Path) -> None:
    text, expected = bad_register_rows()
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    events, problems = read_register(path)
    assert {event.event_id for event in events} == {"good-1", "good-2"}
    assert next(e for e in events if e.event_id == "good-2").place_text == f"Jurm <b>{PWNED_FLAG}</b>"
    lines = marker_lines(text)
    for key, (field, fragment) in expected.items():
        matching = [p for p in problems if p.line == lines[key]]
        assert matching, f"{key}: no error at line {lines[key]}; got {[str(p) for p in problems]}"
        problem = matching[0]
        assert problem.field == field and fragment in problem.message, str(problem)
        assert str(problem).startswith(f"{path}:{lines[key]}: {field}:")
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    assert len(caught.value.problems) == len(problems) >= len(expected)


def test_register_that_is_not_yaml_or_not_a_list_is_one_clear_error(tmp_path: Path) -> None:
    cases = {
        "binary.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe",
        "tabs.yaml": b"- event_id: x\n\tevent_type: attack\n",
        "scalar.yaml": b"just a sentence\n",
        "deep.yaml": b"[" * 5000 + b"]" * 5000,
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        events, problems = read_register(path)
        assert events == [] and len(problems) == 1, name
        assert problems[0].path == str(path)


def test_check_register_cli_exits_1_naming_file_and_line(tmp_path: Path) -> None:
    text, _ = bad_register_rows()
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check-register", str(path), "--sources", str(tmp_path)])
    assert result.exit_code == 1
    lines = marker_lines(text)
    assert f"{path}:{lines['bad-lat']}: lat:" in result.stderr
    assert "2 valid events" in result.stdout


# ---------------------------------------------------------------------------------------------- CLI


def test_extract_cli_reports_the_broken_file_and_still_prints_the_good_events(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in GOOD_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "published"])
        writer.writerows(GOOD_PUBLISHED.items())
    (folder / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    (folder / "cp1252.txt").write_bytes(GOOD_ARTICLES["good_jurm.txt"].replace("Jurm", "J\u00fcrm").encode("cp1252"))
    files = sorted(str(path) for path in folder.glob("*.txt"))
    result = CliRunner().invoke(app, ["extract", *files])
    assert result.exit_code == 1
    assert f"error: {folder / 'broken.txt'}: binary file" in result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    cited = {ref["source_id"] for event in events for ref in event["sources"]}
    assert cited == {"good_jurm", "good_hairatan", "good_kunduz", "cp1252"}
    types = {event["sources"][0]["source_id"]: event["event_type"] for event in events}
    assert types["good_hairatan"] == "cross_border_launch" and types["good_kunduz"] == "counter_operation"


def test_register_alias_bomb_is_reported_briefly_not_expanded(tmp_path: Path) -> None:
    lines = [
        "- event_id: bomb",
        "  event_type: attack",
        "  place_text: Kunduz",
        "  sources:",
        "  - source_id: good_kunduz",
        '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ]
    for level in range(1, 10):
        lines.append(f"  a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 10) + "]")
    lines.append("  notes: *a9")
    path = tmp_path / "register.yaml"
    path.write_text("\n".join(lines) + "\n" + GOOD_EVENT_YAML, encoding="utf-8")
    started = time.perf_counter()
    events, problems = read_register(path)
    assert time.perf_counter() - started < 5
    assert [event.event_id for event in events] == ["after-bomb"]
    notes = next(p for p in problems if p.field == "notes")
    # The line of the field or of the anchored value it aliases (a composed alias is the anchored node).
    assert notes.line in (len(lines) - 1, len(lines)) and len(str(notes)) < 1000


GOOD_EVENT_YAML = """\
- event_id: after-bomb
  event_type: presence
  place_text: Kunduz
  sources:
  - source_id: good_kunduz
"""


def test_fresh_hostile_inputs_load_or_fail_cleanly_and_extract(tmp_path: Path) -> None:
    """A corpus generated afresh on every run (new seed): each file loads or is one clear error; extraction holds."""
    import datetime as dt
    import random

    from hostile import fresh_hostile_corpus

    from isk_atlas.events.extract import Extractor

    seed = random.SystemRandom().randrange(10**6)
    outcome = fresh_hostile_corpus(tmp_path, seed=seed, count=12)
    result = load_sources(tmp_path)
    failed = {Path(problem.path or "").name for problem in result.problems}
    kept = {source.meta.file for source in result.sources} | {dup.path.name for dup in result.duplicates}
    for name, loads in outcome.items():
        assert (name in kept) is loads and (name in failed) is not loads, f"seed {seed}: {name}"
    extractor = Extractor()
    for source in result.sources:
        for event in extractor.extract(source.text, source.source_id, dt.date(2023, 3, 16), "day"):
            for ref in event.sources:
                assert ref.start is not None and ref.end is not None and ref.end <= len(source.text), f"seed {seed}"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("javascript:alert(1)", "no such file"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("ftp://example.org/a.txt", "only http:// and https://"),
        ("/etc/passwd", "not an article file"),
    ],
)
def test_add_source_refuses_hostile_targets_without_touching_the_folder(
    tmp_path: Path, target: str, message: str
) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "good_jurm.txt").write_text(GOOD_ARTICLES["good_jurm.txt"], encoding="utf-8")
    result = CliRunner().invoke(app, ["add-source", target, "--sources", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {target}: ") and message in result.stderr
    assert sorted(path.name for path in folder.iterdir()) == ["good_jurm.txt"]


def test_add_source_copies_a_hostile_page_and_refuses_a_binary_one(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    page = tmp_path / "page.html"
    page.write_text(hostile_html(), encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    assert CliRunner().invoke(app, ["add-source", str(page), "--sources", str(folder)]).exit_code == 0
    refused = CliRunner().invoke(app, ["add-source", str(binary), "--sources", str(folder)])
    assert refused.exit_code == 1 and f"{binary}: binary file" in refused.stderr
    [loaded] = load_sources(folder).sources
    assert PWNED_FLAG not in loaded.text and loaded.meta.url == ""


def test_geocode_cli_prints_json_for_hostile_names() -> None:
    result = CliRunner().invoke(app, ["geocode", *payloads()[:4], "Jurm"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["query"] for row in rows] == [*payloads()[:4], "Jurm"]
    assert rows[-1]["admin1"] == "AF-BDS"


@pytest.mark.parametrize(
    ("sidecar", "content", "line"),
    [
        ("a.meta.yaml", "title: fine\npublisher: x\nurl: javascript:alert(1)\n", 3),
        ("a.meta.json", '{\n  "title": "fine",\n  "url": "javascript:alert(1)"\n}\n', 3),
    ],
)
def test_sidecar_javascript_url_is_an_error_at_its_line(tmp_path: Path, sidecar: str, content: str, line: int) -> None:
    (tmp_path / "a.txt").write_text("Text about Kunduz.\n", encoding="utf-8")
    (tmp_path / sidecar).write_text(content, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Text about Herat.\n", encoding="utf-8")
    result = load_sources(tmp_path)
    [problem] = result.problems
    assert str(problem).startswith(f"{tmp_path / sidecar}:{line}: url:")
    assert [source.meta.file for source in result.sources] == ["b.txt"]
