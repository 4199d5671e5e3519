"""Which pages `invoke screenshots` photographs."""

from __future__ import annotations

from chatcal.tools.screenshots import pages


def test_every_page_kind_is_photographed_the_found_ones_first_after_home(built_site):
    found = dict(pages(built_site))
    assert [name for name, _ in pages(built_site)][:4] == ["home", "chat", "session", "topic"]
    assert found["chat"] == "/chats/biweekly-london/"
    assert found["session"].startswith("/chats/") and found["session"].count("/") == 4
    assert (built_site / found["session"].strip("/") / "index.html").is_file()
    assert found["topic"].startswith("/topics/")
