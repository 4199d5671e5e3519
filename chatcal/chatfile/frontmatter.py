"""Reading a chat file: front matter as a tree of strings with line numbers.

YAML is read event by event and built into our own small tree, so that:
- every scalar stays a string (no implicit typing: `21:00`, `no`, dates);
- tags, anchors and aliases are refused before anything is expanded
  (no `!!python/...`, no billion laughs), and nesting is bounded;
- every value keeps the line it came from, for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

MAX_FILE_BYTES = 64 * 1024
# libyaml's parser when PyYAML was built with it: the same events, much faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 8


@dataclass(frozen=True)
class Scalar:
    text: str
    line: int
    plain: bool = True  # written without quotes


@dataclass(frozen=True)
class Sequence:
    items: tuple
    line: int


@dataclass(frozen=True)
class Mapping:
    entries: dict  # key text -> (key line, value node)
    line: int


Node = Scalar | Sequence | Mapping


@dataclass
class ChatSource:
    """A chat file split into front matter and body, or the reasons it can't be."""

    front: Mapping | None = None
    body: str = ""
    body_line: int = 0
    lines: list[str] = field(default_factory=list)  # front matter lines, 1-based via line-1
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, message)

    def raw_line(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str, field: str = "front matter"):
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


def read_chat_source(data: bytes) -> ChatSource:
    """Split and parse raw file bytes; problems are collected, never raised."""
    source = ChatSource()
    try:
        text = _decode(data)
        front_text, front_start, source.body, source.body_line = _split(text)
        source.lines = text.split("\n")
        source.front = parse_yaml(front_text, front_start)
    except FrontMatterError as error:
        source.errors.append((error.line, error.field, error.message))
    return source


def _decode(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise FrontMatterError(
            1,
            f"file is {len(data):,} bytes; expected at most {MAX_FILE_BYTES:,} (64 KB): "
            "shorten the description",
            "file",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FrontMatterError(
            line,
            f"bytes that are not UTF-8 (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}): save the file as UTF-8",
            "file",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if "\x00" in text:
        raise FrontMatterError(text[: text.index("\x00")].count("\n") + 1,
                               "NUL character in the file: save it as UTF-8 text", "file")
    return text


def _split(text: str) -> tuple[str, int, str, int]:
    """Front matter text, its first line number, body text, body first line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError(
            1,
            f"expected the file to start with a line `---`, found {_quote(lines[0] if lines else '')}: "
            "put the front matter between two lines of `---`",
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == "---":
            body = "\n".join(lines[number:])
            return "\n".join(lines[1 : number - 1]), 2, body, number + 1
    raise FrontMatterError(
        len(text.rstrip("\n").split("\n")),
        "missing closing `---`: end the front matter with a line `---` before the description",
    )


def _quote(text: str) -> str:
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"`{text}`" if text else "an empty line"


def parse_yaml(text: str, first_line: int) -> Mapping:
    """Front matter text to a Mapping of strings, refusing unsafe YAML."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise FrontMatterError(
                number, "tab character in indentation: YAML needs spaces; replace the tab with spaces"
            )
    try:
        events = _events(text, first_line)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = (error.problem or error.context or "invalid YAML").strip()
        raise FrontMatterError(line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:
        raise FrontMatterError(first_line, f"YAML syntax error: {error}") from None
    builder = _TreeBuilder(events, first_line)
    root = builder.document()
    if root is None:
        raise FrontMatterError(first_line, "front matter is empty: expected `title`, `hashtag`, `schedule` and `added`")
    if not isinstance(root, Mapping):
        raise FrontMatterError(root.line, f"expected a mapping of `key: value` lines, found {_kind(root)}")
    return root


def _events(text: str, first_line: int) -> list:
    """The YAML events, with libyaml; with the pure parser when something is wrong.

    The pure parser's messages say more ("expected ',' or ']', but got ':'"),
    and it meets our nesting limit before its own.
    """
    try:
        return _parse_events(text, first_line, LOADER)
    except yaml.YAMLError:
        return _parse_events(text, first_line, yaml.SafeLoader)


def _parse_events(text: str, first_line: int, loader) -> list:
    """The YAML events, stopping as soon as nesting goes too deep."""
    events, depth = [], 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrontMatterError(first_line + event.start_mark.line,
                                       f"nesting deeper than {MAX_DEPTH} levels is not allowed")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        events.append(event)
    return events


def _kind(node: Node) -> str:
    if isinstance(node, Scalar):
        return f"the text {_quote(node.text)}"
    return "a list" if isinstance(node, Sequence) else "a mapping"


class _TreeBuilder:
    def __init__(self, events: list, first_line: int):
        self.events = events
        self.position = 0
        self.first_line = first_line

    def _next(self):
        event = self.events[self.position]
        self.position += 1
        return event

    def _line(self, event) -> int:
        return self.first_line + event.start_mark.line

    def document(self) -> Node | None:
        root = None
        while self.position < len(self.events):
            event = self._next()
            if isinstance(event, yaml.DocumentStartEvent):
                if root is not None:
                    raise FrontMatterError(self._line(event), "more than one YAML document in the front matter")
                root = self.node(self._next())
        return root

    def _refuse_features(self, event) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise FrontMatterError(
                self._line(event), f"YAML alias `*{event.anchor}` is not allowed: write the value out in full"
            )
        if getattr(event, "anchor", None):
            raise FrontMatterError(
                self._line(event), f"YAML anchor `&{event.anchor}` is not allowed: write the value out in full"
            )
        if getattr(event, "tag", None) and event.tag != "!":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise FrontMatterError(
                self._line(event), f"YAML tag `{tag}` is not allowed: remove it (values are read as text)"
            )

    def node(self, event) -> Node:
        # Nesting was bounded while the events were read (_parse_events).
        self._refuse_features(event)
        if isinstance(event, yaml.ScalarEvent):
            return Scalar(event.value, self._line(event), not event.style)  # libyaml says "" for plain
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(self.events[self.position], yaml.SequenceEndEvent):
                items.append(self.node(self._next()))
            self._next()
            return Sequence(tuple(items), self._line(event))
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(event)
        raise FrontMatterError(self._line(event), "unexpected YAML structure")

    def _mapping(self, start) -> Mapping:
        entries = {}
        while not isinstance(self.events[self.position], yaml.MappingEndEvent):
            key = self.node(self._next())
            if not isinstance(key, Scalar):
                raise FrontMatterError(key.line, "a key must be plain text, found a list or mapping")
            if key.text == "<<":
                raise FrontMatterError(key.line, "YAML merge keys (`<<`) are not allowed: write the keys out")
            if key.text in entries:
                first = entries[key.text][0]
                raise FrontMatterError(
                    key.line, f"duplicate key `{key.text}` (first given on line {first}): keep only one", key.text
                )
            entries[key.text] = (key.line, self.node(self._next()))
        self._next()
        return Mapping(entries, self._line(start))
