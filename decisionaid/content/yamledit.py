"""Setting one language of a text in a content YAML file by editing the file's text in place,
so that its comments, order, quoting and layout stay exactly as the author wrote them.

The edit works from the positions of the YAML nodes (``texts.ContentText.node``): an existing
``LANG:`` value is replaced where it stands; a missing one is added as a new line under the
map's other languages (block style) or at the end of the ``{…}`` (one-line style). A text
written once for every language becomes a map with each site language keeping it. Values are
written plain where YAML reads them back unchanged, else in double quotes; a text of several
lines as a ``|-`` block in block style.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from decisionaid.content.texts import ContentText

# Line breaks YAML also counts as line breaks; escaped inside double quotes.
_ODD_BREAKS = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``source[start:end]`` with ``text``."""

    start: int
    end: int
    text: str


def apply(source: str, edits: list[Edit]) -> str:
    """``source`` with every edit made (they must not overlap)."""
    result = source
    for edit in sorted(edits, reverse=True):
        result = result[: edit.start] + edit.text + result[edit.end:]
    return result


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    out = json.dumps(text, ensure_ascii=False)
    for char, escape in _ODD_BREAKS.items():
        out = out.replace(char, escape)
    return out


def _reads_as(snippet: str, text: str) -> bool:
    try:
        return yaml.safe_load(snippet) == {"k": text}
    except yaml.YAMLError:
        return False


def scalar(text: str, flow: bool) -> str:
    """One line of YAML for ``text``: plain when that reads back as the same text, else quoted."""
    plain_ok = (
        "\n" not in text
        and text == text.strip()
        and not any(c in text for c in _ODD_BREAKS)
        and "\t" not in text
        and (_reads_as(f"{{k: {text}}}", text) if flow else _reads_as(f"k: {text}", text))
        # The content reader takes a ? on a line with { or [ as a slip; avoid the doubt.
        and not (("?" in text) and any(c in text for c in "{}[]"))
    )
    return text if plain_ok else quoted(text)


def block_value(text: str, indent: int) -> str:
    """The value after ``KEY: `` in block style, for a key at column ``indent``."""
    if "\n" not in text:
        return scalar(text, flow=False)
    pad = " " * (indent + 2)
    body = "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))
    if (any(line.rstrip() != line for line in text.split("\n")) or any(c in text for c in _ODD_BREAKS)
            or "\t" in text or text != text.strip()):
        return quoted(text)  # spaces at either end and odd breaks survive only in quotes
    return "|-\n" + body


def _line_end(source: str, index: int) -> int:
    end = source.find("\n", index)
    end = len(source) if end < 0 else end
    return end - 1 if end > 0 and source[end - 1] == "\r" else end


def _block_scalar_end(source: str, node: yaml.ScalarNode, key_column: int) -> int:
    """Where a ``|``/``>`` block's last line of text ends."""
    lines_start = source.find("\n", node.start_mark.index)
    if lines_start < 0:
        return len(source)
    end = _line_end(source, node.start_mark.index)
    position = lines_start + 1
    while position < len(source):
        stop = _line_end(source, position)
        line = source[position:stop]
        if line.strip():
            if len(line) - len(line.lstrip(" ")) <= key_column:
                break
            end = stop
        nl = source.find("\n", position)
        if nl < 0:
            break
        position = nl + 1
    return end


def value_span(source: str, key: yaml.Node, value: yaml.Node) -> tuple[int, int]:
    """The characters of a scalar value (a block's indicator and its lines, no comment)."""
    if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):
        return value.start_mark.index, _block_scalar_end(source, value, key.start_mark.column)
    return value.start_mark.index, value.end_mark.index


def _value_end_line(source: str, key: yaml.Node, value: yaml.Node) -> int:
    """The end of the line on which ``value`` ends (after any comment on it)."""
    _, end = value_span(source, key, value)
    return _line_end(source, max(end - 1, value.start_mark.index))


def set_language(source: str, text: ContentText, language: str, value: str, languages: tuple[str, ...]) -> Edit:
    """The edit that makes ``text`` say ``value`` in ``language`` in ``source`` (the file's text
    as it was read when ``text`` was found)."""
    node = text.node
    newline = "\r\n" if "\r\n" in source else "\n"
    if isinstance(node, yaml.ScalarNode):
        # One text for every language: each site language keeps it, this one gets its own.
        keep = {lang: text.shared or "" for lang in languages if lang != language}
        parts = [f"{lang}: {quoted(words)}" for lang, words in {**keep, language: value}.items()]
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):
            column = text.key.start_mark.column if text.key is not None else 0
            start, end = node.start_mark.index, _block_scalar_end(source, node, column)
        return Edit(start, end, "{" + ", ".join(parts) + "}")
    if not isinstance(node, yaml.MappingNode):
        raise ValueError(f"{text.location} is not a text")
    flow = bool(node.flow_style)
    entries = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
    for key, current in entries:
        if key.value == language:
            start, end = value_span(source, key, current)
            new = scalar(value, flow=True) if flow and "\n" not in value else (
                quoted(value) if flow else block_value(value, key.start_mark.column))
            if start == end and source[start - 1:start] == ":":
                new = " " + new  # ``LANG:`` with nothing after it
            return Edit(start, end, new)
    if flow:
        if entries:
            last_key, last = entries[-1]
            at = value_span(source, last_key, last)[1]
            return Edit(at, at, f", {language}: {scalar(value, flow=True) if chr(10) not in value else quoted(value)}")
        at = node.end_mark.index - 1  # just inside the closing }
        return Edit(at, at, f"{language}: {quoted(value)}")
    if not entries:
        raise ValueError(f"{text.location} is an empty map")
    last_key, last = entries[-1]
    column = entries[0][0].start_mark.column
    at = _value_end_line(source, last_key, last)
    return Edit(at, at, f"{newline}{' ' * column}{language}: {block_value(value, column)}")
