"""Import chats from the maintainers' spreadsheet (a CSV file or URL).

The spreadsheet is free text typed by many people over years: "Tuesdays 9pm
ET", "every other Wed 8:00 PM GMT", "1st Thursday 12:00 EST". A row becomes a
chat file only when its schedule can be read one way; anything ambiguous is
reported with its row number and the reason, for a person to write by hand.
Every file written passes the validator, and existing files are never
touched.

    rows = read_rows("chats.csv")            # or an http(s) URL
    result = import_rows(rows, "title=Chat Name", existing_chats_in(chats_dir),
                         today, chats_dir, dry_run=True)
    print(format_report(result))

In three parts: `sheet` (reading the sheet and its columns), `schedules`
(free-text schedules and time zones) and `rows` (rows to chat files).
"""

from chatcal.tools.importer.rows import (
    ExistingChat,
    ImportResult,
    existing_chats_in,
    format_report,
    import_rows,
    run_import,
)
from chatcal.tools.importer.schedules import interpret_schedule, parse_schedule_text
from chatcal.tools.importer.sheet import (
    ImportFailure,
    parse_mapping,
    read_rows,
    resolve_columns,
)

__all__ = [
    "ExistingChat", "ImportFailure", "ImportResult", "existing_chats_in", "format_report", "import_rows",
    "interpret_schedule", "parse_mapping", "parse_schedule_text", "read_rows", "resolve_columns", "run_import",
]
