from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from isk_atlas.errors import InputError
from isk_atlas.sources import (
    content_hash,
    html_fallback_text,
    load_metadata,
    load_source,
    load_sources,
    parse_published,
    source_id_for,
)

ARTICLE = "Rockets were fired from a northern district towards the river.\nA second paragraph follows here.\n"


def test_shared_sources_load(shared_sources: Path) -> None:
    loaded = load_sources(shared_sources)
    assert loaded.problems == []
    assert len(loaded.sources) == 5
    ids = [s.source_id for s in loaded.sources]
    assert ids[0] == "000_6dcb4a9565982ec7"
    by_id = loaded.by_id()
    meta = by_id["002_02b0efcd8147c7fa"].meta
    assert meta.published == dt.date(2023, 3, 1)
    assert meta.published_precision == "month"
    assert meta.publisher == "Hasht-e Subh"
    assert by_id["000_6dcb4a9565982ec7"].meta.published_precision == "day"
    for source in loaded.sources:
        assert len(source.meta.sha256) == 64
        assert "\r" not in source.text


def test_metadata_of_shared_sources(shared_sources: Path) -> None:
    metadata = load_metadata(shared_sources)
    assert set(metadata) == {p.stem for p in shared_sources.glob("0*.txt")}
    assert metadata["001_3dc510abd316d3d7"].published == dt.date(2023, 2, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023", (dt.date(2023, 1, 1), "year")),
        ("2023-03", (dt.date(2023, 3, 1), "month")),
        ("2023-03-16", (dt.date(2023, 3, 16), "day")),
        ("2023-03-16T08:00:00Z", (dt.date(2023, 3, 16), "day")),
        ("", (None, "unknown")),
    ],
)
def test_parse_published(value: str, expected: tuple[dt.date | None, str]) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["March 2023", "2023-13", "2023-02-30"])
def test_parse_published_refuses(value: str) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


def test_source_id_for() -> None:
    assert source_id_for("005_abc.txt") == "005_abc"
    assert source_id_for("my article (copy).html") == "my_article_copy"


def test_encodings(tmp_path: Path) -> None:
    text = "Café owners in Kunduz said “nothing” happened — twice.\n"
    (tmp_path / "a_utf8.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b_utf16.txt").write_bytes(text.replace("Café", "Cafe").encode("utf-16"))  # with BOM
    (tmp_path / "c_cp1252.txt").write_bytes(text.replace("owners", "people").encode("cp1252"))
    (tmp_path / "d_crlf.txt").write_bytes(text.replace("Kunduz", "Takhar").replace("\n", "\r\n").encode("utf-8-sig"))
    loaded = load_sources(tmp_path)
    assert loaded.problems == []
    texts = {s.source_id: s.text for s in loaded.sources}
    assert texts["a_utf8"] == text
    assert texts["b_utf16"].startswith("Cafe owners")
    assert texts["c_cp1252"] == text.replace("owners", "people")
    assert texts["d_crlf"] == text.replace("Kunduz", "Takhar")


