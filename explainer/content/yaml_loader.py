"""A small, safe YAML reader for content files.

PyYAML's C parser builds the node tree (``yaml.compose`` with the safe
loader: no tag can run code). This module turns the nodes into plain lists,
mappings, strings and numbers itself, so that it can keep what the content
needs and PyYAML's defaults do not give:

- dates stay text (the validator checks them and names the field);
- only ``true`` and ``false`` are booleans: YAML 1.1 would also read yes, no,
  on and off, and "NO" (Norway's country code), as booleans;
- a key given twice in one mapping is an error (YAML keeps the last silently);
- a list or mapping used twice (an anchor and its alias, ``&name``/``*name``)
  is an error, which also defuses "billion laughs" alias bombs.

Any other tag (``!!binary``, ``!!set``, ``!include``, ``!!python/...``) goes to
PyYAML's safe constructor, which builds the safe ones (the validator then says
they are not text) and refuses the rest.
"""

from __future__ import annotations

import collections.abc

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_TRUE, _FALSE = frozenset({"true", "True", "TRUE"}), frozenset({"false", "False", "FALSE"})
_AS_TEXT = frozenset({_TAG + "timestamp", _TAG + "bool"})  # dates, and yes/no/on/off


class DuplicateKey(yaml.YAMLError):
    """A mapping gives the same key twice.

    Attributes
    ----------
    key : str
    record : str or None
        The ``id`` given in the same mapping, if any.
    lines : (int, int)
        The lines (from 1) of the two keys.
    """

    def __init__(self, key: str, record: str | None, lines: tuple[int, int]):
        super().__init__(key)
        self.key, self.record, self.lines = key, record, lines


class Aliased(yaml.YAMLError):
    """A list or mapping is used twice (an anchor and its alias)."""


def parse(text: str):
    """The content of one YAML document as plain Python values (None for an empty one).

    Raises
    ------
    DuplicateKey, Aliased
        As described in the module docstring.
    yaml.YAMLError
        For syntax errors and refused tags (``ConstructorError``).
    """
    node = yaml.compose(text, Loader=_Loader)
    if node is None:
        return None
    return _Converter().convert(node)


class _Converter:
    def __init__(self):
        self.seen: set[int] = set()
        self.general = None

    def convert(self, node):
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return node.value
            if tag in _AS_TEXT:
                value = node.value
                if tag == _TAG + "bool" and (value in _TRUE or value in _FALSE):
                    return value in _TRUE
                return value
            return self.construct(node)
        if id(node) in self.seen:
            raise Aliased()
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            return [self.convert(child) for child in node.value]
        if isinstance(node, yaml.MappingNode) and tag == _MAP:
            _check_keys(node)
            out = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node)
                if not isinstance(key, collections.abc.Hashable):
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark
                    )
                out[key] = self.convert(value_node)
            return out
        return self.construct(node)

    def construct(self, node):
        """Numbers, nulls and explicitly tagged values, by PyYAML's safe constructor."""
        if self.general is None:
            self.general = yaml.constructor.SafeConstructor()
        return self.general.construct_object(node, deep=True)


def _check_keys(node) -> None:
    seen = {}
    for key_node, _value in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.value in seen:
                ids = [v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)]
                first = seen[key_node.value]
                raise DuplicateKey(key_node.value, ids[0] if ids else None, (first + 1, key_node.start_mark.line + 1))
            seen[key_node.value] = key_node.start_mark.line
