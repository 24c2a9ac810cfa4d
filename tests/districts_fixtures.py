"""A district boundary set as analysts get one, made here with no download: one polygon per gazetteer district
(Voronoi cells of jittered district points, clipped to Afghanistan, so the set's province lines are its own and
not Natural Earth's, and some gazetteer points fall outside their cell), named the way the 2018 AGCHO set and
OCHA's COD-AB write them (`ADM2_EN`, `ADM2_PCODE` like AF0101, `ADM1_EN`), or geoBoundaries' `shapeName`.

The spellings are this project's own rendering of the AGCHO style: joined words (Shakardara, Mirbachakot),
ezafe written -e- (Dasht-e-Archi, Khak-e-Jabbar), final -ah written -a (Guldara, Qala-e-Zal), Khwaja written
Khoja, e for i and o for u (Eshkashem, Taloqan), and a few districts known by another name (Tirinkot, Zheray).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from isk_atlas.geo import load_admin1, load_gazetteer

# Spellings that no mechanical rule below gives (gazetteer id -> the boundary set's name).
RESPELT: Final = {
    "AF-KAB.chahar-asyab": "Chaharasyab",
    "AF-KAB.deh-e-sabz": "Dehsabz",
    "AF-KAB.istalif": "Istalof",
    "AF-KAB.musahi": "Musayi",
    "AF-KAB.khak-e-jabar": "Khak-e-Jabbar",
    "AF-KAP.alah-say": "Alasay",
    "AF-KAP.hisah-ye-awal-e-kohistan": "Hesa-e-Awal-e-Kohestan",
    "AF-KAP.hisah-ye-duwum-e-kohistan": "Hesa-e-Duwum-e-Kohestan",
    "AF-KAP.nijrab": "Nejrab",
    "AF-PAR.sayyid-khel": "Sayedkhel",
    "AF-PAR.shaykh-ali": "Shekhali",
    "AF-PAR.siyahgird-ghorband": "Syahgerd (Ghorband)",
    "AF-PAR.jabal-us-saraj": "Jabalussaraj",
    "AF-WAR.maidan-shahr": "Maydanshahr",
    "AF-WAR.sayyidabad": "Saydabad",
    "AF-WAR.markazi-bihsud": "Markaz-e-Behsud",
    "AF-LOG.muhammad-aghah": "Mohammadagha",
    "AF-NAN.sherzad": "Shirzad",
    "AF-NAN.pachir-wa-agam": "Pachieragam",
    "AF-NAN.khugyani": "Khogyani",
    "AF-NAN.naziyan": "Nazyan",
    "AF-NAN.lalpur": "Lalpoor",
    "AF-NAN.mohmand-darah": "Muhmand Dara",
    "AF-LAG.qarghahi": "Qarghayi",
    "AF-LAG.alisheng": "Alishang",
    "AF-LAG.mehtar-lam": "Mehtarlam",
    "AF-BGL.khwajah-hijran": "Khwaja Hejran (Jalga)",
    "AF-BGL.khost-wa-firing": "Khost-e-Fereng",
    "AF-BGL.talah-wa-barfak": "Tala-o-Barfak",
    "AF-BAM.sayghan": "Saighan",
    "AF-GHA.wali-muhammad-shahid-khugyani": "Walimuhammad-e-Shahid",
    "AF-PKA.muta-khan": "Mata Khan",
    "AF-PKA.wur-mamay": "Wormamay",
    "AF-PKA.ziruk": "Zerok",
    "AF-PIA.tsamkani": "Chamkani",
    "AF-PIA.dzadran": "Zadran",
    "AF-PIA.lajah-ahmad-khel": "Lija Ahmad Khel",
    "AF-KHO.terayzai": "Terezayi",
    "AF-KNR.tsowkey": "Chawkay",
    "AF-KNR.sirkanay": "Sarkani",
    "AF-KNR.naray": "Nari",
    "AF-NUR.parun": "Poruns",
    "AF-BDS.ishkashim": "Eshkashem",
    "AF-BDS.zaybak": "Zebak",
    "AF-BDS.shiki": "Shekay",
    "AF-BDS.kuf-ab": "Kofab",
    "AF-BDS.warduj": "Wurduj",
    "AF-BDS.maymay": "Darwaz-e-Balla",
    "AF-BDS.nusay": "Darwaz",
    "AF-TAK.taluqan": "Taloqan",
    "AF-TAK.chah-ab": "Chahab",
    "AF-TAK.ishkamish": "Eshkamesh",
    "AF-TAK.rustaq": "Rostaq",
    "AF-TAK.khwajah-bahawuddin": "Khwaja Bahauddin",
    "AF-SAM.fayroz-nakhchir": "Feroznakhchir",
    "AF-SAM.aibak": "Aybak",
    "AF-BAL.chahar-kent": "Chahar Kint",
    "AF-BAL.shor-tepah": "Shortepa",
    "AF-BAL.kishindeh": "Kishindih",
    "AF-SAR.sangcharak": "Sancharak",
    "AF-DAY.gayti": "Kiti",
    "AF-DAY.mir-amor": "Miramor",
    "AF-URU.tarin-kot": "Tirinkot",
    "AF-ZAB.shah-joy": "Shahjoi",
    "AF-KAN.zharey": "Zheray",
    "AF-KAN.mya-neshin": "Miyanshin",
    "AF-KAN.panjwai": "Panjwayi",
    "AF-JOW.shibirghan": "Shiberghan",
    "AF-JOW.khanaqah": "Khanqa",
    "AF-FYB.bal-chiragh": "Belcheragh",
    "AF-FYB.qaram-qol": "Qaramqul",
    "AF-FYB.maimanah": "Maymana",
    "AF-HEL.nawah-ye-barakzai": "Nawa-e-Barakzaiy",
    "AF-HEL.garmsir": "Garmser",
    "AF-HER.herat": "Hirat",
    "AF-HER.pashtun-zarghun": "Pashtoonzarghoon",
    "AF-HER.kuhsan": "Kohsan",
    "AF-FRA.shayb-koh": "Shibkoh",
    "AF-FRA.pusht-e-rod": "Pushtrod",
}
# How the set writes the provinces (ADM1_EN), where it differs from the gazetteer.
PROVINCE_NAMES: Final = {
    "AF-WAR": "Maidan Wardak",
    "AF-PIA": "Paktya",
    "AF-HEL": "Hilmand",
    "AF-HER": "Hirat",
    "AF-JOW": "Jawzjan",
    "AF-SAR": "Sar-e-Pul",
    "AF-PAN": "Panjsher",
    "AF-DAY": "Daykundi",
}
# Mechanical respellings, applied in order to a name: (pattern, replacement).
_STYLE: Final = (
    (r"\bKhwajah\b", "Khoja"),
    (r"-(?:ye|e) ", "-e-"),
    (r"(?<=[a-z]{3})ah\b", "a"),
    (r"\b(\w+) (Darah?|Dara|Kot|Bagh|Qala|Shahr|Khel)\b", r"\1\2"),
)


def agcho_name(place_id: str, name: str) -> str:
    """The boundary set's spelling of a gazetteer district."""
    if place_id in RESPELT:
        return RESPELT[place_id]
    for pattern, replacement in _STYLE:
        name = re.sub(pattern, replacement, name)
    return re.sub(r"(?<=\w)(Dara|Kot|Bagh|Qala|Shahr|Khel)\b", lambda m: m.group(1).lower(), name)


