"""The field tables of CONTRIBUTING.md, generated from the format description.

The tables sit between marker comments; `invoke docs` rewrites them and a
test fails when the file and the description disagree.
"""

from __future__ import annotations

import re

from chatcal.chatfile.format import CHAT, ENTRY, HOST, SESSION, field_table

TABLES = {"chat": CHAT, "schedule-entry": ENTRY, "host": HOST.record, "session": SESSION}


def with_tables(text: str) -> str:
    """`text` with every `<!-- fields:NAME -->` block replaced by the current table."""
    for name, record in TABLES.items():
        pattern = re.compile(rf"(<!-- fields:{name} -->\n)(?:.*?\n)?(<!-- /fields:{name} -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"CONTRIBUTING.md lacks the markers of the `{name}` table")
        table = field_table(record)
        text = pattern.sub(lambda m, table=table: m[1] + table + "\n" + m[2], text)
    return text
