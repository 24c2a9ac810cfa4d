"""Hostile and broken inputs, generated into a folder at test time.

Nothing large or binary is committed: every fixture is written by these functions into a pytest `tmp_path`.
The articles are the project's own invented sentences (never text of the real sources). Every script payload
sets `window.<PWNED_FLAG>` or opens a dialog, so a browser test can tell whether any of them ran.
"""

from __future__ import annotations

import codecs
import html
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PWNED_FLAG = "__isk_pwned"

# Invented reports in the style of the sources: each gives the extractor a place, a date and an actor.
GOOD_ARTICLES: dict[str, str] = {
    "good_jurm.txt": (
        "Fighters of the Islamic State Khorasan Province attacked a Taliban checkpoint in Jurm district of "
        "Badakhshan province on Sunday, March 12, 2023, killing five guards, local officials said.\n"
    ),
    "good_hairatan.txt": (
        "Rockets were fired from Hairatan towards Termez in Uzbekistan on April 5, 2022; ISIS-K claimed the "
        "launch in a statement.\n"
    ),
    "good_kunduz.txt": (
        "Taliban forces raided an Islamic State Khorasan hideout in Kunduz city on January 20, 2023, and "
        "arrested three suspected members, a spokesman said.\n"
    ),
}
GOOD_PUBLISHED = {"good_jurm.txt": "2023-03-16", "good_hairatan.txt": "2022-04-07", "good_kunduz.txt": "2023-01-22"}


def payloads(flag: str = PWNED_FLAG) -> list[str]:
    """Strings that would run script if they reached HTML (or a JS string) unescaped."""
    return [
        f"<script>window.{flag}=1</script>",
        f'"><img src=x onerror="window.{flag}=1">',
        f"'><svg onload=window.{flag}=1>",
        f"</script><script>window.{flag}=1;alert(1)</script>",
        f'<iframe src="javascript:parent.{flag}=1"></iframe>',
        f"javascript:window.{flag}=1",
        f"`;window.{flag}=1;//",
        f"';window.{flag}=1;//",
        f'";window.{flag}=1;//',
        f"<a href=\"javascript:window.{flag}=1\">x</a><img src=x onerror=alert('xss')>",
        f"<details open ontoggle=window.{flag}=1>",
        f"${{window.{flag}=1}}",
        f"<!--<script>--><script>window.{flag}=1</script>",
        f"\u202e<b onmouseover=window.{flag}=1>rtl</b>",
        # Jinja syntax: branca compiles rendered output as a template again, so it must arrive as plain text.
        f"{{{{ 7*7 }}}}{{% if 1 %}}<img src=x onerror=window.{flag}=1>{{% endif %}}{{# x #}}",
    ]


def hostile_place_article(flag: str = PWNED_FLAG) -> str:
    """A plain-text article whose place names, actors and figures carry script payloads."""
    lines = []
    for index, payload in enumerate(payloads(flag)):
        lines.append(
            f"Fighters of the Islamic State Khorasan Province attacked {payload} in {payload} district of "
            f"Badakhshan province on March {index + 1}, 2023, killing {index + 2} people, {payload} said."
        )
    lines.append(
        "ISIS-K fighters attacked a checkpoint in Jurm district of Badakhshan province on March 20, 2023, "
        f"killing four guards, officials of <b>{payloads(flag)[1]}</b> said."
    )
    return "\n\n".join(lines) + "\n"


def hostile_front_matter(flag: str = PWNED_FLAG) -> str:
    """Front matter whose title, publisher and author are payloads (allowed as text, to be escaped later)."""
    title, publisher, author = payloads(flag)[0], payloads(flag)[1], payloads(flag)[2]
    return (
        "---\n"
        f"title: {_yaml_quote(title)}\n"
        f"publisher: {_yaml_quote(publisher)}\n"
        f"author: {_yaml_quote(author)}\n"
        "url: https://example.org/a?q=%22%3E%3Cscript%3E&it's=1#x');alert(1)//\n"
        "published: 2023-03-16\n"
        "---\n"
    )