def synthetic_districts(
    seed: int = 16, jitter: float = 0.12, kabul_parts: int = 4
) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """One polygon per gazetteer district in the COD-AB layout (EPSG:4326), and the gazetteer id each row was made
    from. Each cell is grown from the district's point moved by up to `jitter` degrees for a curated point, a
    quarter of that for a GeoNames place (so the set and the gazetteer disagree as independent sets do), clipped to
    Afghanistan; Kabul's city district comes as `kabul_parts` numbered parts ("PD 1", "District 2", ...).
    """
    rng = np.random.default_rng(seed)
    gazetteer = load_gazetteer()
    districts = gazetteer[gazetteer["kind"] == "district"].reset_index(drop=True)
    admin1 = load_admin1()
    provinces = admin1[admin1["country"] == "AFG"].set_index("id").geometry
    country = shapely.union_all(provinces.to_numpy())
    # A district point at a GeoNames place of the district is near the district's middle; a curated one is an
    # approximate centre, good to 10-20 km (geo/README.md): the cells are grown from points moved that much.
    step = np.where(districts["source"].to_numpy() == "curated", jitter, jitter / 4)
    seeds = shapely.points(
        districts["lon"].to_numpy() + rng.uniform(-1, 1, len(districts)) * step,
        districts["lat"].to_numpy() + rng.uniform(-1, 1, len(districts)) * step,
    )
    # a seed moved out of Afghanistan goes back to the district's own point
    seeds = np.where(shapely.covers(country, seeds), seeds, shapely.points(districts[["lon", "lat"]].to_numpy()))
    cells = gpd.GeoDataFrame(
        geometry=list(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=country).geoms), crs="EPSG:4326"
    )
    owner = gpd.sjoin(gpd.GeoDataFrame({"row": range(len(seeds))}, geometry=seeds, crs="EPSG:4326"), cells,
                      predicate="within")  # fmt: skip
    polygons = np.empty(len(districts), dtype=object)
    polygons[owner["row"].to_numpy()] = cells.geometry.to_numpy()[owner["index_right"].to_numpy()]
    polygons = shapely.intersection(polygons, country)
    number = {code: k + 1 for k, code in enumerate(sorted(provinces.index))}
    rows: list[dict[str, object]] = []
    made_from: list[str] = []
    for position, district in districts.iterrows():
        province = str(district["admin1"])
        code = f"AF{number[province]:02d}{position % 100:02d}"
        base = {"ADM1_EN": PROVINCE_NAMES.get(province, _province_name(gazetteer, province)),
                "ADM1_PCODE": f"AF{number[province]:02d}", "ADM0_EN": "Afghanistan"}  # fmt: skip
        polygon = polygons[position]
        if district["id"] == "AF-KAB.kabul" and kabul_parts > 1:
            for k, part in enumerate(_slices(polygon, kabul_parts), start=1):
                label = f"PD {k}" if k % 2 else f"District {k}"
                rows.append({"ADM2_EN": label, "ADM2_PCODE": f"{code}{k:02d}", **base, "geometry": part})
                made_from.append("AF-KAB.kabul")
            continue
        rows.append({"ADM2_EN": agcho_name(str(district["id"]), str(district["name"])), "ADM2_PCODE": code, **base,
                     "geometry": polygon})  # fmt: skip
        made_from.append(str(district["id"]))
    frame = gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs="EPSG:4326")
    return frame, pd.Series(made_from, index=frame.index)


