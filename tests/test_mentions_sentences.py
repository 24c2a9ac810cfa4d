from __future__ import annotations

from pathlib import Path

from isk_atlas.mentions import evidence_sentence, split_sentences
from isk_atlas.mentions import sentences as sentences_module


def test_sentences_keep_offsets() -> None:
    text = "Gen. Smith spoke in the U.S. on Monday. Then he left!\nA heading\nAnother line ends. Last one"
    sentences = split_sentences(text)
    pieces = [s.text(text) for s in sentences]
    assert pieces == ["Gen. Smith spoke in the U.S. on Monday.", "Then he left!", "A heading", "Another line ends.",
                      "Last one"]  # fmt: skip
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2, 2]


def test_hard_wrapped_lines_are_joined() -> None:
    text = "The minister said on Wednesday,\nFebruary 15, that the army was ready to respond to\nthreats. Next."
    assert split_sentences(text)[0].text(text).endswith("respond to\nthreats.")


def test_lines_of_a_text_not_hard_wrapped_end_their_sentences() -> None:
    """A page store writes each paragraph on a line: a line cut short or a heading without a stop ends there."""
    paragraph = (
        "Police said the raid on the compound lasted several hours and that two suspects were held at a police "
        "station there."
    )
    cut = "The operation followed weeks of surveillance by the intelligence service in the city of"
    heading = "Rockets hit the capital as talks open in another country"
    text = f"{paragraph}\n{cut}\n{heading}\nOfficials gave no figures for the wounded in the northern districts.\n"
    assert not sentences_module.is_hard_wrapped(text)
    pieces = [s.text(text) for s in split_sentences(text)]
    assert pieces[1:3] == [cut, heading]
    # ... but a line ending in a comma, or followed by one going on in lower case, goes on
    text = f"{paragraph}\nThe operation followed weeks of surveillance,\nofficials said.\n{paragraph}"
    second = split_sentences(text)[1].text(text)
    assert second == "The operation followed weeks of surveillance,\nofficials said."
    # a hard-wrapped text with one long line stays wrapped
    wrapped = "\n".join(["The minister said on Wednesday that the army was ready to respond"] * 6 + [paragraph])
    assert sentences_module.is_hard_wrapped(wrapped)


def test_shared_sources_sentences(shared_sources: Path) -> None:
    text = (shared_sources / "001_3dc510abd316d3d7.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert 20 < len(sentences) < 60
    # Hard-wrapped lines do not cut sentences: after the title, only short headings end without punctuation.
    cut = [s for s in sentences[1:] if s.text(text)[-1] not in '.!?"”' and len(s.text(text)) > 60]
    assert cut == []


def test_evidence_sentence_is_the_whole_sentence_holding_the_span() -> None:
    text = "A title\nFirst sentence here. Rockets were fired from Takhar\ninto Tajikistan on Sunday. Last one."
    start = text.index("Takhar")
    assert evidence_sentence(text, start, start + 6) == "Rockets were fired from Takhar into Tajikistan on Sunday."
    assert evidence_sentence(text, None, None) == ""
    assert evidence_sentence(text, 8, 13, max_chars=10) == "First sen…"


def test_sentence_splitting_reads_the_word_before_a_stop_as_the_regex_does() -> None:
    """`_word_before_stop` walks characters where `_LAST_WORD` searched a window: same word on random texts."""
    import random

    rng = random.Random(11)
    alphabet = ["a", "b", "U", "S", "é", "_", "1", ".", ".", ".", "!", "?", '"', "”", ")", "]", " ", " ", "\n", "-"]
    compared = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) + " "
        start = rng.randint(0, 10)
        for match in sentences_module._SENTENCE_END.finditer(text):
            if match.start() < start or text[match.start()] != ".":
                continue
            window = max(start, match.end() - 40)
            expected = sentences_module._LAST_WORD.search(text, window, match.end())
            assert expected is not None
            assert sentences_module._word_before_stop(text, match.start(), window) == expected.group(1), (text, start)
            compared += 1
    assert compared > 1000


def test_a_text_split_once_gives_each_spans_sentence() -> None:
    from isk_atlas.mentions import SplitText

    text = "A blast hit the market. Police said two died.\n\nLater, gunmen fired on a post."
    split = SplitText.of(text)
    assert len(split.sentences) == 3
    for word in ("market", "Police", "gunmen"):
        start = text.index(word)
        assert split.evidence(start, start + len(word)) == evidence_sentence(text, start, start + len(word))
    assert split.evidence(text.index("market"), text.index("two")) == "A blast hit the market. Police said two died."
    assert split.evidence(None, 3) == ""
    assert SplitText.of("").evidence(0, 1) == ""
