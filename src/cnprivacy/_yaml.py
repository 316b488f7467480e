"""Reading every YAML or JSON file the tool takes (profiles, policies, calendars, law data, app
data) strictly, so that a mistake or a hostile file is a one-line :class:`InputError`.

- Dates stay text, so that pydantic reports a bad date by field path (PyYAML's own timestamp
  constructor raises a bare ValueError on ``2026-02-31`` with no field).
- A key given twice is an error: YAML and JSON would let the last one win silently, and a
  second ``cn_mobile: keep`` in a de-identification policy would ship mobiles in clear.
- Aliases (``*name``) are refused outright. None of our formats needs them, and a few lines of
  nested aliases (a "billion laughs") expand into billions of values for the validator.
- Nesting is bounded (:data:`MAX_DEPTH`), as are integers (:data:`MAX_INT_DIGITS`), and text
  holding a lone surrogate (``"\\ud800"``, valid JSON but not encodable) is refused: each would
  otherwise surface as a traceback far from the file.

Parsing uses libyaml when present (much faster on big profiles); the slower node tree of the
pure-Python composer is built only when a validation error must be located.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import yaml

from cnprivacy.errors import InputError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"

#: Deepest nesting of sections and lists accepted; our formats need fewer than ten levels.
MAX_DEPTH = 64
#: Longest integer accepted, in digits (counts, amounts and years need far fewer).
MAX_INT_DIGITS = 30

# A field path is shown up to this many steps (a too-deep one would fill the screen).
_SHOWN_STEPS = 8

_SURROGATE = re.compile("[\ud800-\udfff]")


class _Problem(Exception):
    """Raised inside the parser and turned into an InputError with the file's name."""

    def __init__(self, problem: str, node: yaml.Node | None = None,
                 path: list[str | int] | None = None, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.node = node
        self.path = path
        self.line = line


def _without_timestamps(loader: type[yaml.resolver.BaseResolver]) -> None:
    loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for key, resolvers in loader.yaml_implicit_resolvers.items()
    }


class _StrictConstructor(yaml.constructor.SafeConstructor):
    """SafeConstructor that refuses repeated keys and overlong integers."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                repeated = key in seen
            except TypeError:
                continue  # unhashable: the base class reports it with its mark
            if repeated:
                raise _Problem(f"key {_short(key)!r} is given twice (each key may appear once)",
                               key_node)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if sum(ch.isdigit() for ch in str(node.value)) > MAX_INT_DIGITS:
            raise _Problem(f"number with more than {MAX_INT_DIGITS} digits", node)
        return int(super().construct_yaml_int(node))


_StrictConstructor.add_constructor(_INT, _StrictConstructor.construct_yaml_int)  # type: ignore[type-var]


class TextDatesLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type (pure Python; gives node marks)."""


_without_timestamps(TextDatesLoader)

_FastParser: Any
try:
    from yaml._yaml import CParser as _FastParser  # libyaml, the same parser CSafeLoader uses
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastParser = None


