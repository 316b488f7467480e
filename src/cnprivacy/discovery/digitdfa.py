"""A number-plan pattern as a deterministic automaton over the ten digits, for the C accelerator.

phonenumbers' national number patterns (:mod:`numberplan`) use literals, digit classes and
ranges, alternation, groups and counted repeats. Python's own regular-expression parser
(``re._parser``) reads the pattern; the automaton is built from its parse tree (Thompson
construction, then subset construction over the digits), so ``accepts(dfa, s)`` is
``re.fullmatch(pattern, s)`` for every digit string ``s`` (tested against ``re`` on random and
boundary numbers). Anything the construction does not know raises, and the caller keeps asking
Python instead.
"""

from __future__ import annotations

# Python's own pattern parser (named sre_parse before 3.11, which now warns on import).
import re._constants as _c
import re._parser as _sre
from array import array
from dataclasses import dataclass
from typing import Any

_DIGITS = "0123456789"


@dataclass(frozen=True, slots=True)
class DigitDFA:
    """``next[state * 10 + digit]`` is the next state or -1; state 0 starts."""

    next: bytes      # native int32 per (state, digit)
    accept: bytes    # one byte per state: 1 when a match may end there

    @property
    def states(self) -> int:
        return len(self.accept)


class _NFA:
    def __init__(self) -> None:
        self.eps: list[set[int]] = []
        self.on: list[dict[int, set[int]]] = []

    def state(self) -> int:
        self.eps.append(set())
        self.on.append({})
        return len(self.eps) - 1

    def build(self, items: list[tuple[Any, Any]], start: int) -> int:
        """States for a sequence of parse items from ``start``; returns the end state."""
        cur = start
        for op, av in items:
            cur = self._item(op, av, cur)
        return cur

    def _item(self, op: Any, av: Any, start: int) -> int:
        if op is _c.LITERAL or op is _c.IN:
            digits = _digits(op, av)
            end = self.state()
            for d in digits:
                self.on[start].setdefault(d, set()).add(end)
            return end
        if op is _c.SUBPATTERN:
            return self.build(list(av[3]), start)
        if op is _c.BRANCH:
            end = self.state()
            for branch in av[1]:
                self.eps[self.build(list(branch), start)].add(end)
            return end
        if op is _c.MAX_REPEAT:
            low, high, sub = av
            cur = start
            for _ in range(low):
                cur = self.build(list(sub), cur)
            if high is _c.MAXREPEAT:
                loop_end = self.build(list(sub), cur)
                self.eps[loop_end].add(cur)
                return cur
            end = self.state()
            self.eps[cur].add(end)
            for _ in range(high - low):
                cur = self.build(list(sub), cur)
                self.eps[cur].add(end)
            return end
        raise ValueError(f"pattern element {op} is not supported")

    def closure(self, states: frozenset[int]) -> frozenset[int]:
        out, todo = set(states), list(states)
        while todo:
            for nxt in self.eps[todo.pop()]:
                if nxt not in out:
                    out.add(nxt)
                    todo.append(nxt)
        return frozenset(out)


def _digits(op: Any, av: Any) -> set[int]:
    """The digits one LITERAL or IN element matches (other characters never occur here)."""
    items = [(op, av)] if op is _c.LITERAL else list(av)
    out: set[int] = set()
    for kind, value in items:
        if kind is _c.LITERAL:
            out |= {int(chr(value))} if chr(value) in _DIGITS else set()
        elif kind is _c.RANGE:
            out |= {int(chr(c)) for c in range(value[0], value[1] + 1) if chr(c) in _DIGITS}
        elif kind is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
            out |= set(range(10))
        else:
            raise ValueError(f"class element {kind} {value} is not supported")
    return out


def digit_dfa(pattern: str) -> DigitDFA:
    """The automaton that accepts exactly the digit strings ``pattern`` fully matches."""
    nfa = _NFA()
    start = nfa.state()
    end = nfa.build(list(_sre.parse(pattern)), start)
    first = nfa.closure(frozenset({start}))
    index = {first: 0}
    order = [first]
    table = array("i")
    if table.itemsize != 4:
        raise RuntimeError("array 'i' is not 32-bit here")
    i = 0
    while i < len(order):
        current = order[i]
        for d in range(10):
            moved = frozenset(t for s in current for t in nfa.on[s].get(d, ()))
            if not moved:
                table.append(-1)
                continue
            target = nfa.closure(moved)
            if target not in index:
                index[target] = len(order)
                order.append(target)
            table.append(index[target])
        i += 1
    accept = bytes(end in states for states in order)
    return DigitDFA(table.tobytes(), accept)


def accepts(dfa: DigitDFA, value: str) -> bool:
    """Whether the automaton accepts a string of ASCII digits (the Python twin of the C walk)."""
    table = memoryview(dfa.next).cast("i")
    state = 0
    for ch in value:
        if not "0" <= ch <= "9":
            return False
        state = table[state * 10 + ord(ch) - 48]
        if state < 0:
            return False
    return bool(dfa.accept[state])