def _province_name(gazetteer: pd.DataFrame, province: str) -> str:
    return str(gazetteer.loc[gazetteer["id"] == province, "name"].iloc[0])


def _slices(polygon: shapely.Geometry, parts: int) -> list[shapely.Geometry]:
    """The polygon cut into `parts` vertical strips (a city's numbered districts)."""
    west, south, east, north = polygon.bounds
    step = (east - west) / parts
    strips = [shapely.box(west + k * step, south, west + (k + 1) * step, north) for k in range(parts)]
    return [polygon.intersection(strip) for strip in strips]


def geo_home(home: Path) -> Path:
    """A project home (for ISK_ATLAS_HOME) whose geo/ holds the project's reference files, for a district layer to
    be written beside them."""
    from isk_atlas.paths import geo_dir

    (home / "geo").mkdir(parents=True)
    for path in geo_dir().iterdir():
        if path.suffix in {".csv", ".geojson", ".json"} and not path.name.startswith("districts.user"):
            (home / "geo" / path.name).symlink_to(path)
    return home


def home_with_districts(home: Path, boundaries: dict[str, shapely.Geometry]) -> Path:
    """`geo_home(home)` with a district layer imported from `boundaries` (name as written -> polygon, COD-AB
    layout), as `isk-atlas geo districts` writes it."""
    from isk_atlas.places.districts import import_districts

    geo_home(home)
    source = home / "boundaries.geojson"
    frame = gpd.GeoDataFrame({"ADM2_EN": list(boundaries)}, geometry=list(boundaries.values()), crs="EPSG:4326")
    frame.to_file(source, driver="GeoJSON")
    import_districts(str(source), "test boundaries", home / "geo")
    return home
