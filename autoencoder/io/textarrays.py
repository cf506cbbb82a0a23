"""Read one printed numpy array back into numbers, without evaluating the text.

Accepted forms, as numpy and Python print them::

    array([[0.11790862, 1.67138181, 0.6249817 ]])       # repr, one or more lines
    [[0.2888758  0.14884696 0.20725632]]                 # print(), whitespace-separated
    [[1. 2.]
     [3. 4.]]
    [1, 2, 3]    0.1    np.float64(0.5)    array([1, 2], dtype=int64)

A small tokenizer reads brackets, commas and numbers; anything else is an error. Only
finite numbers, at most MAX_ELEMENTS of them, nested at most MAX_DEPTH deep, in a regular
(rectangular) shape. Every error is a ValueError with a one-line message.
"""

import math
import re

import numpy as np

from autoencoder.io.text_limits import MAX_ARRAY_CHARS, refuse_longer

MAX_ELEMENTS = 10_000
MAX_DEPTH = 4

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?![\w.])
    | (?P<bad>[+-]?[\d.][\w.+-]*)
    | (?P<punct>[\[\],])
    | (?P<word>[A-Za-z_][A-Za-z_0-9.]*)
    | (?P<other>\S)
    )""",
    re.VERBOSE,
)
_WRAPPERS = {"array", "np.array", "numpy.array", "np.float64", "np.int64", "np.float32"}


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs; kinds: number, punct, word, other ('(' ')' '=' are 'other')."""
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # only trailing whitespace is left
            break
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


def _unwrap(tokens):
    """Strip ``array(`` ... ``)`` and an optional ``, dtype=NAME`` from around the list."""
    if len(tokens) >= 2 and tokens[0][0] == "word" and tokens[1] == ("other", "("):
        if tokens[0][1] not in _WRAPPERS:
            raise ValueError(f"unexpected {tokens[0][1]!r}: expected a printed array")
        if tokens[-1] != ("other", ")"):
            raise ValueError("missing ')' at the end of the array")
        tokens = tokens[2:-1]
        if len(tokens) >= 4 and tokens[-3:-1] == [("word", "dtype"), ("other", "=")]:
            if tokens[-4] != ("punct", ",") or tokens[-1][0] != "word":
                raise ValueError("could not read the dtype at the end of the array")
            tokens = tokens[:-4]
        if ("word", "dtype") in tokens:
            raise ValueError("could not read the dtype at the end of the array")
    return tokens


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large to be a finite number")
    return value


class _Reader:
    def __init__(self, tokens):
        self.tokens, self.pos, self.count = tokens, 0, 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def value(self, depth: int):
        kind, text = self.take()
        if kind == "number":
            self.count += 1
            if self.count > MAX_ELEMENTS:
                raise ValueError(f"more than {MAX_ELEMENTS} numbers")
            return _number(text)
        if (kind, text) == ("punct", "["):
            if depth >= MAX_DEPTH:
                raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
            return self.items(depth + 1)
        if kind == "end":
            raise ValueError("the array ends too early (missing ']'?)")
        if text == "...":
            raise ValueError("the array was printed in summarised form ('...')")
        if kind == "bad":
            raise ValueError(f"{text!r} is not a number")
        if kind == "word" and text.lower() in ("nan", "inf", "infinity"):
            raise ValueError(f"{text} is not a finite number")
        raise ValueError(f"unexpected {text!r} where a number or '[' belongs")

    def items(self, depth: int) -> list:
        """The items of a list whose '[' was just read, up to and including its ']'."""
        items = []
        while True:
            if self.peek() == ("punct", "]"):
                self.take()
                return items
            items.append(self.value(depth))
            if self.peek() == ("punct", ","):
                self.take()


def parse_array(text: str) -> np.ndarray:
    """The float array printed in ``text`` (see the module docstring for the forms).

    ValueError with a one-line message if ``text`` is not exactly one printed array.
    """
    if not isinstance(text, str):
        raise ValueError("expected text")
    refuse_longer(text, MAX_ARRAY_CHARS)
    if "..." in text:
        raise ValueError("the array was printed in summarised form ('...')")
    tokens = _unwrap(_tokens(text.strip()))
    if not tokens:
        raise ValueError("no array found")
    reader = _Reader(tokens)
    value = reader.value(0)
    if reader.pos != len(tokens):
        extra = tokens[reader.pos][1]
        raise ValueError(f"unexpected {extra!r} after the end of the array")
    try:
        array = np.array(value, dtype=float)
    except ValueError:
        raise ValueError("the rows have different lengths") from None
    if array.size == 0:
        raise ValueError("the array is empty")
    return array


_FIXED_POINT = re.compile(r"(?<![\w.])[-+]?\d+\.(\d*)(?![\d.eE])")


def printed_decimals(text: str) -> int | None:
    """The most decimals any fixed-point number in ``text`` is written with (numpy drops
    trailing zeros, so the most is the precision it printed to); None if none is."""
    counts = [len(m.group(1)) for m in _FIXED_POINT.finditer(text)]
    return max(counts) if counts else None
