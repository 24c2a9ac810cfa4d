"""How far two coders of the real-news corpus agree (issue 17), scored with the project's own evaluator.

    python -m benchmarks.agreement data/realdev [--coder-b data/realdev/agreement/coder_b.yaml] [--no-extractor]

Coder A is the corpus gold (`gold.yaml`), coder B a second, blind coding of a sample of dev articles. The sample is
chosen by rule: the manifest's `dev` rows sorted by `source_id`, every 5th row starting with the 2nd, the first 24
of them. Both directions are scored with `isk_atlas.evaluate.evaluate` (match on source + event type + province, or
country far abroad; dates within two days; casualties), each restricted to the sample on both sides: B as
proposals against A as gold, and A against B. The extractor is scored on the same articles against A (and B) for
comparison. Printed: the numbers, then per article the events only one coder has (id, type, place, date), never
article text.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from isk_atlas.evaluate import Evaluation, evaluate, load_corpus, load_gold
from isk_atlas.schema import Event

SAMPLE_SIZE = 24
SAMPLE_STEP = 5
SAMPLE_FIRST = 1  # 0-based: the 2nd row
WINDOW_DAYS = 2  # as evaluate-corpus scores the corpus


def sample_ids(
    manifest: Path, size: int = SAMPLE_SIZE, step: int = SAMPLE_STEP, first: int = SAMPLE_FIRST
) -> list[str]:
    """The sample: dev rows sorted by source_id, every `step`-th from the `first`-th (0-based), `size` of them."""
    with manifest.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if (row.get("split") or "dev").strip() == "dev"]
    ids = sorted((row.get("source_id") or row.get("id") or "").strip() for row in rows)
    return ids[first::step][:size]


def _citing(events: Iterable[Event], ids: set[str]) -> list[Event]:
    return [event for event in events if set(event.source_ids) & ids]


@dataclass
class Agreement:
    """Coder B scored against coder A and A against B, on the same articles."""

    b_vs_a: Evaluation  # B as proposals, A as gold
    a_vs_b: Evaluation  # A as proposals, B as gold


def score_agreement(
    coder_a: Sequence[Event], coder_b: Sequence[Event], source_ids: Iterable[str], window_days: int = WINDOW_DAYS
) -> Agreement:
    """Both directions of agreement on `source_ids`; events citing other articles are left out on both sides."""
    ids = set(source_ids)
    a, b = _citing(coder_a, ids), _citing(coder_b, ids)
    return Agreement(
        b_vs_a=evaluate(b, a, window_days=window_days, source_ids=ids),
        a_vs_b=evaluate(a, b, window_days=window_days, source_ids=ids),
    )


def summary(name: str, result: Evaluation) -> list[str]:
    """The aggregate lines of one scoring: counts, precision, recall, F1 and per-field accuracies."""
    lines = [
        f"{name}: proposed {result.proposed} ({result.matched} match), gold {result.gold} ({result.gold_found} found)",
        f"  precision {result.precision:.3f}  recall {result.recall:.3f}  f1 {result.f1:.3f}",
    ]
    for field_name, score in result.fields.items():
        accuracy = "n/a" if score.accuracy is None else f"{score.accuracy:.3f}"
        lines.append(f"  {field_name:<11} {accuracy} ({score.correct}/{score.total})")
    return lines


def disagreements(result: Evaluation, only_gold: str, only_proposed: str) -> list[str]:
    """Per article, the gold events no proposal matched and the proposals matching nothing (ids, types, places)."""
    lines = []
    for source, errors in sorted(result.by_source.items()):
        lines.append(f"{source}:")
        lines.extend(f"  {only_gold:<10} {line}" for line in errors.missed)
        lines.extend(f"  {only_proposed:<10} {line}" for line in errors.unmatched)
    return lines


def extractor_events(folder: Path, ids: set[str]) -> list[Event]:
    """The extractor's proposals for the sample's articles (texts from `folder/texts`)."""
    from isk_atlas.events.extract import Extractor

    corpus = load_corpus(folder / "sources.csv", folder / "texts", "dev")
    sources = [source for source in corpus.sources if source.source_id in ids]
    missing = ids - {source.source_id for source in sources}
    if missing:
        raise SystemExit(f"texts missing for {', '.join(sorted(missing))}; see {folder / 'README.md'}")
    return [event for events in Extractor().run(sources).values() for event in events]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the corpus folder (sources.csv, gold.yaml, texts/)")
    parser.add_argument("--coder-b", type=Path, default=None, help="default FOLDER/agreement/coder_b.yaml")
    parser.add_argument("--no-extractor", action="store_true", help="score the two coders only")
    parser.add_argument("--only", default=None, help="a regex: score only the sample's articles whose id it finds")
    args = parser.parse_args(argv)
    folder: Path = args.folder
    ids = sample_ids(folder / "sources.csv")
    if args.only:
        ids = [source_id for source_id in ids if re.search(args.only, source_id)]
        if not ids:
            raise SystemExit(f"no article of the sample matches {args.only!r}")
    coder_a = load_gold(folder / "gold.yaml")
    coder_b = load_gold(args.coder_b or folder / "agreement" / "coder_b.yaml")
    outside = sorted({s for event in coder_b for s in event.source_ids} - set(sample_ids(folder / "sources.csv")))
    if outside:
        print(f"warning: coder B cites articles outside the sample: {', '.join(outside)}")
    agreement = score_agreement(coder_a, coder_b, ids)
    lines = [f"sample: {len(ids)} dev articles ({ids[0]} .. {ids[-1]})"]
    lines += summary("B against A (B proposes, A is gold)", agreement.b_vs_a)
    lines += summary("A against B (A proposes, B is gold)", agreement.a_vs_b)
    if not args.no_extractor:
        proposed = _citing(extractor_events(folder, set(ids)), set(ids))
        lines += summary("extractor against A", evaluate(proposed, coder_a, WINDOW_DAYS, ids))
        lines += summary("extractor against B", evaluate(proposed, coder_b, WINDOW_DAYS, ids))
    lines.append("events only one coder has (A = gold.yaml, B = coder_b.yaml):")
    lines += disagreements(agreement.b_vs_a, "only A", "only B")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
