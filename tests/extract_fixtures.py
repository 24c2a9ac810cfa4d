"""A small hand-made gazetteer for extraction tests (same columns as `isk_atlas.geo.load_gazetteer`)."""

from __future__ import annotations

import pandas as pd

from isk_atlas.mentions import ToponymIndex

COLUMNS = ["id", "name", "kind", "admin1", "admin2", "country", "lat", "lon", "population", "alternate_names",
           "is_seat"]  # fmt: skip

PROVINCES = {
    "BDS": ("Badakhshan", 36.7, 71.0), "BDG": ("Badghis", 35.2, 63.7), "BGL": ("Baghlan", 35.9, 68.7),
    "BAL": ("Balkh", 36.7, 67.0), "BAM": ("Bamyan", 34.8, 67.5), "DAY": ("Daykundi", 33.7, 66.0),
    "FRA": ("Farah", 32.4, 62.1), "FYB": ("Faryab", 35.9, 64.8), "GHA": ("Ghazni", 33.5, 68.4),
    "GHO": ("Ghor", 34.1, 64.9), "HEL": ("Helmand", 31.4, 64.0), "HER": ("Herat", 34.3, 62.2),
    "JOW": ("Jawzjan", 36.9, 65.8), "KAB": ("Kabul", 34.5, 69.2), "KAN": ("Kandahar", 31.0, 65.7),
    "KAP": ("Kapisa", 34.9, 69.6), "KHO": ("Khost", 33.3, 69.9), "KNR": ("Kunar", 34.8, 71.1),
    "KDZ": ("Kunduz", 36.7, 68.6), "LAG": ("Laghman", 34.7, 70.2), "LOG": ("Logar", 34.0, 69.2),
    "NAN": ("Nangarhar", 34.2, 70.6), "NIM": ("Nimroz", 30.9, 62.3), "NUR": ("Nuristan", 35.3, 70.9),
    "PIA": ("Paktia", 33.6, 69.4), "PKA": ("Paktika", 32.5, 68.8), "PAN": ("Panjshir", 35.3, 69.6),
    "PAR": ("Parwan", 35.0, 69.0), "SAM": ("Samangan", 36.3, 67.9), "SAR": ("Sar-e Pul", 36.2, 66.0),
    "TAK": ("Takhar", 36.7, 69.5), "URU": ("Uruzgan", 32.9, 66.6), "WAR": ("Wardak", 34.4, 68.4),
    "ZAB": ("Zabul", 32.2, 67.2),
}  # fmt: skip
ALTERNATES = {"JOW": "Jowzjan|Jozjan", "SAR": "Sar-i Pul|Sari Pul", "NAN": "Ningarhar", "KDZ": "Kondoz|Qunduz"}

ROWS = [
    ("AFG", "Afghanistan", "country", None, None, "AFG", 34.0, 66.0, 38_000_000, "", False),
    ("TJK", "Tajikistan", "country", None, None, "TJK", 38.8, 71.0, 9_000_000, "", False),
    ("UZB", "Uzbekistan", "country", None, None, "UZB", 41.4, 64.6, 34_000_000, "", False),
    ("PAK", "Pakistan", "country", None, None, "PAK", 30.0, 70.0, 220_000_000, "", False),
    ("UZ-SU", "Surxondaryo", "province", "UZ-SU", None, "UZB", 38.0, 67.5, 2_500_000, "Surkhandarya|Surkhan Darya",
     False),
    ("TJ-KT", "Khatlon", "province", "TJ-KT", None, "TJK", 37.9, 69.0, 3_000_000, "", False),
    ("PK-KP", "Khyber Pakhtunkhwa", "province", "PK-KP", None, "PAK", 34.5, 72.0, 35_000_000, "", False),
    ("gn:kabul", "Kabul", "town", "AF-KAB", None, "AFG", 34.53, 69.17, 3_000_000, "Kabol", True),
    ("gn:mazar", "Mazar-i-Sharif", "town", "AF-BAL", None, "AFG", 36.71, 67.11, 400_000,
     "Mazar-e Sharif|Mazari Sharif", True),
    ("gn:kunduz", "Kunduz", "town", "AF-KDZ", None, "AFG", 36.73, 68.86, 300_000, "Kondoz", True),
    ("gn:kandahar", "Kandahar", "town", "AF-KAN", None, "AFG", 31.61, 65.71, 500_000, "", True),
    ("gn:herat", "Herat", "town", "AF-HER", None, "AFG", 34.35, 62.20, 500_000, "", True),
    ("gn:jalalabad", "Jalalabad", "town", "AF-NAN", None, "AFG", 34.43, 70.45, 200_000, "", True),
    ("gn:hairatan", "Hairatan", "town", "AF-BAL", "Kaldar", "AFG", 37.22, 67.42, 5_000, "Hayratan", False),
    ("gn:termez", "Termez", "town", "UZ-SU", None, "UZB", 37.22, 67.28, 140_000, "Termiz", True),
    ("AF-BDS.jurm", "Jurm", "district", "AF-BDS", "Jurm", "AFG", 36.86, 70.83, 0, "", True),
    ("AF-BDS.warduj", "Warduj", "district", "AF-BDS", "Warduj", "AFG", 36.6, 71.0, 0, "Wardooj", True),
    ("AF-BDS.raghistan", "Raghistan", "district", "AF-BDS", "Raghistan", "AFG", 37.6, 70.6, 0, "", True),
    ("AF-JOW.darzab", "Darzab", "district", "AF-JOW", "Darzab", "AFG", 35.97, 65.38, 0, "", True),
    ("AF-TAK.khwaja_bahauddin", "Khwaja Bahauddin", "district", "AF-TAK", "Khwaja Bahauddin", "AFG", 37.4, 69.4,
     0, "Khwaja Bahawuddin", True),
    ("AF-TAK.dashti_qala", "Dashti Qala", "district", "AF-TAK", "Dashti Qala", "AFG", 37.3, 69.6, 0,
     "Dasht-e Qala", True),
    ("gn:qala_i_naw", "Qala-i-Naw", "town", "AF-BDG", "Qala-i-Naw", "AFG", 34.98, 63.13, 60_000, "Qala-e Naw", True),
    ("region:northeast", "Northeastern Afghanistan", "region", None, None, "AFG", 36.5, 70.0, 0,
     "northeast Afghanistan|north-eastern Afghanistan", False),
]  # fmt: skip
for code, (name, lat, lon) in PROVINCES.items():
    ROWS.append((f"AF-{code}", name, "province", f"AF-{code}", None, "AFG", lat, lon, 1_000_000,
                 ALTERNATES.get(code, ""), False))  # fmt: skip


def small_gazetteer() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=COLUMNS)


def small_index() -> ToponymIndex:
    return ToponymIndex.from_gazetteer(small_gazetteer())