def test_duplicates_are_detected(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-16"))
    loaded = load_sources(tmp_path)
    assert [s.source_id for s in loaded.sources] == ["one"]
    assert len(loaded.duplicates) == 1
    assert loaded.duplicates[0].duplicate_of == "one"
    assert loaded.duplicates[0].source_id == "two"
    assert loaded.sources[0].sha256 == content_hash(ARTICLE)


def test_bad_files_are_problems_and_others_load(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "front.md").write_text("---\ntitle: [unclosed\n---\nBody text.\n", encoding="utf-8")
    (tmp_path / "unclosed.md").write_text("---\ntitle: x\nBody text.\n", encoding="utf-8")
    (tmp_path / "badfield.md").write_text("---\ntitel: x\n---\nBody.\n", encoding="utf-8")
    (tmp_path / "baddate.md").write_text("---\npublished: last week\n---\nBody.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    loaded = load_sources(tmp_path)
    assert [s.source_id for s in loaded.sources] == ["good"]
    problems = {Path(p.path or "").name: p for p in loaded.problems}
    assert set(problems) == {"empty.txt", "binary.txt", "front.md", "unclosed.md", "badfield.md", "baddate.md"}
    assert "empty" in problems["empty.txt"].message
    assert "binary" in problems["binary.txt"].message
    assert problems["front.md"].line == 2
    assert "front.md:2" in str(problems["front.md"])
    assert problems["badfield.md"].field == "titel"
    assert problems["baddate.md"].field == "published"


def test_front_matter_and_sidecars(tmp_path: Path) -> None:
    (tmp_path / "fm.md").write_text(
        "---\ntitle: A report\npublisher: Some Desk\npublished: 2022-07\nurl: https://example.org/a\n---\n" + ARTICLE,
        encoding="utf-8",
    )
    (tmp_path / "side.txt").write_text(ARTICLE + "Another line.\n", encoding="utf-8")
    (tmp_path / "side.meta.yaml").write_text("title: Sidecar title\npublished: 2021-09-02\n", encoding="utf-8")
    (tmp_path / "js.txt").write_text(ARTICLE + "Third variant.\n", encoding="utf-8")
    (tmp_path / "js.meta.json").write_text(json.dumps({"author": "A. Writer", "published": "2020"}), encoding="utf-8")
    (tmp_path / "bad.txt").write_text(ARTICLE + "Fourth.\n", encoding="utf-8")
    (tmp_path / "bad.meta.json").write_text('{"title": "x",\n "url": }', encoding="utf-8")
    (tmp_path / "badurl.txt").write_text(ARTICLE + "Fifth.\n", encoding="utf-8")
    (tmp_path / "badurl.meta.yaml").write_text("url: javascript:alert(1)\n", encoding="utf-8")
    loaded = load_sources(tmp_path)
    by_id = loaded.by_id()
    fm = by_id["fm"]
    assert fm.text == ARTICLE  # front matter removed: offsets start at the body
    assert fm.meta.title == "A report"
    assert fm.meta.published == dt.date(2022, 7, 1)
    assert fm.meta.published_precision == "month"
    assert by_id["side"].meta.title == "Sidecar title"
    assert by_id["side"].meta.published_precision == "day"
    assert by_id["js"].meta.author == "A. Writer"
    assert by_id["js"].meta.published_precision == "year"
    problems = {Path(p.path or "").name: p for p in loaded.problems}
    assert problems["bad.meta.json"].line == 2
    assert problems["badurl.meta.yaml"].field == "url"


def test_csv_metadata_and_precedence(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(
        "file,source_id,title,published,published_precision,published_note\n"
        "a.txt,alpha,CSV title,2023-03,,month only\n"
        "b.txt,,B title,2023-03-05,month,printed day is doubtful\n"
        "c.txt,,C title,not a date,,\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("title: Sidecar wins\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + "b\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARTICLE + "c\n", encoding="utf-8")
    problems: list[InputError] = []
    metadata = load_metadata(tmp_path, problems)
    assert set(metadata) == {"alpha", "b"}
    assert metadata["b"].published_precision == "month"  # the explicit column wins over the date's form
    assert len(problems) == 1
    assert problems[0].line == 4
    assert problems[0].field == "published"
    with pytest.raises(InputError, match=r"sources.csv:4"):
        load_metadata(tmp_path)
    loaded = load_sources(tmp_path)
    by_id = loaded.by_id()
    assert by_id["alpha"].meta.title == "Sidecar wins"
    assert by_id["alpha"].meta.published_note == "month only"
    assert "c" in by_id  # the article loads even though its CSV row was bad
    assert any(p.line == 4 for p in loaded.problems)


HTML_PAGE = """<!doctype html><html><head><title>Border report</title>
<style>body { color: red; }</style><script>var tracking = "SCRIPT-MARKER";</script></head>
<body><nav><a href="/">Home</a> <a href="/about">NAV-MARKER</a></nav>
<header>Site banner HEADER-MARKER</header>
<article><h1>Border report</h1>
<p>Several rockets were launched from a district on the southern bank of the river toward the far side.</p>
<p>Local officials said the projectiles landed in open fields and nobody was hurt in the incident.</p>
<p>Security forces later searched nearby villages for the launch crew but made no arrests that day.</p>
</article><footer>Copyright FOOTER-MARKER</footer></body></html>"""


def test_html_main_text(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    source = load_source(tmp_path / "page.html")
    assert "rockets were launched" in source.text
    assert "made no arrests" in source.text
    for marker in ("SCRIPT-MARKER", "NAV-MARKER", "FOOTER-MARKER", "color: red"):
        assert marker not in source.text
    assert source.meta.title == "Border report"


def test_html_fallback_parser() -> None:
    text, title = html_fallback_text(HTML_PAGE)
    assert title == "Border report"
    assert "launched from a district" in text
    assert "SCRIPT-MARKER" not in text and "NAV-MARKER" not in text and "HEADER-MARKER" not in text
    assert "\n\n" in text  # paragraphs stay apart
    body_only, _ = html_fallback_text("<html><body><p>Just &amp; only<br>this</p><script>x()</script></body></html>")
    assert body_only == "Just & only\nthis"


# ---------------------------------------------------------------------------------------------- add-source


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 serving a small site from a temporary folder."""
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    site.mkdir()
    (site / "report.html").write_text(
        HTML_PAGE.replace("<title>", '<meta name="author" content="Desk Writer"><title>'), encoding="utf-8"
    )
    (site / "plain.txt").write_text(ARTICLE, encoding="utf-8")
    (site / "big.txt").write_bytes(b"x" * 6_000_000)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))

    class Quiet(http.server.ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass

    server = Quiet(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *args: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_add_source_url(web_server: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from isk_atlas.cli import app

    folder = tmp_path / "sources"
    runner = CliRunner()
    result = runner.invoke(app, ["add-source", f"{web_server}/report.html", "--sources", str(folder)])
    assert result.exit_code == 0, result.output
    added = Path(result.stdout.strip())
    assert added.name.startswith("000_") and added.suffix == ".txt"
    loaded = load_sources(folder)
    assert loaded.problems == []
    (source,) = loaded.sources
    assert "rockets were launched" in source.text and "NAV-MARKER" not in source.text
    assert source.meta.url == f"{web_server}/report.html"
    assert source.meta.title == "Border report"
    assert "add-source" in source.meta.published_note
    # The same page again is refused as a duplicate; a plain-text page gets the next number.
    again = runner.invoke(app, ["add-source", f"{web_server}/report.html", "--sources", str(folder)])
    assert again.exit_code == 1 and "already" in again.output
    plain = runner.invoke(app, ["add-source", f"{web_server}/plain.txt", "--sources", str(folder)])
    assert plain.exit_code == 0 and Path(plain.stdout.strip()).name.startswith("001_")


def test_add_source_refusals(web_server: str, tmp_path: Path) -> None:
    from isk_atlas.sources import add_source, fetch_url

    folder = tmp_path / "sources"
    with pytest.raises(InputError, match="404"):
        add_source(f"{web_server}/missing.html", folder)
    with pytest.raises(InputError, match="limit"):
        fetch_url(f"{web_server}/big.txt", max_bytes=1_000_000)
    with pytest.raises(InputError, match="http"):
        add_source("ftp://127.0.0.1/file.txt", folder)
    with pytest.raises(InputError, match="no such file"):
        add_source(str(tmp_path / "nothere.txt"), folder)


def test_add_source_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from isk_atlas.cli import app

    article = tmp_path / "mine.md"
    article.write_text("---\ntitle: Mine\n---\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "mine.meta.json").write_text('{"publisher": "Desk"}', encoding="utf-8")
    folder = tmp_path / "sources"
    runner = CliRunner()
    result = runner.invoke(app, ["add-source", str(article), "--sources", str(folder)])
    assert result.exit_code == 0, result.output
    (source,) = load_sources(folder).sources
    assert source.meta.title == "Mine" and source.meta.publisher == "Desk"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    bad = runner.invoke(app, ["add-source", str(empty), "--sources", str(folder)])
    assert bad.exit_code == 1 and "empty.txt" in bad.output


def test_metadata_rows_without_their_article_are_kept_as_metadata_not_errors(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(
        "file,source_id,title,publisher,author,url,published,published_precision,published_note\n"
        "gone.txt,gone,A cited report,Publisher,,https://example.org/a,2023-03,month,\n"
        "here.txt,here,Another,Publisher,,,2023-03-16,day,\n"
    )
    (tmp_path / "here.txt").write_text("ISIS fighters were reported in Takhar.\n")
    loaded = load_sources(tmp_path)
    assert loaded.problems == []
    assert [s.source_id for s in loaded.sources] == ["here"]
    assert [m.source_id for m in loaded.without_text] == ["gone"]
    assert set(loaded.metadata()) == {"gone", "here"}
    assert loaded.metadata()["gone"].title == "A cited report"


def test_metadata_rows_follow_every_change_of_the_file(tmp_path: Path) -> None:
    csv_path = tmp_path / "sources.csv"
    header = "file,source_id,title,url,published\n"
    csv_path.write_text(header + "a.txt,,First,https://example.org/a,2023-03\nb.txt,,Second,,\n", encoding="utf-8")
    first = load_metadata(tmp_path)
    assert first["a"].published == dt.date(2023, 3, 1) and first["a"].published_precision == "month"

    # What the caller does with its records never reaches the next reading.
    first["a"].title = "changed by the caller"
    again = load_metadata(tmp_path)
    assert again["a"].title == "First" and again == load_metadata(tmp_path)
    assert again["a"] is not load_metadata(tmp_path)["a"]
    cited = load_sources(tmp_path).without_text  # rows without their article: the caller's own records too
    cited[0].title = "changed by the caller"
    assert [m.title for m in load_sources(tmp_path).without_text] == ["First", "Second"]

    # A row that changes is read anew (a new title; a url that is now refused, named by its line); a row
    # moved to another line keeps its record, and errors still name the line they are on.
    csv_path.write_text(
        header + "b.txt,,Second,,\na.txt,,Renamed,https://example.org/a,2023-03-02\nc.txt,,Third,javascript:x,\n",
        encoding="utf-8",
    )
    problems: list[InputError] = []
    changed = load_metadata(tmp_path, problems)
    assert changed["a"].title == "Renamed" and changed["a"].published == dt.date(2023, 3, 2)
    assert changed["b"].title == "Second" and "c" not in changed
    assert [(p.line, p.field) for p in problems] == [(4, "url")]
    with pytest.raises(InputError, match=r"sources.csv:4"):
        load_metadata(tmp_path)


def test_a_load_follows_a_new_row_and_a_removed_sidecar(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    sidecar = tmp_path / "a.meta.yaml"
    sidecar.write_text("title: From the sidecar\n", encoding="utf-8")
    assert load_sources(tmp_path).by_id()["a"].meta.title == "From the sidecar"
    sidecar.unlink()
    assert load_sources(tmp_path).by_id()["a"].meta.title == ""
    (tmp_path / "sources.csv").write_text("file,title\na.txt,From the row\n", encoding="utf-8")
    assert load_sources(tmp_path).by_id()["a"].meta.title == "From the row"
    # The same folder named another way (relative to the working directory) loads the same.
    import os

    here = Path.cwd()
    os.chdir(tmp_path.parent)
    try:
        relative = load_sources(Path(tmp_path.name)).by_id()["a"]
    finally:
        os.chdir(here)
    assert relative.meta.title == "From the row"


def test_control_characters_are_counted_as_the_pattern_counts_them() -> None:
    import random

    from isk_atlas.sources.text import _CONTROL, _control_count

    rng = random.Random(3)
    alphabet = [
        "a",
        " ",
        "\n",
        "\t",
        "\r",
        "\x00",
        "\x07",
        "\x0b",
        "\x0c",
        "\x1f",
        "\x7f",
        "\x80",
        "é",
        "ک",
        "€",
        "\U0001f600",
    ]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert _control_count(text) == len(_CONTROL.findall(text)), repr(text)
    assert _control_count("\ud800 lone surrogate \x01") == 1


def test_a_folder_named_like_a_sidecar_is_not_read_as_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.yaml").mkdir()
    (tmp_path / "a.meta.json").write_text('{"title": "From JSON"}', encoding="utf-8")
    loaded = load_sources(tmp_path)
    assert loaded.problems == [] and loaded.by_id()["a"].meta.title == "From JSON"


def test_a_stored_page_keeps_the_store_date_prefix_it_opens_with(tmp_path: Path) -> None:
    from isk_atlas.sources.text import STORE_DATE_PREFIX

    path = tmp_path / "stored.txt"
    path.write_text(" date 2022-05-08 HERAT, Afghanistan: A text of our own follows.\n", encoding="utf-8")
    text = load_source(path).text
    # the prefix stays in the text (offsets count it) and is read as the store's, up to the page's first word
    prefix = re.match(rf"\s*{STORE_DATE_PREFIX}", text)
    assert prefix is not None and prefix.end() == text.index("HERAT")
    assert re.match(STORE_DATE_PREFIX, "date of the attack was unknown") is None
