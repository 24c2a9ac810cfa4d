"""A real JupyterLab for browser tests: a server on 127.0.0.1 with a free port, and a helper that opens a notebook
in Debian's chromium with every request not going to that server blocked (and counted), runs all its cells from
the "Run" menu, and collects what the page logged.

Blocking is twofold: the page's routing aborts what it sees, and a proxy for every host but 127.0.0.1 refuses and
records the rest (the requests of a sandboxed iframe, which the routing does not see, and Chromium's own calls home,
kept apart).

Fixtures: `jupyterlab` (session: the server; tests copy notebooks and what they need into `jupyterlab.root`) and
`lab_browser` (session: chromium and its refusing proxy). Helper: `open_notebook(lab_browser, jupyterlab,
"02_presence.ipynb")`, a context manager yielding a `LabPage` once every cell has run (or, with `run_all=False`, once
its kernel is idle; then `run_all_cells(lab_page)` runs them); `save_notebook(lab_page)` saves it from the File
menu. Registered in tests/conftest.py (`pytest_plugins`).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from isk_atlas.maps.screenshot import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.conftest import require_chromium, skip_or_fail

# Chromium's own calls home, which the proxy would count against the page: form fields (JupyterLab's, the map's
# date inputs) ask the autofill server about themselves. A later --disable-features replaces playwright's own, so
# this one repeats those of playwright's that stop calls home (hints, network time, search preconnects, AI mode)
# and those it needs (MediaRouter, PaintHolding, ...).
LAB_DISABLED_FEATURES = [
    "AutofillServerCommunication",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "MediaRouter",
    "PaintHolding",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "LensOverlay",
]
LAB_CHROMIUM_ARGS = ["--disable-features=" + ",".join(LAB_DISABLED_FEATURES)]
# Hosts Chromium calls on its own, whatever the page, each seen here: the account check each new context makes and
# the component updater (Debian's build calls both despite playwright's and the project's flags), and services the
# flags above keep quiet. Exact hosts, not domains: a page's own call to fonts.googleapis.com must still count.
CHROMIUM_SERVICE_HOSTS = frozenset(
    {
        "accounts.google.com",
        "update.googleapis.com",
        "content-autofill.googleapis.com",
        "optimizationguide-pa.googleapis.com",
        "clients2.google.com",
    }
)
VIEWPORT = {"width": 1400, "height": 1000}
SERVER_START_SECONDS = 60
# JupyterLab settings that make a test page deterministic: every cell stays in the DOM (no windowing), no
# announcement toast asks about news, no check for updates (the server would try to reach the web).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
PAGE_CONFIG = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}
# The notebook's state as the page shows it: the kernel's status and each code cell's prompt ("[3]:", "[*]:",
# "[ ]:"), plus the text of every error output (a traceback the kernel sent back).
NOTEBOOK_STATE_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const prompts = Array.from(panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')).map(n => n.textContent.trim());
  const errors = Array.from(panel.querySelectorAll('[data-mime-type="application/vnd.jupyter.error"]'))
    .map(n => n.textContent);
  return {status: indicator ? indicator.getAttribute('data-status') : null, prompts: prompts, errors: errors};
}"""


# Sets window.__iskRunStarted once any cell of the notebook shows "[*]" (queued or running): a run is seen to start
# however fast its cells are (a poll could miss them).
WATCH_RUN_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  window.__iskRunStarted = false;
  const observer = new MutationObserver(() => {
    const prompts = Array.from(panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt'));
    if (prompts.some(n => n.textContent.includes('*'))) { window.__iskRunStarted = true; observer.disconnect(); }
  });
  observer.observe(panel, {subtree: true, childList: true, characterData: true});
}"""


@dataclass(frozen=True)
class JupyterLabServer:
    """A running `jupyter lab` serving `root` at `url` (no token, no password)."""

    url: str
    port: int
    root: Path
    log: Path

    def serves(self, request_url: str) -> bool:
        """Whether a browser request goes to this server (and nowhere else)."""
        return request_url.startswith((f"{self.url}/", f"ws://127.0.0.1:{self.port}/"))


@dataclass
class LabPage:
    """A notebook opened in JupyterLab with all cells run: the playwright page and what the page did."""

    page: Any
    notebook: str
    proxy: RefusingProxy
    requests_made: list[str] = field(default_factory=list)
    requests_routed_away: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    cell_errors: list[str] = field(default_factory=list)
    run_seconds: float = 0.0
    proxy_from: int = 0
    proxy_until: int | None = None

    @property
    def requests_blocked(self) -> list[str]:
        """Every request of the page for another host while the notebook was open: aborted by the page's routing,
        or refused by the proxy (those of frames the routing does not see), less Chromium's own calls home."""
        refused = self.proxy.refused[self.proxy_from : self.proxy_until]
        return self.requests_routed_away + [target for target in refused if not chromium_calls_home(target)]

    @property
    def chromium_calls(self) -> list[str]:
        """What Chromium itself asked of its services while the notebook was open (refused too)."""
        return [t for t in self.proxy.refused[self.proxy_from : self.proxy_until] if chromium_calls_home(t)]


