"""The installed package holds every subpackage, as pyproject.toml finds them."""

from __future__ import annotations

import tomllib

from setuptools import find_packages

from tests.support import ROOT


def test_every_folder_of_the_package_is_found():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = set(find_packages(str(ROOT), **config["tool"]["setuptools"]["packages"]["find"]))
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "chatcal").rglob("__init__.py")}
    assert folders and folders <= found
    assert {"chatcal.schedule", "chatcal.chatfile", "chatcal.ical", "chatcal.site", "chatcal.build",
            "chatcal.tools", "chatcal.tools.importer"} <= found