def _yaml_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_html(flag: str = PWNED_FLAG) -> str:
    """A page with scripts, iframes, event handlers and boilerplate around one real paragraph of news."""
    body = GOOD_ARTICLES["good_jurm.txt"].strip()
    return f"""<!doctype html>
<html><head><title>Raid report</title>
<script>window.{flag}=1; alert('head script')</script>
<style>body {{ background: url("javascript:alert(1)") }}</style>
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<link rel="canonical" href="javascript:window.{flag}=1">
<meta property="og:url" content="javascript:window.{flag}=1">
</head>
<body onload="window.{flag}=1">
<nav><a href="javascript:window.{flag}=1">Home</a> | SCRIPTNAVTOKEN</nav>
<iframe src="https://ads.invalid/frame" onload="window.{flag}=1">IFRAMETOKEN</iframe>
<article>
<h1 onmouseover="window.{flag}=1">Checkpoint attacked</h1>
<p onclick="window.{flag}=1">{body}</p>
<script>document.write('SCRIPTBODYTOKEN')</script>
<noscript>NOSCRIPTTOKEN</noscript>
<p>The group <img src=x onerror="window.{flag}=1"> did not comment further on the attack or on the
casualties reported by the officials in the district.</p>
</article>
<footer>FOOTERTOKEN <script>window.{flag}=2</script></footer>
</body></html>
"""


# Tokens that sit only in a hostile page's boilerplate: none may survive into the main text.
HTML_BOILERPLATE_TOKENS = ("SCRIPTNAVTOKEN", "IFRAMETOKEN", "SCRIPTBODYTOKEN", "NOSCRIPTTOKEN", "FOOTERTOKEN")


def binary_bytes(size: int = 4096, seed: int = 7) -> bytes:
    """A PNG signature followed by random bytes with NULs: what a mis-saved image looks like."""
    rng = random.Random(seed)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(size))


CP1252_TEXT = (
    "\u201cThe Taliban\u2019s fighters\u201d raided a house in Kunduz city on January 20, 2023 \u2013 the "
    "caf\u00e9 owner said the Islamic State Khorasan Province cell had three members.\n"
)


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@dataclass(frozen=True)
class Expect:
    """What loading a file must give: an error whose text holds `error` (and the line), or text holding `text`."""

    error: str | None = None
    line: int | None = None
    field: str | None = None
    text: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


def write_bad_inputs(folder: Path, flag: str = PWNED_FLAG) -> dict[str, Expect]:
    """The catalogue of bad inputs (issue 10), each with what loading it must give; plus the good articles."""
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, Expect] = {}
    for name, text in GOOD_ARTICLES.items():
        write_bytes(folder, name, text.encode())
        expect[name] = Expect(text=(text.split(",")[0],))

    write_bytes(folder, "empty.txt", b"")
    expect["empty.txt"] = Expect(error="empty")
    write_bytes(folder, "blank.md", b" \r\n\t\n")
    expect["blank.md"] = Expect(error="empty")
    write_bytes(folder, "binary.txt", binary_bytes())
    expect["binary.txt"] = Expect(error="binary")
    write_bytes(folder, "binary_nonul.txt", bytes(range(1, 9)) * 300 + bytes(range(14, 32)) * 100)
    expect["binary_nonul.txt"] = Expect(error="binary")

    write_bytes(folder, "cp1252.txt", CP1252_TEXT.encode("cp1252"))
    expect["cp1252.txt"] = Expect(text=("\u201cThe Taliban\u2019s", "caf\u00e9", "2023 \u2013 the"))
    utf16 = GOOD_ARTICLES["good_kunduz.txt"].replace("Kunduz city", "Kunduz city (\u06a9\u0646\u062f\u0632)")
    write_bytes(folder, "utf16le.txt", codecs.BOM_UTF16_LE + utf16.replace("\n", "\r\n").encode("utf-16-le"))
    expect["utf16le.txt"] = Expect(text=("Kunduz city (\u06a9\u0646\u062f\u0632)",), absent=("\r", "\ufeff"))
    write_bytes(folder, "utf16be.md", codecs.BOM_UTF16_BE + CP1252_TEXT.replace("three", "four").encode("utf-16-be"))
    expect["utf16be.md"] = Expect(text=("caf\u00e9", "had four members"))
    # The cp1252 article again, as UTF-8 with a BOM: the same normalised text, so listed as a duplicate.
    write_bytes(folder, "utf8bom.txt", codecs.BOM_UTF8 + CP1252_TEXT.encode())
    expect["utf8bom.txt"] = Expect(error="duplicate")
    write_bytes(folder, "url_markup.txt", b'---\nurl: https://example.org/"><script>alert(1)</script>\n---\nText.\n')
    expect["url_markup.txt"] = Expect(error="characters an address cannot", line=2, field="url")

    write_bytes(folder, "hostile.html", hostile_html(flag).encode())
    expect["hostile.html"] = Expect(
        text=("Jurm district", "did not comment"), absent=(*HTML_BOILERPLATE_TOKENS, flag, "<script", "onerror")
    )
    write_bytes(folder, "hostile_places.txt", (hostile_front_matter(flag) + hostile_place_article(flag)).encode())
    expect["hostile_places.txt"] = Expect(text=(payloads(flag)[0], "Jurm district"))

    write_bytes(folder, "js_url.md", f"---\ntitle: fine\nurl: javascript:window.{flag}=1\n---\nSome text.\n".encode())
    expect["js_url.md"] = Expect(error="http", line=3, field="url")
    write_bytes(folder, "data_url.txt", b"---\nurl: '  DATA:text/html,<script>alert(1)</script>'\n---\nText.\n")
    expect["data_url.txt"] = Expect(error="http", line=2, field="url")
    write_bytes(folder, "fm_unclosed.txt", b"---\ntitle: never closed\n\nThe body.\n")
    expect["fm_unclosed.txt"] = Expect(error="never closed", line=1)
    write_bytes(folder, "fm_bad_yaml.md", b"---\ntitle: ok\nauthor: [unclosed\npublished: 2023-03-01\n---\nBody.\n")
    expect["fm_bad_yaml.md"] = Expect(error="front matter")
    write_bytes(folder, "fm_list.txt", b"---\n- a\n- b\n---\nBody.\n")
    expect["fm_list.txt"] = Expect(error="mapping", line=2)
    write_bytes(folder, "fm_unknown.txt", b"---\ntitle: ok\nevil: <script>alert(1)</script>\n---\nBody.\n")
    expect["fm_unknown.txt"] = Expect(error="unknown metadata field", line=3, field="evil")
    write_bytes(folder, "fm_bad_date.txt", b"---\ntitle: ok\npublished: 2023-02-30\n---\nBody.\n")
    expect["fm_bad_date.txt"] = Expect(error="not a valid date", line=3, field="published")
    write_bytes(folder, "fm_only.md", b"---\ntitle: nothing else\n---\n\n")
    expect["fm_only.md"] = Expect(error="no text left")
    write_bytes(folder, "fm_billion_laughs.txt", _billion_laughs())
    expect["fm_billion_laughs.txt"] = Expect(error="unknown metadata field", line=2, field="a")
    write_bytes(folder, "sidecar_bad.txt", b"An article whose sidecar is broken.\n")
    write_bytes(folder, "sidecar_bad.meta.json", b'{"title": "x",\n "url": }\n')
    expect["sidecar_bad.txt"] = Expect(error="malformed JSON", line=2)
    write_bytes(folder, "scripts_only.html", f"<html><script>window.{flag}=1</script><iframe></iframe></html>".encode())
    expect["scripts_only.html"] = Expect(error="no text left")
    return expect


