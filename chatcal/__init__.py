"""chatcal: the open directory and calendar of recurring online chats.

The package is in layers; each imports only the layers below it:

- `tools/`: maintainers' and contributors' commands (importer, scaffold, link check, ...)
- `build/`: one build: check, render into a staging directory, publish; the build cache
- `site/` and `ical/`, side by side: what pages and open data show; calendar feeds
- `chatfile/`: read, check and write chat files (the one declarative format description)
- `schedule/`: when chats meet: time zones, rules to sessions, schedules in words
- this folder: the ground every layer shares: `model`, `report`, `urls`, `markup`, `forkmap`

Nothing below `build/` and `tools/` imports Pelican, requests or the network.
"""
