"""YAML reading that remembers where each value came from, so errors can name FILE:LINE."""

from __future__ import annotations

from dataclasses import dataclass

import yaml


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


def _convert(
    loader: yaml.SafeLoader, node: yaml.Node, problems: list[YamlProblem], path: frozenset = frozenset()
) -> object:
    if id(node) in path:
        problems.append(YamlProblem(_node_line(node), "this value refers to itself (an anchor inside its own alias)"))
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
                problems.append(YamlProblem(_node_line(key_node), "a key cannot be a list or a map"))
                continue
            if key in result:
                problems.append(
                    YamlProblem(
                        _node_line(key_node),
                        f"'{key}' appears twice here (first on line {result.key_lines[key]}); "
                        "keep one",
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
    return loader.construct_object(node, deep=True)


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _quote_hint(source_line: str) -> str:
    stripped = source_line.strip()
    if "{" in stripped or ":" in stripped.split(":", 1)[-1]:
        return (
            "; if a text holds ? : , # { } or [, put it in double quotes, "
            'e.g. es: "¿Cómo estás?", or write it in block style (one language a line)'
        )
    return ""


def read_yaml(text: str) -> tuple[object | None, list[YamlProblem]]:
    """Parse one YAML document; returns (data with line info, problems). On a syntax error the
    data is None and the problem names the line, with a hint about quotes where it fits."""
    problems: list[YamlProblem] = []
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, problems
        return _convert(loader, node, problems), problems
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        lines = text.splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        what = (e.problem or e.context or "not valid YAML").strip()
        return None, [YamlProblem(line, f"YAML cannot read this line ({what}){_quote_hint(source_line)}")]
    except yaml.YAMLError as e:
        return None, [YamlProblem(1, f"YAML cannot read this file ({e})")]
    finally:
        loader.dispose()