if _FastParser is not None:
    class _StrictLoader(_FastParser, _StrictConstructor, yaml.resolver.Resolver):
        """libyaml's parser with the strict constructor."""

        def __init__(self, stream: str) -> None:
            _FastParser.__init__(self, stream)
            _StrictConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    class _StrictLoader(  # type: ignore[no-redef]
            yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
            _StrictConstructor, yaml.resolver.Resolver):
        """The pure-Python parser with the strict constructor."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _StrictConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


_without_timestamps(_StrictLoader)


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _field(path: list[str | int]) -> str | None:
    text = ""
    for part in path[:_SHOWN_STEPS]:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    if len(path) > _SHOWN_STEPS:
        text += "..."
    return text or None


def _children(node: yaml.Node) -> Iterator[tuple[str | int | None, yaml.Node]]:
    """Each child node with the path step that leads to it (None for a mapping's key)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield None, key_node
            step = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            yield str(step), value_node
    elif isinstance(node, yaml.SequenceNode):
        yield from enumerate(node.value)


def _check_tree(root: yaml.Node) -> None:
    """Refuse aliases, deep nesting and lone surrogates before anything is constructed.

    The composer hands an alias back as the very node its anchor names, so a node met twice is
    an alias; the walk is iterative and visits each node once, so even a bomb costs its size.
    """
    seen: set[int] = set()
    # node, its field path, its depth, and the line of the key it sits under (an alias node
    # carries its anchor's position, so the key is the best pointer to where the alias is used)
    stack: list[tuple[yaml.Node, list[str | int], int, int]] = [
        (root, [], 0, root.start_mark.line + 1)]
    while stack:
        node, path, depth, key_line = stack.pop()
        if id(node) in seen:
            raise _Problem("uses an alias (*name); aliases are not accepted, write the value out",
                           node, path, key_line)
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _Problem(f"nested more than {MAX_DEPTH} levels deep", node, path)
        if isinstance(node, yaml.ScalarNode):
            if _SURROGATE.search(node.value):
                raise _Problem("text holds a lone surrogate (\\ud800-\\udfff), not a character",
                               node, path)
            continue
        line = key_line
        below: list[tuple[yaml.Node, list[str | int], int, int]] = []
        for step, child in _children(node):
            if step is None:
                line = child.start_mark.line + 1
                below.append((child, path, depth + 1, line))
            else:
                below.append((child, [*path, step], depth + 1, line))
        stack.extend(reversed(below))  # document order: an anchor is met before its aliases


def _path_to(root: yaml.Node, target: yaml.Node) -> list[str | int]:
    """The field path of ``target`` inside ``root`` (a mapping key: the mapping's path)."""
    stack: list[tuple[yaml.Node, list[str | int]]] = [(root, [])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        for step, child in _children(node):
            if child is target and step is None:
                return path
            stack.append((child, path if step is None else [*path, step]))
    return []




def _line(node: yaml.Node | None) -> int | None:
    mark = getattr(node, "start_mark", None)
    return None if mark is None else int(mark.line) + 1


def _load_yaml(text: str, source: str, error: type[InputError]) -> Any:
    loader = _StrictLoader(text)
    root: yaml.Node | None = None
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _check_tree(root)
        return loader.construct_document(root)
    except _Problem as problem:
        path = problem.path
        if path is None:
            path = _path_to(root, problem.node) if root is not None and problem.node else []
        raise error(source, problem.problem, field=_field(path),
                    line=problem.line or _line(problem.node)) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise error(source, f"malformed YAML: {err.problem or err.context or 'unreadable'}",
                    line=None if mark is None else mark.line + 1) from None
    except yaml.YAMLError as err:
        raise error(source, f"malformed YAML: {_short(err)}") from None
    except RecursionError:
        raise error(source, "malformed YAML: nested too deeply") from None
    except (ValueError, TypeError, OverflowError):
        # an explicit tag the value does not fit, such as ``!!int abc``
        raise error(source, "malformed YAML: a value does not fit its !!tag") from None
    finally:
        loader.dispose()


class _JsonProblem(Exception):
    """Something JSON's parser lets through; the YAML reading of the same text locates it."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _JsonProblem
    return result


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _JsonProblem
    return int(digits)


def _check_json(data: Any) -> None:
    """Depth and lone surrogates in parsed JSON (iterative: deep input must not recurse)."""
    stack: list[tuple[Any, list[str | int], int]] = [(data, [], 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _Problem(f"nested more than {MAX_DEPTH} levels deep", path=path)
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise _Problem("text holds a lone surrogate (\\ud800-\\udfff), not a character",
                               path=path)
        elif isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    raise _Problem("a key holds a lone surrogate (\\ud800-\\udfff)", path=path)
                stack.append((item, [*path, key], depth + 1))
        elif isinstance(value, list):
            stack.extend((item, [*path, i], depth + 1) for i, item in enumerate(value))


def _deeper_than_allowed(data: Any) -> bool:
    """Whether containers nest past MAX_DEPTH (level by level, looking at containers only:
    this runs on every JSON profile, some with hundreds of thousands of values)."""
    level, depth = [data], 0
    while level:
        if depth > MAX_DEPTH:
            return True
        below: list[Any] = []
        for value in level:
            items = value.values() if isinstance(value, dict) else value
            if isinstance(items, list) or isinstance(value, dict):
                below.extend(item for item in items if isinstance(item, dict | list))
        level, depth = below, depth + 1
    return False


# Only an escape can put a surrogate into parsed JSON (decoded file text holds none).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def load_text(text: str, source: str, error: type[InputError] = InputError) -> Any:
    """Parse YAML (or JSON, which takes a fast path) strictly, with dates left as text.

    Any problem is ``error(source, ...)`` naming the line and, where known, the field.
    """
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text, object_pairs_hook=_unique_pairs, parse_int=_bounded_int)
        except RecursionError:
            raise error(source, f"malformed JSON: nested more than {MAX_DEPTH} levels deep") \
                from None
        except (_JsonProblem, json.JSONDecodeError):
            pass  # not plain JSON, or a repeated key or long number: YAML locates the problem
        else:
            if not _deeper_than_allowed(data) and not _SURROGATE_ESCAPE.search(text):
                return data
            try:
                _check_json(data)  # the slower walk that names the field
            except _Problem as problem:
                raise error(source, problem.problem, field=_field(problem.path or [])) from None
            return data
    return _load_yaml(text, source, error)


def load_value(text: str) -> Any:
    """One value written in YAML (a command-line what-if); text that is not YAML stays text."""
    try:
        return _load_yaml(text, "command line", InputError)
    except InputError:
        return text


def compose(text: str) -> yaml.Node | None:
    """The node tree with line marks (only used to locate an error)."""
    try:
        return yaml.compose(text, Loader=TextDatesLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def line_of(text: str | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the field at ``loc`` (a validation error's location) in ``text``:
    as deep as the path can be followed, so a missing field points at its section."""
    node = compose(text) if text is not None else None
    best = _line(node)
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k_node, v_node in node.value:
                if k_node.value == key:
                    best, node = _line(k_node), v_node
                    break
            else:
                return best
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            best = _line(node)
        else:
            return best
    return best