def _billion_laughs() -> bytes:
    """YAML aliases nested to explode on expansion: must be refused, not expanded."""
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for letter in "bcdefghi":
        lines.append(f"{letter}: &{letter} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = letter
    lines += [f"title: *{previous}", "---", "Body text."]
    return ("\n".join(lines) + "\n").encode()


def write_large_article(path: Path, size: int, chunk: int = 1 << 20) -> Path:
    """An article of `size` bytes of plausible text, written in chunks (never held in memory whole)."""
    sentence = GOOD_ARTICLES["good_jurm.txt"].encode()
    block = (sentence * (chunk // len(sentence) + 1))[:chunk]
    with path.open("wb") as handle:
        left = size
        while left > 0:
            handle.write(block[: min(chunk, left)])
            left -= chunk
    return path


# ---------------------------------------------------------------------------------------------- registers

GOOD_EVENT = """\
- event_id: good-1
  event_type: attack
  sub_type: bombing
  date_start: 2023-03-12
  date_end: 2023-03-12
  date_precision: day
  place_text: Jurm district
  admin1: AF-BDS
  country: AFG
  lat: 36.86
  lon: 70.83
  geo_precision: district
  sources:
  - source_id: good_jurm
"""


def bad_register_rows(flag: str = PWNED_FLAG) -> tuple[str, dict[str, tuple[str, str]]]:
    """A register with one good event first and last, and one broken event per kind of problem.

    Returns the YAML and, per broken event id, the (field, message fragment) its error must carry; the error's
    line must be the line where that field is written (the line holding the marker `# <- <id>`).
    """
    rows = [GOOD_EVENT]
    expected: dict[str, tuple[str, str]] = {}

    def add(event_id: str, field: str, fragment: str, body: str, key: str | None = None) -> None:
        marker = f"  # <- {key}" if key else ""
        rows.append(f"- event_id: {event_id}{marker}\n{body}")
        expected[key or event_id] = (field, fragment)

    base = "  place_text: Kunduz\n  sources:\n  - source_id: good_kunduz\n"
    add(
        "bad-date", "date_start", "impossible", f"  event_type: attack\n  date_start: 2023-02-30  # <- bad-date\n{base}"
    )
    add("bad-month", "date_end", "impossible", f"  event_type: attack\n  date_end: 2023-13-01  # <- bad-month\n{base}")
    add("bad-type", "event_type", "unknown event type", f"  event_type: massacre  # <- bad-type\n{base}")
    add(
        "bad-script-type",
        "event_type",
        "unknown event type",
        f'  event_type: "<script>window.{flag}=1</script>"  # <- bad-script-type\n{base}',
    )
    add(
        "bad-sub",
        "sub_type",
        "unknown sub-type",
        f"  event_type: presence\n  sub_type: rocket_fire  # <- bad-sub\n{base}",
    )
    add("bad-lat", "lat", "out of range", f"  event_type: attack\n  lat: 91.5  # <- bad-lat\n  lon: 70.0\n{base}")
    add("bad-lon", "lon", "out of range", f"  event_type: attack\n  lat: 36.0\n  lon: -180.01  # <- bad-lon\n{base}")
    add("bad-nan", "lat", "out of range", f"  event_type: attack\n  lat: .nan  # <- bad-nan\n  lon: 70.0\n{base}")
    add(
        "bad-target",
        "target_lat",
        "out of range",
        f"  event_type: cross_border_launch\n  target_lat: 1.0e+9  # <- bad-target\n  target_lon: 67.0\n{base}",
    )
    add("good-1", "event_id", "duplicate", f"  event_type: presence\n{base}", key="duplicate")
    rows.append(GOOD_EVENT.replace("good-1", "good-2").replace("Jurm district", f"Jurm <b>{flag}</b>"))
    return "".join(rows), expected


def marker_lines(text: str) -> dict[str, int]:
    """The 1-based line of each `# <- id` marker."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if "# <- " in line:
            lines[line.split("# <- ")[1].strip()] = number
    return lines


# ---------------------------------------------------------------------------------------------- fresh inputs


def fresh_hostile_corpus(folder: Path, seed: int, count: int = 8, flag: str = PWNED_FLAG) -> dict[str, bool]:
    """A corpus never seen before: good articles with payloads spliced in at random, and random breakage.

    Returns file name -> whether it must load. Payloads are recombined, case-mangled and entity-mixed from
    `payloads`, so the inputs differ from the fixed catalogue above on every seed.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    outcome: dict[str, bool] = {}
    pieces = payloads(flag)
    goods = list(GOOD_ARTICLES.values())

    def mangled() -> str:
        payload = rng.choice(pieces)
        choice = rng.randrange(4)
        if choice == 0:
            return payload.upper().replace(f"WINDOW.{flag.upper()}", f"window.{flag}")
        if choice == 1:
            return payload.replace("<", "<\u200b" if rng.random() < 0.3 else "<")
        if choice == 2:
            return rng.choice(pieces)[: rng.randrange(4, 30)] + payload
        return payload + "\u0000"[: rng.randrange(0, 1)] + rng.choice(["\u202e", "\u05d0", "\ufeff", ""])

    for index in range(count):
        base = rng.choice(goods)
        words = base.split(" ")
        for _ in range(rng.randrange(1, 4)):
            words.insert(rng.randrange(len(words)), mangled())
        text = " ".join(words)
        kind = rng.randrange(6)
        name = f"fresh_{seed}_{index}"
        if kind == 0:
            meta = f"---\ntitle: {_yaml_quote(mangled())}\npublisher: {_yaml_quote(mangled())}\n---\n"
            write_bytes(folder, f"{name}.md", (meta + text).encode())
            outcome[f"{name}.md"] = True
        elif kind == 1:
            # The article's text is escaped as a real page would carry it; the page's own markup is hostile.
            page = (
                f"<html><body><article><p onclick='window.{flag}=1'>{html.escape(text)}</p>"
                f"<script>window.{flag}=1</script>{rng.choice(pieces)}</article></body></html>"
            )
            write_bytes(folder, f"{name}.html", page.encode())
            outcome[f"{name}.html"] = True
        elif kind == 2:
            encoding = rng.choice(["utf-16", "utf-8-sig", "cp1252"])
            write_bytes(folder, f"{name}.txt", text.encode(encoding, errors="replace"))
            outcome[f"{name}.txt"] = True
        elif kind == 3:
            cut = text.encode()[: rng.randrange(0, 40)]
            write_bytes(folder, f"{name}.txt", b"---\ntitle: [" + cut + b"\n")  # broken front matter
            outcome[f"{name}.txt"] = False
        elif kind == 4:
            write_bytes(folder, f"{name}.txt", binary_bytes(rng.randrange(64, 2048), seed=seed + index))
            outcome[f"{name}.txt"] = False
        else:
            write_bytes(folder, f"{name}.txt", text.encode())
            outcome[f"{name}.txt"] = True
    return outcome


def iter_payload_strings(flag: str = PWNED_FLAG) -> Iterator[str]:
    yield from payloads(flag)