class _RefuseAndRecord(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(4096).decode("latin-1").strip()  # "CONNECT host:443 HTTP/1.1", "GET http://..."
        parts = line.split()
        self.server.refused.append(parts[1] if len(parts) > 1 else line)  # type: ignore[attr-defined]
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class RefusingProxy(socketserver.ThreadingTCPServer):
    """The browser's proxy for every host but 127.0.0.1: records what each request asked for and refuses it.

    It sees the requests of frames playwright's routing cannot (a sandboxed srcdoc iframe runs in a process of its
    own), so no request leaves the machine uncounted."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _RefuseAndRecord)
        self.refused: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def chromium_calls_home(target: str) -> bool:
    """Whether a request the proxy refused is Chromium's own (its sign-in, autofill or hints services), not the
    page's: "accounts.google.com:443" is, "cdn.jsdelivr.net:443" and "http://tile.openstreetmap.org/1/0/0.png"
    are not."""
    host = target.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    return host in CHROMIUM_SERVICE_HOSTS


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _write_json(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")


def _private_environment(home: Path) -> dict[str, str]:
    """The server's environment: Jupyter's and IPython's config, data and runtime dirs and the project's cache all
    under `home`, lab settings that keep the page deterministic, and this checkout's src/ first on the kernel's
    path."""
    dirs = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "IPYTHONDIR": home / "ipython",
    }
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
    for name, settings in LAB_SETTINGS.items():
        plugin, file = name.rsplit("/", 1)
        _write_json(dirs["JUPYTERLAB_SETTINGS_DIR"] / plugin / file, settings)
    _write_json(dirs["JUPYTER_CONFIG_DIR"] / "labconfig" / "page_config.json", PAGE_CONFIG)
    src = Path(__file__).resolve().parents[1] / "src"
    env = dict(os.environ)
    env.update({key: str(value) for key, value in dirs.items()})
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    # The kernels' extraction and geocoding cache: the tests' own, never data/cache (a session fixture starts before
    # the per-test cache is set).
    env["ISK_ATLAS_CACHE"] = str(home / "isk-atlas-cache")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH", "")) if p)
    return env


def _wait_until_serving(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        with (
            contextlib.suppress(OSError, urllib.error.URLError),
            urllib.request.urlopen(f"{url}/api/status", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.25)
    raise RuntimeError(f"jupyter lab did not answer at {url} in {SERVER_START_SECONDS} s:\n{log.read_text()[-4000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and the kernels it started (its own process group)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # a kernel left behind by the server


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterLabServer]:
    """`jupyter lab` from this interpreter's environment on 127.0.0.1 and a free port, with an empty root dir to copy
    notebooks into, private Jupyter dirs, no token, no password, no browser; stopped and cleaned up at the end."""
    if importlib.util.find_spec("jupyterlab") is None:
        skip_or_fail(f"jupyterlab is not installed for {sys.executable} (pip install -e '.[notebook]')")
    home = tmp_path_factory.mktemp("jupyter-home")
    root = tmp_path_factory.mktemp("jupyter-root")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = home / "server.log"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.open_browser=False",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=_private_environment(home),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        _wait_until_serving(process, url, log)
        yield JupyterLabServer(url=url, port=port, root=root, log=log)
    finally:
        _stop(process)


@dataclass(frozen=True)
class LabBrowser:
    """Debian's chromium for the lab tests, and the proxy that refuses (and records) all it asks of other hosts."""

    browser: Any
    proxy: RefusingProxy


# Module scope, not session: playwright's sync API runs an event loop in this thread while it is started, and every
# other browser test module starts one of its own, which playwright refuses while another is alive.
@pytest.fixture(scope="module")
def lab_browser() -> Iterator[LabBrowser]:
    """Debian's chromium, headless, driven by playwright (never a downloaded browser), with every host but
    127.0.0.1 behind a proxy that refuses and records each request."""
    require_chromium()
    if importlib.util.find_spec("playwright") is None:
        skip_or_fail("playwright is not installed (pip install -e '.[browser]')")
    from playwright.sync_api import sync_playwright

    with RefusingProxy() as proxy, sync_playwright() as p:
        serving = threading.Thread(target=proxy.serve_forever, name="refusing-proxy", daemon=True)
        serving.start()
        browser = p.chromium.launch(
            executable_path=CHROMIUM_PATH,
            args=[*CHROMIUM_ARGS, *LAB_CHROMIUM_ARGS],
            headless=True,
            proxy={"server": proxy.url, "bypass": "127.0.0.1"},
        )
        try:
            yield LabBrowser(browser, proxy)
        finally:
            browser.close()
            proxy.shutdown()
            serving.join(timeout=5)


def _wait_for_idle_kernel(page: Any, server: JupyterLabServer, notebook: str) -> None:
    """Wait until the server has started the notebook's kernel and reports it idle, and the page shows it idle."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{server.url}/api/sessions", timeout=5) as response:
            sessions = json.load(response)
        states = [s["kernel"]["execution_state"] for s in sessions if s.get("path") == notebook and s.get("kernel")]
        if states == ["idle"]:
            break
        page.wait_for_timeout(250)
    else:
        raise TimeoutError(f"no idle kernel for {notebook} after {SERVER_START_SECONDS} s")
    page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=30_000)


def run_all_cells(opened: LabPage, timeout_s: float = 120.0, attempts: int = 3) -> None:
    """Run > Run All Cells, from the menu bar as a user would, and wait until the run is over: the kernel idle and
    no cell queued or running. A click the page takes while its kernel connection is still settling runs nothing:
    then it clicks again. Error outputs (tracebacks) go to `opened.cell_errors`."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = opened.page
    for _ in range(attempts):
        page.evaluate(WATCH_RUN_JS)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            page.wait_for_function("() => window.__iskRunStarted === true", timeout=10_000)
        except PlaywrightTimeout:  # the click ran nothing: click again
            continue
        break
    else:
        raise TimeoutError(f"Run All Cells started no cell of {opened.notebook} in {attempts} attempts")
    deadline = time.monotonic() + timeout_s
    state: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        state = page.evaluate(NOTEBOOK_STATE_JS)
        if state is not None and state["status"] == "idle" and not any("*" in p for p in state["prompts"]):
            opened.cell_errors = list(state["errors"])
            return
        page.wait_for_timeout(250)
    raise TimeoutError(f"{opened.notebook} did not finish running in {timeout_s} s: {state}")


def save_notebook(opened: LabPage) -> None:
    """File > Save Notebook from the menu bar (a keyboard shortcut would go to whatever frame has the focus), and
    wait until the tab is no longer marked unsaved."""
    page = opened.page
    page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
    # "Save Notebook" (or "Save" with no notebook-specific label), not "Save Notebook As…" nor "Save All".
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Save( Notebook)?$")).click()
    page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").wait_for(state="detached", timeout=15_000)


@contextlib.contextmanager
def open_notebook(
    browser: LabBrowser, server: JupyterLabServer, notebook: str, timeout_s: float = 120.0, run_all: bool = True
) -> Iterator[LabPage]:
    """Open `notebook` (a path under `server.root`) in JupyterLab with every request that does not go to the server
    blocked and counted, run all cells from the menu (unless not `run_all`: then only wait for its idle kernel),
    wait for them, and yield the page and what it logged."""
    context = browser.browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    opened = LabPage(page=page, notebook=notebook, proxy=browser.proxy, proxy_from=len(browser.proxy.refused))

    def route(route: Any) -> None:
        url = route.request.url
        if server.serves(url):
            opened.requests_made.append(url)
            route.continue_()
        else:
            opened.requests_routed_away.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda message: opened.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: opened.page_errors.append(str(error)))
    try:
        started = time.monotonic()
        page.goto(f"{server.url}/lab/tree/{notebook}?reset", wait_until="load")
        _wait_for_idle_kernel(page, server, notebook)
        if run_all:
            run_all_cells(opened, timeout_s)
        opened.run_seconds = time.monotonic() - started
        yield opened
    finally:
        context.close()
        opened.proxy_until = len(browser.proxy.refused)
