"""Fixtures of the browser tests: the demo network served on a local port, and a Finnish Chromium page."""
from __future__ import annotations

import pytest

from tests.support import network as net
from tests.support.browser import chromium, served


@pytest.fixture
def server(tmp_path):
    """The address of a fresh demo network served to the browser."""
    with served(net.build(tmp_path)) as url:
        yield url


@pytest.fixture
def page():
    """A page of headless Chromium in Finnish."""
    with chromium() as browser:
        yield browser.new_context(locale="fi-FI").new_page()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a module's tests (each test takes its own context)."""
    with chromium() as launched:
        yield launched
