"""PNG of a saved map for briefings: Debian's headless Chromium driven by playwright, never a downloaded browser."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from isk_atlas import atomic

CHROMIUM_PATH = os.environ.get("ISK_ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# True once the runtime has drawn its layers; the double animation frame lets the canvas paint.
DRAWN_JS = "() => !!(window.IskAtlas && Object.keys(window.IskAtlas.maps).length)"


class ScreenshotError(RuntimeError):
    """The browser is missing or the page did not draw."""


def launch_chromium(playwright: Any) -> Any:
    """Debian's chromium, headless, with the project's flags."""
    if not Path(CHROMIUM_PATH).is_file():
        raise ScreenshotError(f"no Chromium at {CHROMIUM_PATH} (install Debian's chromium or set ISK_ATLAS_CHROMIUM)")
    return playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)


def wait_until_drawn(page: Any, timeout_ms: int = 30_000) -> float:
    """Wait for the map runtime and two animation frames; returns seconds since navigation finished."""
    started = time.perf_counter()
    page.wait_for_function(DRAWN_JS, timeout=timeout_ms)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return time.perf_counter() - started


def screenshot(
    html_path: str | Path,
    png_path: str | Path | None = None,
    width: int = 1400,
    height: int = 900,
    allow_network: bool = False,
) -> Path:
    """Open the saved map in headless Chromium, wait for it to draw, write a PNG (beside the HTML by default).

    The network is cut unless `allow_network` (an online map needs its tiles).
    """
    from playwright.sync_api import sync_playwright

    html_file = Path(html_path).resolve()
    target = Path(png_path) if png_path is not None else html_file.with_suffix(".png")
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            if not allow_network:
                page.route(
                    "**/*",
                    lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
                )
            page.goto(html_file.as_uri(), wait_until="load")
            wait_until_drawn(page)
            data: bytes = page.screenshot(type="png")
        finally:
            browser.close()
    atomic.write_bytes(target, data)
    return target
