from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEVICES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
ARTIFACTS = Path(__file__).parent / "artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (make test does this)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(params=list(DEVICES))
def device(request) -> str:
    return request.param


@pytest.fixture
def page(browser, device, live_server, settings):
    settings.SITE_URL = live_server.url  # the site knows its own address: links in pages and emails use it
    context = browser.new_context(
        **DEVICES[device], base_url=live_server.url, timezone_id="Europe/Berlin", locale="en-GB"
    )
    page = context.new_page()
    yield page
    context.close()


class Journey:
    """Screenshots and axe checks for every page a journey visits."""

    def __init__(self, page, name: str, device: str):
        self.page, self.name, self.device = page, name, device
        self.axe = Axe()
        self.step = 0
        ARTIFACTS.mkdir(exist_ok=True)

    def check(self, label: str, axe: bool = True) -> None:
        self.step += 1
        self.page.wait_for_load_state("load")
        shot = ARTIFACTS / f"{self.name}-{self.device}-{self.step:02d}-{label}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        if axe:
            result = self.axe.run(self.page)
            assert result.violations_count == 0, f"{label}: {result.generate_report()}"
        fits = self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert fits, f"{label}: the page scrolls sideways at {self.device} width"
        assert self.page.get_by_role("link", name="Get help now").first.is_visible(), label


@pytest.fixture
def journey(page, device, request):
    return Journey(page, request.node.originalname, device)
