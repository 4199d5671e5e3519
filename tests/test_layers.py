"""The package's layers hold: no import climbs a layer, and nothing below
`build/` and `tools/` knows Pelican, requests or the network.

Layers, lowest first: the ground (`chatcal/*.py`), `schedule/`, `chatfile/`,
then `ical/` and `site/` side by side (neither imports the other), then
`build/`, then `tools/`. A module may import its own layer and the layers
below it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "chatcal"
RANK = {"": 0, "schedule": 1, "chatfile": 2, "ical": 3, "site": 3, "build": 4, "tools": 5}
# Importing any of these means a module reads the network or runs inside Pelican.
OUTSIDE_WORLD = {"pelican", "requests", "urllib3", "socket", "http", "urllib.request", "livereload", "invoke"}


def layer_of(module: str) -> str:
    """`chatcal.site.pages` -> `site`; `chatcal.model` -> `` (the ground)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in RANK) else ""


def modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def imports_of(module: str) -> list[str]:
    """Every module `module` imports, at any depth of its code (functions too)."""
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = PACKAGE.parent / module.replace(".", "/") / "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = module.split(".")[: -node.level + (1 if path.name == "__init__.py" else 0) or None]
                node_module = ".".join(base + ([node.module] if node.module else []))
            else:
                node_module = node.module or ""
            found.append(node_module)
            found += [f"{node_module}.{alias.name}" for alias in node.names if node_module == "chatcal"]
    return found


def climbs(module: str, imported: str) -> bool:
    if not imported.startswith("chatcal.") or imported == "chatcal":
        return False
    mine, theirs = layer_of(module), layer_of(imported)
    if mine == theirs:
        return False
    return RANK[theirs] >= RANK[mine]


def test_layer_of_names_each_folder():
    assert layer_of("chatcal.model") == ""
    assert layer_of("chatcal.schedule") == "schedule"
    assert layer_of("chatcal.schedule.rules") == "schedule"
    assert layer_of("chatcal.tools.importer.rows") == "tools"


def test_the_check_sees_a_climbing_import():
    assert climbs("chatcal.schedule.rules", "chatcal.chatfile.values")
    assert climbs("chatcal.site.pages", "chatcal.ical.feeds")
    assert climbs("chatcal.ical.feeds", "chatcal.site.links")
    assert climbs("chatcal.model", "chatcal.schedule.tz")
    assert not climbs("chatcal.site.pages", "chatcal.chatfile.format")
    assert not climbs("chatcal.tools.scaffold", "chatcal.build")


@pytest.mark.parametrize("module", modules())
def test_no_import_climbs_a_layer(module):
    assert [name for name in imports_of(module) if climbs(module, name)] == []


@pytest.mark.parametrize("module", [m for m in modules() if layer_of(m) not in ("build", "tools")])
def test_below_build_and_tools_nothing_knows_pelican_or_the_network(module):
    outside = [name for name in imports_of(module)
               if any(name == world or name.startswith(world + ".") for world in OUTSIDE_WORLD)]
    assert outside == []


def test_the_model_loads_no_yaml_tzdata_or_langcodes():
    code = "import sys, chatcal.model; print(sorted(m for m in ('yaml', 'tzdata', 'langcodes') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("module", modules())
def test_each_module_imports_alone_in_a_fresh_interpreter(module):
    # A module that imports only because another one was imported first breaks in tools that import it alone.
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
