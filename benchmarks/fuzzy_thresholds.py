"""How the fuzzy cutoffs were chosen: a labelled list of misspelt place names (true pairs) and capitalised
non-place words of news text (false pairs), scored against a gazetteer, with precision and recall per cutoff.

    python -m benchmarks.fuzzy_thresholds             # the embedded gazetteer, else the GeoNames stand-in
    python -m benchmarks.fuzzy_thresholds --geonames  # the GeoNames stand-in of benchmarks.bench_geocode

Only names that reach the fuzzy tier count (their exact and variant keys are unknown to the gazetteer); the
stop-word filter is switched off here so the raw scores of words like "Taliban" are measured too.
Prints one JSON object: per cutoff, true matches accepted, wrong places accepted (misspellings resolved to the
wrong place, and non-places resolved at all), and the share of each.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from benchmarks.bench_geocode import load_frame
from isk_atlas.names import split_designator
from isk_atlas.places.gazetteer import (
    FUZZY_ACCEPT,
    FUZZY_CERTAIN,
    FUZZY_NEAR,
    GazetteerGeocoder,
    GazetteerIndex,
    likely_place_word,
)

# (as misspelt, as the gazetteer spells it): spellings seen in news copy and transliteration slips.
TRUE_PAIRS: tuple[tuple[str, str], ...] = (
    ("Kandehar", "Kandahar"),
    ("Kandahr", "Kandahar"),
    ("Jelalabad", "Jalalabad"),
    ("Shebergan", "Sheberghan"),
    ("Shibergan", "Sheberghan"),
    ("Ghazny", "Ghazni"),
    ("Gardiz", "Gardez"),
    ("Asadbad", "Asadabad"),
    ("Chakhcharan", "Chaghcharan"),
    ("Dushambe", "Dushanbe"),
    ("Khorog", "Khorugh"),
    ("Lashkargarh", "Lashkar Gah"),
    ("Laskar Gah", "Lashkar Gah"),
    ("Pul-i-Khomri", "Pul-e Khumri"),
    ("Puli Khumry", "Pul-e Khumri"),
    ("Mazar-e-Sharf", "Mazar-e Sharif"),
    ("Mazari Sharief", "Mazar-e Sharif"),
    ("Tirinkot", "Tarinkot"),
    ("Charikaar", "Charikar"),
    ("Mehtarlaam", "Mehtar Lam"),
    ("Bamiyan", "Bamyan"),
    ("Baghlaan", "Baghlan"),
    ("Aibak", "Aybak"),
    ("Taloquan", "Taloqan"),
    ("Faizabaad", "Fayzabad"),
    ("Kundooz", "Kunduz"),
    ("Kondoz", "Kunduz"),
    ("Heraat", "Herat"),
    ("Termes", "Termez"),
    ("Peshwar", "Peshawar"),
    ("Quetah", "Quetta"),
    ("Mashad", "Mashhad"),
    ("Zarandj", "Zaranj"),
    ("Kholm", "Khulm"),
    ("Andkhoy", "Andkhvoy"),
    ("Maimanah", "Maymana"),
    ("Qalat-e Ghilzai", "Qalat"),
    ("Khost City", "Khost"),
    ("Jalalbad", "Jalalabad"),
    ("Kandhar", "Kandahar"),
    ("Sheberghaan", "Sheberghan"),
    ("Kulab", "Kulob"),
    ("Kurgan-Tyube", "Bokhtar"),
    ("Nangrahar", "Nangarhar"),
    ("Badakhsan", "Badakhshan"),
    ("Jalalabd", "Jalalabad"),
    ("Sherberghan", "Sheberghan"),
    ("Dushanbeh", "Dushanbe"),
    ("Khandahar", "Kandahar"),
    ("Shindan", "Shindand"),
    ("Spin Bolda", "Spin Boldak"),
    ("Kunduzz", "Kunduz"),
    ("Mazaar", "Mazar-e Sharif"),
    ("Islamabd", "Islamabad"),
    ("Rawalpindy", "Rawalpindi"),
    ("Jalalabaad", "Jalalabad"),
    ("Ghormach", "Ghormach"),
    ("Qaisaar", "Qaisar"),
    ("Imam Saheb", "Imam Sahib"),
    ("Khanabaad", "Khanabad"),
    ("Tashqurghan", "Tashqurghan"),
    ("Shirin Tagab", "Shirin Tagab"),
    ("Sar-i-Pul", "Sar-e Pul"),
    ("Shighnaan", "Shighnan"),
    ("Eshkashem", "Ishkashim"),
    ("Khwahaan", "Khwahan"),
    ("Dasht-i-Archi", "Dasht-e Archi"),
    ("Chahab", "Chah Ab"),
    ("Yangi Qala", "Yangi Qal'ah"),
    ("Kalafgan", "Kalafgan"),
    ("Rustaq", "Rostaq"),
)
# Capitalised words of news about ISIS-K that are not places (or places the gazetteer does not hold).
FALSE_WORDS: tuple[str, ...] = (
    "Taliban",
    "Talibans",
    "Haqqani",
    "Kabulov",
    "Sidorov",
    "Kurilla",
    "Mujahid",
    "Muttaqi",
    "Rahimzoda",
    "Naggar",
    "Ahmadi",
    "Muzamel",
    "Khorasani",
    "Tebiyan",
    "Amaaq",
    "Biden",
    "Erdogan",
    "Pentagon",
    "Ansarullah",
    "Jamaat",
    "Chechnya",
    "Idlib",
    "Ankara",
    "Caucasus",
    "Turkistan",
    "Washington",
    "Senate",
    "Uighuri",
    "Mohajer",
    "Shiite",
    "Katyusha",
    "Mawlawi",
    "Emirate",
    "Corrella",
    "Zabihullah",
    "Sibghatullah",
    "Baghdadi",
    "Khorasan",
    "Daesh",
    "Hazaras",
    "Kandahari",
    "Shorter",
    "Farooq",
    "Rahimullah",
    "Kirkuk",
    "Raqqa",
    "Mosul",
    "Aleppo",
    "Damascus",
    "Baghdad",
)
CUTOFFS = (0.70, 0.75, 0.78, 0.80, 0.82, 0.84, 0.86, 0.88, 0.90, 0.92, 0.95)


def measure(index: GazetteerIndex) -> dict[str, object]:
    geocoder = GazetteerGeocoder(index)
    fuzzy_positives: list[tuple[str, float, bool]] = []  # query, best raw fuzzy score, best place is right
    by_variant: list[tuple[str, bool]] = []  # resolved before the fuzzy tier: query, right place
    skipped: list[str] = []
    for query, truth in TRUE_PAIRS:
        target = geocoder.geocode(truth)
        if not target.resolved:
            skipped.append(query)  # the gazetteer does not hold the place
            continue
        right_ids = {target.place_id, *(alt.place_id for alt in target.alternatives)}
        normalized = split_designator(query)[0]
        if index.lookup(normalized):
            by_variant.append((query, geocoder.geocode(query).place_id in right_ids))
            continue
        scores = index.fuzzy(normalized, cutoff=0.5, limit=20)
        if not scores:
            fuzzy_positives.append((query, 0.0, False))
            continue
        best_row = max(scores, key=lambda row: (scores[row], index.prominence[row]))
        fuzzy_positives.append((query, scores[best_row], index.places[best_row].id in right_ids))
    negatives: list[tuple[str, float, str]] = []
    for word in FALSE_WORDS:
        normalized = split_designator(word)[0]
        if index.lookup(normalized):
            negatives.append((word, 1.0, "(an exact or variant name in the gazetteer)"))
            continue
        scores = index.fuzzy(normalized, cutoff=0.5, limit=20)
        best = max(scores.items(), key=lambda item: item[1], default=(None, 0.0))
        negatives.append((word, best[1], index.places[best[0]].name if best[0] is not None else ""))
    fuzzy_negatives = [item for item in negatives if item[1] < 1.0]
    table = []
    for cutoff in CUTOFFS:
        right = sum(1 for _, score, ok in fuzzy_positives if ok and score >= cutoff)
        wrong_place = sum(1 for _, score, ok in fuzzy_positives if not ok and score >= cutoff)
        non_place = sum(1 for _, score, _ in fuzzy_negatives if score >= cutoff)
        non_place_after_stop_words = sum(
            1 for word, score, _ in fuzzy_negatives if score >= cutoff and likely_place_word(word)
        )
        table.append(
            {
                "cutoff": cutoff,
                "misspelling_right_place": right,
                "recall": round(right / max(len(fuzzy_positives), 1), 3),
                "misspelling_wrong_place": wrong_place,
                "non_place_matched": non_place,
                "non_place_matched_after_stop_words": non_place_after_stop_words,
            }
        )
    return {
        "places": len(index),
        "true_pairs": len(TRUE_PAIRS),
        "resolved_before_fuzzy": len(by_variant),
        "resolved_before_fuzzy_right": sum(ok for _, ok in by_variant),
        "resolved_before_fuzzy_wrong": [q for q, ok in by_variant if not ok],
        "fuzzy_cases": len(fuzzy_positives),
        "skipped_place_not_in_gazetteer": skipped,
        "false_words": len(FALSE_WORDS),
        "false_words_exact_or_variant_collisions": [w for w, s, _ in negatives if s >= 1.0],
        "chosen": {"near": FUZZY_NEAR, "accept": FUZZY_ACCEPT, "certain": FUZZY_CERTAIN},
        "table": table,
        "fuzzy_positives": [{"query": q, "score": round(s, 3), "right": ok} for q, s, ok in fuzzy_positives],
        "fuzzy_negatives_over_0.75": [
            {"word": w, "score": round(s, 3), "nearest": n} for w, s, n in fuzzy_negatives if s >= 0.75
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geonames", action="store_true", help="use the GeoNames stand-in gazetteer")
    parser.add_argument("--csv", help="a gazetteer CSV in the embedded gazetteer's columns")
    args = parser.parse_args(argv)
    frame, which = load_frame(args.geonames, args.csv)
    result = {"gazetteer": which, **measure(GazetteerIndex(frame))}
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
