"""YAML reading that remembers where each value came from, so errors can name FILE:LINE.

Whatever the text, ``read_yaml`` answers with data or with problems that name a line; it never
raises. Content is small, so anything far larger than a real file is refused rather than read:
nesting deeper than ``MAX_DEPTH`` and more than ``MAX_VALUES`` values once aliases (``*name``)
are expanded, which stops an "alias bomb" before it takes the machine's memory.

Where PyYAML has libyaml (its wheels do), a file is parsed by libyaml first: the same nodes,
with the same lines, about twenty times sooner, which the kiosk's start feels. A file libyaml
cannot read, or whose values are a problem, is read again by the pure-Python reader, so every
problem is told in the same words whichever parser met it. (libyaml reads a few slips the
Python reader refuses, such as ``a: >#``, as the empty text they look like.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from decisionaid.i18n import _

MAX_DEPTH = 40
MAX_VALUES = 50_000
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _ContentLoader(yaml.SafeLoader):
    """SafeLoader without dates (content has none, and a bad one such as 2024-13-45 would raise
    while building the value) and with a bound on nesting, which PyYAML reads recursively."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooMuch(
                    self.peek_event().start_mark.line + 1,
                    _("values are nested more than {depth} deep here; content never needs that "
                      "many levels", depth=MAX_DEPTH),
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_FLOW_QUESTION = re.compile(r"[\[{][^\n]*\?|\?[^\n]*[\]}]")

if getattr(yaml, "__with_libyaml__", False):

    class _FastContentLoader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor,
                             yaml.resolver.Resolver):
        """libyaml's parser and composer with ``_ContentLoader``'s resolvers (no dates).
        libyaml itself refuses nesting deeper than a thousand levels."""

        yaml_implicit_resolvers = _ContentLoader.yaml_implicit_resolvers

        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastContentLoader = None


