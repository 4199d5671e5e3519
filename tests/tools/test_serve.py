"""The local server sends the built site as a static host would."""

import gzip
import http.client
from urllib.parse import urlsplit

import pytest

from tests.support import serving


def get(base: str, path: str, **headers) -> http.client.HTTPResponse:
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", path, headers=headers)
    return connection.getresponse()


@pytest.mark.parametrize("path, file, content_type", [
    ("/calendar/", "calendar/index.html", "text/html; charset=utf-8"),
    ("/calendar.ics", "calendar.ics", "text/calendar; charset=utf-8"),
    ("/data/schedules.json", "data/schedules.json", "application/json"),
])
def test_text_is_compressed_for_clients_that_accept_gzip(built_site, path, file, content_type):
    with serving(built_site) as base:
        response = get(base, path, **{"Accept-Encoding": "gzip, deflate"})
        body = response.read()
        assert response.status == 200 and response.getheader("Content-Encoding") == "gzip"
        assert response.getheader("Content-Type") == content_type and response.getheader("Vary") == "Accept-Encoding"
        assert gzip.decompress(body) == (built_site / file).read_bytes()
        plain = get(base, path)
        assert plain.getheader("Content-Encoding") is None and plain.read() == (built_site / file).read_bytes()


def test_folders_without_a_slash_still_redirect(built_site):
    with serving(built_site) as base:
        response = get(base, "/calendar", **{"Accept-Encoding": "gzip"})
        assert response.status == 301 and response.getheader("Location") == "/calendar/"


def test_a_missing_page_gets_the_sites_404_page(built_site):
    with serving(built_site) as url:
        response = get(url, "/no/such/page/")
        assert response.status == 404
        assert "Page not found" in response.read().decode("utf-8")
