"""The offline bundle's search in Firefox, from file://.

Firefox treats every file:// page as an origin of its own, unlike Chromium.
Debian's firefox-esr (installed by `make test`) is driven through Marionette,
its built-in remote protocol, with the marionette_driver package: Playwright
would need a Firefox build of its own, which cannot be downloaded here.
"""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time

import pytest

from search_cases import ENGLISH_PAIRS, ISSUE_WORDS, NOTHING

marionette = pytest.importorskip("marionette_driver.marionette")
from marionette_driver.by import By  # noqa: E402
from marionette_driver.keys import Keys  # noqa: E402

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
pytestmark = pytest.mark.skipif(not FIREFOX, reason="no Firefox (make test installs Debian's firefox-esr)")

PREFS = {  # quiet: no first-run pages, no background connections to the (absent) network
    "browser.shell.checkDefaultBrowser": False, "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False, "app.update.enabled": False, "browser.startup.page": 0,
    "network.captive-portal-service.enabled": False, "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False, "extensions.update.enabled": False,
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def firefox(tmp_path_factory):
    profile = tmp_path_factory.mktemp("firefox-profile")
    port = _free_port()
    prefs = {**PREFS, "marionette.port": port}
    (profile / "user.js").write_text("".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n"
                                             for k, v in prefs.items()), encoding="utf-8")
    process = subprocess.Popen([FIREFOX, "--headless", "--marionette", "--no-remote", "--profile", str(profile)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = marionette.Marionette(host="127.0.0.1", port=port, startup_timeout=120)
    try:
        client.start_session()
        yield client
        client.delete_session()
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait(client, script: str, *args, timeout: float = 15):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = client.execute_script(script, script_args=args)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


META = "return document.querySelector('.md-search-result__meta').innerText.trim()"
PAGES = "return [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href.split('?')[0])"


class FirefoxSearchBox:
    def __init__(self, client, url: str):
        self.client = client
        client.navigate(url)
        client.find_element(By.CSS_SELECTOR, "input.md-search__input").click()
        self.placeholder = _wait(client, META)

    def search(self, words: str) -> tuple[str, list[str]]:
        """Typed key by key, as a reader types."""
        box = self.client.find_element(By.CSS_SELECTOR, "input.md-search__input")
        box.clear()
        box.send_keys(Keys.END)  # a keyup: Material empties the results
        _wait(self.client, "return !document.querySelector('.md-search-result__item')")
        box.send_keys(words)
        box.send_keys(Keys.END)
        _wait(self.client, "return document.querySelector('.md-search-result__meta').innerText.trim()"
                           " !== arguments[0]", self.placeholder)
        # Each letter typed may start a search: wait for the results to stay as they are.
        last = None
        while (now := (self.client.execute_script(META), self.client.execute_script(PAGES))) != last:
            last = now
            time.sleep(0.4)
        return now


def test_firefox_from_file_finds_every_form_as_its_base_form(firefox, bundle):
    box = FirefoxSearchBox(firefox, (bundle / "ru" / "priorities.html").as_uri())
    for word, base in ISSUE_WORDS:
        found, expected = box.search(word), box.search(base)
        assert found == expected and expected[1], (word, found, base, expected)
        assert all("/ru/" in page for page in found[1]), found
    assert box.search("ъщъщ") == (NOTHING["ru"], [])
    box = FirefoxSearchBox(firefox, (bundle / "priorities.html").as_uri())
    for base, other in ENGLISH_PAIRS[:3]:
        assert box.search(base) == box.search(other), (base, other)


def test_firefox_from_file_marks_the_words_on_the_page_opened(firefox, bundle):
    box = FirefoxSearchBox(firefox, (bundle / "ru" / "priorities.html").as_uri())
    _, pages = box.search("ребенок")
    firefox.find_element(By.CSS_SELECTOR, "a.md-search-result__link").click()
    _wait(firefox, "return location.href.split('?')[0] === arguments[0]", pages[0])
    marked = _wait(firefox, "return [...document.querySelectorAll('article mark')].map(m => m.innerText)")
    assert all(m.lower().replace("ё", "е").startswith("ребен") for m in marked), marked
