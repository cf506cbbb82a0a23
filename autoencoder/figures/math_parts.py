"""The pieces the equations are made of: numbers as factors and terms (for the page's
LaTeX, page/phase_text.py, and for the MathML, figures/equations.py; the numbers
themselves are written by io/numbers.py), the symbols as MathML, the equation blocks, and
the style sheet for them.
"""

import re

import numpy as np

from autoencoder.core import mathml as m
from autoencoder.io.numbers import equation_number as num

# --- numbers ------------------------------------------------------------------------------


def paren(v: float) -> str:
    """A number as a factor: negative ones in parentheses."""
    return f"({num(v)})" if v < 0 else num(v)


def plus(v: float) -> str:
    """A number added: '+ 0.1000' or '- 0.1000'."""
    return f"- {num(-v)}" if v < 0 else f"+ {num(v)}"


def f_of(latex: str, value: float) -> str:
    """The activation's LaTeX formula (Activation.latex) with the number put in for u."""
    return re.sub(r"(?<![\\A-Za-z])u(?![A-Za-z])", lambda _: paren(value), latex)


def number(v, fmt=num) -> str:
    """num() as MathML (a negative number gets a real minus sign)."""
    return m.mn(fmt(v))


def factor(v, fmt=num) -> str:
    """paren() as MathML."""
    return m.parens(number(v, fmt)) if v < 0 else number(v, fmt)


def signed(v) -> list[str]:
    """plus() as MathML: the operator and the number, siblings in the enclosing row."""
    return [m.mo("-"), number(-v)] if v < 0 else [m.mo("+"), number(v)]


def f_of_mathml(mathml: str, value: float) -> str:
    """The activation's MathML formula (Activation.mathml) with the number put in for u."""
    return mathml.replace(m.mi("u"), factor(value))


def joined(items, op: str = "+") -> list[str]:
    """items with op between them, as siblings: a + b + c."""
    out = []
    for item in items:
        out += [m.mo(op), item] if out else [item]
    return out


# --- symbols ------------------------------------------------------------------------------

EQ, CDOT, THIN, QUAD = m.mo("="), m.mo("\u22c5"), m.space("0.1667em"), m.space("1em")
SUM = m.mo("\u2211", largeop="false")  # a sum in text style (TeX's \textstyle\sum)
BIG_SUM = m.mo("\u2211")  # in display style, its index goes below (m.under)
TOP = m.mo("\u22a4")  # the transpose sign
DELTA = m.mi("Δ", mathvariant="normal")  # upright, as TeX sets a capital Greek letter
LP, RP = m.mo("(", stretchy="false"), m.mo(")", stretchy="false")  # ( ) of fixed size


def _part(x) -> str:
    """Markup as it is; digits as a number; anything else as an identifier."""
    x = str(x)
    return x if x.startswith("<") else m.mn(x) if x.isdigit() else m.mi(x)


def sym(base, below=None, above=None) -> str:
    """base_below^above, e.g. sym('z', 1, 'h') is z^h_1; parts may be markup already."""
    b = _part(base)
    if below is None:
        return b if above is None else m.sup(b, _part(above))
    return m.sub(b, _part(below)) if above is None else m.subsup(b, _part(below), _part(above))


def indices(*parts) -> str:
    """'1,ij' style subscripts: indices(1, 'ij') or indices('i', 2)."""
    items = [m.row(*map(_part, p)) if isinstance(p, str) else _part(p) for p in parts]
    return m.row(*joined(items, ","))


def layer_tag(layer) -> str:
    """The '(1)' in W^(1)."""
    return m.parens(m.mn(layer))


def call(f: str, *arg: str) -> str:
    """f(arg)."""
    return m.row(m.mi(f), m.parens(*arg))


def fprime(*arg: str) -> str:
    """f'(arg)."""
    return m.row(m.prime(m.mi("f")), m.parens(*arg))


# --- blocks -------------------------------------------------------------------------------


def block(body: str, rows: bool = False) -> str:
    """One equation block: <math class="ae-eq"> (rows=True: the smaller rows under a
    header)."""
    return m.math(m.row(body), class_="ae-eq ae-rows" if rows else "ae-eq")


def eq_row(lhs: str, *rhs: str) -> list[str]:
    """One row of an aligned table: lhs | = rhs."""
    return [lhs, m.row(EQ, *rhs)]


def aligned(rows) -> str:
    """Rows [lhs, rhs] with their equals signs lined up (LaTeX's aligned)."""
    return m.table(rows, "right left", class_="ae-aligned", displaystyle="true")


def with_rows(header: list[str], rows) -> str:
    """The header line, then the aligned rows in a smaller size."""
    return block(m.row(*header)) + block(aligned(rows), rows=True)


def matrix_of(values, fmt=num) -> str:
    """A vector or matrix of numbers in brackets, columns flush right."""
    cells = [[number(v, fmt) for v in r] for r in np.atleast_2d(values)]
    return m.matrix(cells, columnalign="right")


# Styles for the equation blocks. Every block scrolls sideways by itself when it is wider
# than its panel, so the page never widens and nothing is cut off; the rows under a header
# are a little smaller (LaTeX's \small), matrices smaller still, with their brackets drawn
# as borders, which span the rows whether or not the browser has a maths font (stretchy
# bracket glyphs need one).
EQUATION_CSS = """
math.ae-eq {
  display: block;
  width: fit-content;
  max-width: 100%;
  margin: 0 auto;
  overflow-x: auto;
  overflow-y: hidden;
  padding: 0.2em 0;
  font-size: 1.15em;
  font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math", math;
}
math.ae-eq.ae-rows { font-size: 1.05em; }
math.ae-eq mtable.ae-aligned > mtr > mtd { padding: 0.15em 0; }
math.ae-eq mrow.matrix > mo { display: none; }
math.ae-eq mrow.matrix > mtable {
  font-size: 85%;
  margin: 0 0.2em;
  padding: 0 0.25em;
  border-left: 0.07em solid;
  border-right: 0.07em solid;
  background:
    linear-gradient(currentColor, currentColor) left top / 0.3em 0.07em no-repeat,
    linear-gradient(currentColor, currentColor) left bottom / 0.3em 0.07em no-repeat,
    linear-gradient(currentColor, currentColor) right top / 0.3em 0.07em no-repeat,
    linear-gradient(currentColor, currentColor) right bottom / 0.3em 0.07em no-repeat;
}
math.ae-eq mrow.matrix > mtable > mtr > mtd { padding: 0.12em 0.35em; }
"""
