"""The review widget in a real JupyterLab: notebook 06 opened in Debian's chromium, Accept clicked on the first card
and Reject on the second, the register file checked; the small map draws with no request leaving the server.

With ISK_ATLAS_DOCS_SCREENSHOT=PATH (`make review-screenshot` sets docs/review.png) the test also photographs the
widget after the first click, for the README.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest

from isk_atlas.maps.screenshot import DRAWN_JS
from isk_atlas.register import read_register
from isk_atlas.review.widget import review_items
from tests.conftest import ROOT
from tests.jupyterlab_fixture import JupyterLabServer, open_notebook
from tests.review_fixtures import NEW_SOURCE_ID, review_workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "06_review_new_sources.ipynb"
SCREENSHOT = os.environ.get("ISK_ATLAS_DOCS_SCREENSHOT")


def _status(register: Path, event_id: str) -> str | None:
    events, problems = read_register(register)
    assert problems == []
    return next((event.status for event in events if event.event_id == event_id), None)


def _wait_for_status(register: Path, event_id: str, status: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if _status(register, event_id) == status:
            return
        time.sleep(0.2)
    raise AssertionError(f"{event_id} is {_status(register, event_id)} in {register}, not {status}")


def test_accept_and_reject_clicked_in_jupyterlab_write_the_register(
    jupyterlab: JupyterLabServer, lab_browser: Any, shared_sources: Path
) -> None:
    papermill = pytest.importorskip("papermill")
    workdir = jupyterlab.root / "review"
    bench = review_workspace(workdir, shared_sources)
    # The notebook as papermill would run it, parameters injected but not run: the browser runs it.
    papermill.execute_notebook(
        str(ROOT / "notebooks" / NOTEBOOK),
        str(workdir / NOTEBOOK),
        parameters={
            "sources_dir": str(bench.sources_dir),
            "register_path": str(bench.register_path),
            "out_dir": str(workdir / "out"),
        },
        prepare_only=True,
        progress_bar=False,
        log_output=False,
    )
    cards = review_items(bench.corpus.events, bench.corpus.metadata)
    first, second = cards[0].event.event_id, cards[1].event.event_id
    assert cards[0].source_id == cards[1].source_id == NEW_SOURCE_ID

    with open_notebook(lab_browser, jupyterlab, f"review/{NOTEBOOK}") as opened:
        assert opened.cell_errors == []
        page = opened.page
        card = page.locator(".isk-review-card")
        card.wait_for(timeout=60_000)
        header = card.locator("text=/^Card \\d+ of \\d+/")
        assert first in header.inner_text()
        # The small map draws inside its sandboxed frame, from the page itself (every outside request is blocked).
        minimap = card.locator("iframe").element_handle().content_frame()
        minimap.wait_for_function(DRAWN_JS, timeout=30_000)
        assert minimap.evaluate("() => Object.keys(window.IskAtlas.maps).length") == 1
        zoom = "() => Object.values(window.IskAtlas.maps)[0].map.getZoom()"
        minimap.wait_for_function(f"() => ({zoom})() >= 6", timeout=10_000)  # framed on the event, not the world

        card.locator("button").filter(has_text=re.compile(r"^\s*Accept")).click()
        _wait_for_status(bench.register_path, first, "confirmed")
        page.wait_for_function(
            "id => document.querySelector('.isk-review-card').innerText.includes(id)", arg=second, timeout=30_000
        )
        # The card says what was written.
        page.wait_for_function(
            "id => document.querySelector('.isk-review-card').innerText.includes('confirmed: ' + id)",
            arg=first,
            timeout=10_000,
        )
        if SCREENSHOT:
            card.locator("iframe").element_handle().content_frame().wait_for_function(DRAWN_JS, timeout=30_000)
            page.wait_for_timeout(1000)  # the canvas paints a frame after the runtime says drawn
            page.locator(".isk-review").screenshot(path=SCREENSHOT)

        card.locator("button").filter(has_text=re.compile(r"^\s*Reject")).click()
        _wait_for_status(bench.register_path, second, "rejected")
        assert _status(bench.register_path, first) == "confirmed", "the first decision stays"

        # Keys, with the mouse over the card (which gives it the keyboard): k goes back a card.
        before = header.inner_text()
        card.locator("blockquote").first.hover()
        page.keyboard.press("k")
        page.wait_for_function(
            "text => !document.querySelector('.isk-review-card').innerText.includes(text)",
            arg=before.split("·")[0].strip(),
            timeout=10_000,
        )
    assert opened.page_errors == []
    assert opened.requests_blocked == [], "the widget and the map of what changed draw with no outside request"
