"""Mentions: where a source text names places. `sentences` cuts a text into sentences (offsets kept); `spans`
finds the spans that name places and has the place model (`isk_atlas.places`) say what each names."""

from isk_atlas.mentions.sentences import Sentence, SplitText, evidence_sentence, sentence_at, split_sentences
from isk_atlas.mentions.spans import Mention, ToponymIndex, find_mentions, fold, mentions_in, squash

__all__ = [
    "Mention",
    "Sentence",
    "SplitText",
    "ToponymIndex",
    "evidence_sentence",
    "find_mentions",
    "fold",
    "mentions_in",
    "sentence_at",
    "split_sentences",
    "squash",
]
