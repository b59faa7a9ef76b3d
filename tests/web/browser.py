"""Driving Debian's chromium with Playwright: launch, screenshots, and axe-core scans.

Browser tests never skip silently: without chromium or axe-core they fail and say how to fix it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.web.server import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = REPO_ROOT / "tests" / "web" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
AXE_RESULTS = REPO_ROOT / "test-artifacts" / "axe"
BLOCKING_IMPACTS = ("serious", "critical")


@contextmanager
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-system-deps.sh (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG under test-artifacts/screenshots/ (the folder is gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page: Page, name: str, context: str | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the page (or a CSS selector in it); saves the full result, returns the
    serious and critical violations."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/web` (make test does)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    script = "(context) => axe.run(context || document, {resultTypes: ['violations']})"
    result = page.evaluate(script, context)
    AXE_RESULTS.mkdir(parents=True, exist_ok=True)
    summary = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]
    (AXE_RESULTS / f"{name}.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return [v for v in summary if v["impact"] in BLOCKING_IMPACTS]
