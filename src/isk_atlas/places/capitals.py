"""The capitals of Afghanistan's 34 provinces, as a fact table: the seat town a province's name stands for when it
is also the town's name ("Kunduz", "Bamyan": the city), and the place "the provincial capital" names.

A gazetteer marks district seats and provincial seats alike (`is_seat`), and population figures do not tell them
apart (GeoNames gives Yakawlang more people than Bamyan, Baghlan town more than Pul-e Khumri), so the provincial
capital is declared here, by a name the gazetteer knows it by; a province missing here (or a gazetteer without the
town) falls back to its most populous seat.

    >>> PROVINCE_CAPITALS["AF-BAM"], PROVINCE_CAPITALS["AF-BGL"]
    ('Bamyan', 'Pul-e Khumri')
"""

from __future__ import annotations

from typing import Final

PROVINCE_CAPITALS: Final[dict[str, str]] = {
    "AF-BAL": "Mazar-e Sharif", "AF-BAM": "Bamyan", "AF-BDG": "Qala-i-Naw", "AF-BDS": "Fayzabad",
    "AF-BGL": "Pul-e Khumri", "AF-DAY": "Nili", "AF-FRA": "Farah", "AF-FYB": "Maymana", "AF-GHA": "Ghazni",
    "AF-GHO": "Chaghcharan", "AF-HEL": "Lashkar Gah", "AF-HER": "Herat", "AF-JOW": "Sheberghan", "AF-KAB": "Kabul",
    "AF-KAN": "Kandahar", "AF-KAP": "Mahmud-e Raqi", "AF-KDZ": "Kunduz", "AF-KHO": "Khost", "AF-KNR": "Asadabad",
    "AF-LAG": "Mehtarlam", "AF-LOG": "Pul-e Alam", "AF-NAN": "Jalalabad", "AF-NIM": "Zaranj", "AF-NUR": "Parun",
    "AF-PAN": "Bazarak", "AF-PAR": "Charikar", "AF-PIA": "Gardez", "AF-PKA": "Sharana", "AF-SAM": "Aybak",
    "AF-SAR": "Sar-e Pul", "AF-TAK": "Taloqan", "AF-URU": "Tarinkot", "AF-WAR": "Maidan Shahr", "AF-ZAB": "Qalat",
}  # fmt: skip

__all__ = ["PROVINCE_CAPITALS"]
