"""Reading a YAML document as a tree of nodes, so that every problem can name its line.

`yaml.safe_load` loses line numbers; composing nodes keeps them. Nothing here constructs an
arbitrary Python object: only plain text, whole numbers, lists and mappings are read, and tags,
anchors and aliases are refused rather than interpreted.
"""

from collections.abc import Iterable

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_TAG = "tag:yaml.org,2002:"
_KINDS = {
    f"{_TAG}str": "text",
    f"{_TAG}int": "a whole number",
    f"{_TAG}float": "a decimal number",
    f"{_TAG}bool": "true or false",
    f"{_TAG}null": "an empty value",
    f"{_TAG}timestamp": "a date",
}


class NodeProblem(Exception):
    """A problem at a line of the document; the caller adds the name of the source."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def describe(node: Node) -> str:
    if isinstance(node, MappingNode) and node.tag == f"{_TAG}map":
        return "a mapping"
    if isinstance(node, SequenceNode) and node.tag == f"{_TAG}seq":
        return "a list"
    return _KINDS.get(node.tag, f"a value tagged {node.tag}")


def document_compose(text: str) -> Node:
    """The single document in `text`, as nodes; refuses invalid YAML, aliases and emptiness."""
    try:
        # Aliases are refused before composing: a few lines of them can expand to millions of nodes.
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                raise NodeProblem(line, "anchors and aliases (& and *) are not allowed")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        line = 1
        for mark in (error.problem_mark, error.context_mark):
            if mark is not None:
                line = mark.line + 1
                break
        words = ", ".join(part for part in (error.context, error.problem) if part)
        raise NodeProblem(line, f"not valid YAML: {words}") from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise NodeProblem(line, f"not valid YAML: {error.reason} {error.character!r}") from None
    if node is None:
        raise NodeProblem(1, "the file is empty")
    return node


class Mapping:
    """A YAML mapping with text keys, each key appearing once."""

    def __init__(self, node: Node, what: str) -> None:
        if not isinstance(node, MappingNode) or node.tag != f"{_TAG}map":
            raise NodeProblem(line_of(node), f"{what} must be a mapping of keys to values, not {describe(node)}")
        self.node = node
        self.what = what
        self.line = line_of(node)
        self.values: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != f"{_TAG}str":
                raise NodeProblem(line_of(key_node), f"a key in {what} must be text, not {describe(key_node)}")
            key = key_node.value
            if key in key_lines:
                raise NodeProblem(
                    line_of(key_node), f"key '{key}' appears twice in {what} (first at line {key_lines[key]})"
                )
            key_lines[key] = line_of(key_node)
            self.values[key] = value_node
        self.key_lines = key_lines

    def refuse_unknown(self, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key, line in self.key_lines.items():
            if key not in allowed:
                raise NodeProblem(line, f"unknown key '{key}' in {self.what}; expected one of: {', '.join(allowed)}")

    def required(self, key: str) -> Node:
        if key not in self.values:
            raise NodeProblem(self.line, f"{key} is missing from {self.what}")
        return self.values[key]

    def optional(self, key: str) -> Node | None:
        return self.values.get(key)


def text(node: Node, what: str, *, max_length: int = 10_000) -> str:
    if not isinstance(node, ScalarNode) or node.tag != f"{_TAG}str":
        raise NodeProblem(line_of(node), f"{what} must be text, not {describe(node)}")
    value = str(node.value).strip()
    if not value:
        raise NodeProblem(line_of(node), f"{what} is empty")
    if len(value) > max_length:
        raise NodeProblem(line_of(node), f"{what} is longer than {max_length} characters")
    return value


def whole_number(node: Node, what: str, *, minimum: int) -> int:
    if not isinstance(node, ScalarNode) or node.tag != f"{_TAG}int":
        raise NodeProblem(line_of(node), f"{what} must be a whole number, not {describe(node)}")
    value = SafeConstructor().construct_yaml_int(node)
    if value < minimum:
        raise NodeProblem(line_of(node), f"{what} must be at least {minimum}, not {value}")
    return value


def items(node: Node, what: str) -> list[Node]:
    """The items of a list; an empty value counts as an empty list, so the caller says what is missing."""
    if isinstance(node, ScalarNode) and node.tag == f"{_TAG}null":
        return []
    if not isinstance(node, SequenceNode) or node.tag != f"{_TAG}seq":
        raise NodeProblem(line_of(node), f"{what} must be a list, not {describe(node)}")
    return list(node.value)
