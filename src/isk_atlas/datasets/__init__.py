"""Reference datasets (UCDP GED, ACLED exports) read into event records of their own, beside the news-derived ones.

A dataset file dropped into `data/datasets/` (or `isk-atlas build --datasets DIR`) is read by `read`, its format told
from its header (`formats`), its rows kept when they involve the actors of `actors.yaml` (`actors`), mapped onto the
event record by declared rules (`rules`) and placed (`frame`). Dataset events keep their dataset and row id and are
never merged into the register; `crosscheck` only says which news event a dataset also has.
"""