class _TooMuch(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class LineDict(dict):
    """A mapping read from YAML: ``line`` is where it starts, ``key_lines[k]`` where key k is."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: object) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence read from YAML: ``line`` is where it starts, ``item_lines[i]`` each element."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(frozen=True)
class YamlProblem:
    line: int
    message: str


def _node_line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _check_size(root: yaml.Node) -> None:
    """Raise _TooMuch when the document, with every alias expanded, is too big or too deep.

    Sizes are memoised per node, so this takes time in proportion to the text, however many
    times an alias repeats what it names."""
    sizes: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()

    def measure(node: yaml.Node) -> tuple[int, int]:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:  # refers to itself: _convert reports it
            return 1, 1
        open_nodes.add(key)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        count, depth = 1, 1
        for child in children:
            child_count, child_depth = measure(child)
            count += child_count
            depth = max(depth, child_depth + 1)
            if count > MAX_VALUES:
                raise _TooMuch(
                    _node_line(child),
                    _("the file holds more than {count:,} values by this line, once its aliases "
                      "(*name) are expanded; write the values out instead of repeating aliases",
                      count=MAX_VALUES),
                )
            if depth > MAX_DEPTH:
                raise _TooMuch(
                    _node_line(child),
                    _("values are nested more than {depth} deep here once aliases (*name) are "
                      "expanded; write the values out instead", depth=MAX_DEPTH),
                )
        open_nodes.discard(key)
        sizes[key] = (count, depth)
        return count, depth

    measure(root)


def _convert(
    loader: yaml.SafeLoader, node: yaml.Node, problems: list[YamlProblem], path: frozenset = frozenset()
) -> object:
    if id(node) in path:
        problems.append(YamlProblem(_node_line(node), _("this value refers to itself (an anchor "
                                                        "inside its own alias)")))
        return None
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        path = path | {id(node)}
    if isinstance(node, yaml.MappingNode):
        result = LineDict()
        result.line = _node_line(node)
        result.key_lines = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = _convert(loader, key_node, problems, path)
            if isinstance(key, dict | list) or not _hashable(key):
                problems.append(YamlProblem(_node_line(key_node), _("a key cannot be a list or a map")))
                continue
            if key in result:
                problems.append(
                    YamlProblem(
                        _node_line(key_node),
                        _("'{key}' appears twice here (first on line {first}); keep one",
                          key=key, first=result.key_lines[key]),
                    )
                )
                continue
            result[key] = _convert(loader, value_node, problems, path)
            result.key_lines[key] = _node_line(key_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LineList()
        result.line = _node_line(node)
        result.item_lines = []
        for child in node.value:
            result.append(_convert(loader, child, problems, path))
            result.item_lines.append(_node_line(child))
        return result
    try:
        return loader.construct_object(node, deep=True)
    # Any value PyYAML cannot build (!!int abc, a 5,000-digit number, an unknown tag) is a
    # problem at its line, whatever the exception.
    except Exception as e:
        problems.append(YamlProblem(_node_line(node), _("YAML cannot read this value ({reason}); "
                                                        "if it is a text, put it in double quotes",
                                                        reason=_reason(e))))
        return None


def _reason(error: Exception) -> str:
    if isinstance(error, yaml.MarkedYAMLError):
        return (error.problem or error.context or _("not valid YAML")).strip()
    # The first clause only: Python's own advice (e.g. on sys.set_int_max_str_digits) is not for editors.
    text = str(error).strip().splitlines()[0].split(";")[0] if str(error).strip() else ""
    return text or type(error).__name__


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _quote_hint(source_line: str) -> str:
    stripped = source_line.strip()
    if "{" in stripped or ":" in stripped.split(":", 1)[-1]:
        return _("; if a text holds ? : , # { } or [, put it in double quotes, e.g. es: "
                 "\"¿Cómo estás?\", or write it in block style (one language a line)")
    return ""


def _read_fast(text: str) -> tuple[object | None, list[YamlProblem]] | None:
    """``read_yaml`` through libyaml when the file reads without a problem; else None."""
    # Where the two parsers differ, the Python reader reads: tabs (libyaml takes some it
    # refuses), tags (!), and a ? beside a { or [ (libyaml reads {en: Ready?} as a text, the
    # Python reader refuses it with advice on quotes that the content check promises).
    if (_FastContentLoader is None or "\t" in text or "!" in text or _FLOW_QUESTION.search(text)
            or _NON_PRINTABLE.search(text)):
        return None
    loader = _FastContentLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        _check_size(node)
        problems: list[YamlProblem] = []
        data = _convert(loader, node, problems)
        return None if problems else (data, problems)
    except Exception:  # told in the pure-Python reader's words below
        return None
    finally:
        loader.dispose()


def read_yaml(text: str) -> tuple[object | None, list[YamlProblem]]:
    """Parse one YAML document; returns (data with line info, problems). On a syntax error the
    data is None and the problem names the line, with a hint about quotes where it fits."""
    fast = _read_fast(text)
    if fast is not None:
        return fast
    problems: list[YamlProblem] = []
    loader = None
    try:
        # The reader rejects NUL and other control characters as soon as it is built.
        loader = _ContentLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None, problems
        _check_size(node)
        return _convert(loader, node, problems), problems
    except _TooMuch as e:
        return None, [YamlProblem(e.line, e.message)]
    except yaml.reader.ReaderError as e:
        line = text.count("\n", 0, e.position) + 1
        return None, [
            YamlProblem(
                line,
                _("this line holds a control character ({char}) that a text file should not "
                  "have; delete it (copying from another program can bring it in)",
                  char=_char_name(e.character)),
            )
        ]
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps PyYAML well within the limit
        return None, [YamlProblem(1, _("values are nested too deep to read (more than "
                                       "{depth} levels)", depth=MAX_DEPTH))]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        lines = text.splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        what = (e.problem or e.context or "not valid YAML").strip()
        return None, [YamlProblem(line, _("YAML cannot read this line ({what}){hint}",
                                          what=what, hint=_quote_hint(source_line)))]
    except yaml.YAMLError as e:
        return None, [YamlProblem(1, _("YAML cannot read this file ({error})", error=e))]
    finally:
        if loader is not None:
            loader.dispose()


def _char_name(character: object) -> str:
    """U+000B for the reader's character, which PyYAML gives as a number or a one-letter text."""
    if isinstance(character, str) and len(character) == 1:
        character = ord(character)
    return f"U+{character:04X}" if isinstance(character, int) else repr(character)
