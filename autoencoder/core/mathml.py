"""A tiny builder for MathML Core, the maths markup Chromium, Firefox and Safari render
natively (no script, no typesetting in the browser).

Every function returns a string of markup. Functions that take text (:func:`mi`,
:func:`mn`, :func:`mo`, :func:`mtext`) escape it; functions that take children
(:func:`row`, :func:`sub`, :func:`frac`, ...) expect markup made by this module and insert
it as it is. Example::

    math(row(sub(mi("z"), mn(1)), mo("="), mn(-0.5)))
"""

from html import escape

NAMESPACE = "http://www.w3.org/1998/Math/MathML"
MINUS = "\u2212"  # the minus sign; a hyphen-minus looks like a hyphen in maths


def _attrs(attrs: dict) -> str:
    """' name="value"' for each attribute that is not None (class_ is written class)."""
    return "".join(
        f' {name.rstrip("_")}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not None
    )


def element(tag: str, *children: str, **attrs) -> str:
    """<tag attrs>children</tag>, the children being markup already."""
    return f"<{tag}{_attrs(attrs)}>{''.join(children)}</{tag}>"


def _token(tag: str, text, **attrs) -> str:
    return element(tag, escape(str(text)), **attrs)


def mi(name: str, **attrs) -> str:
    """An identifier. One letter is italic; longer names (tanh) are upright."""
    return _token("mi", name, **attrs)


def mn(value, **attrs) -> str:
    """A number, text or int/float as given; a leading '-' becomes a real minus sign."""
    text = str(value)
    if text.startswith("-"):
        text = MINUS + text[1:]
    return _token("mn", text, **attrs)


def mo(op: str, **attrs) -> str:
    """An operator or fence; '-' becomes a real minus sign."""
    return _token("mo", MINUS if op == "-" else op, **attrs)


def mtext(text: str, **attrs) -> str:
    """Words inside an equation. Spaces at either end are kept (as no-break spaces)."""
    words = text.strip(" ")
    lead = len(text) - len(text.lstrip(" "))
    trail = len(text) - lead - len(words) if words else 0
    return _token("mtext", "\u00a0" * lead + words + "\u00a0" * trail, **attrs)


def prime(base: str) -> str:
    """base followed by a prime, as f' (the prime glyph sits raised by itself)."""
    return base + mo("\u2032")


def space(width: str = "1em") -> str:
    """Horizontal space (1em is TeX's quad)."""
    return element("mspace", width=width)


def row(*children: str, **attrs) -> str:
    """Children side by side, as one group."""
    return element("mrow", *children, **attrs)


def sub(base: str, script: str) -> str:
    """base with a subscript."""
    return element("msub", base, script)


def sup(base: str, script: str) -> str:
    """base with a superscript."""
    return element("msup", base, script)


def subsup(base: str, below: str, above: str) -> str:
    """base with a subscript and a superscript, as z^h_1."""
    return element("msubsup", base, below, above)


def under(base: str, script: str) -> str:
    """A script below the base (a sum's index in display style)."""
    return element("munder", base, script)


def frac(numerator: str, denominator: str, small: bool = False) -> str:
    """A fraction; small=True for the text-size form (TeX's \\tfrac)."""
    return element("mfrac", numerator, denominator, displaystyle="false" if small else None)


def parens(*children: str, stretchy: bool = False) -> str:
    """(children) as one group. Not stretchy by default: a maths font would otherwise grow
    the parentheses around a plain number to a larger size."""
    flag = "true" if stretchy else "false"
    return row(mo("(", stretchy=flag), *children, mo(")", stretchy=flag))


def _align(side: str) -> str:
    # Chromium lays an <mtd>'s content out as one block and ignores columnalign: only the
    # -webkit- values of text-align move it; the plain value is for the others.
    return f"text-align:{side};text-align:-webkit-{side}"


def table(rows, columnalign: str | None = None, **attrs) -> str:
    """Rows of cells, aligned per column: columnalign='right left' puts each row's
    left-hand side flush right and '= ...' flush left, so the equals signs line up; the
    last value goes on for further columns ('right': all of them)."""
    aligns = (columnalign or "").split()
    trs = []
    for cells in rows:
        tds = [
            element("mtd", cell, style=_align(aligns[min(i, len(aligns) - 1)]) if aligns else None)
            for i, cell in enumerate(cells)
        ]
        trs.append(element("mtr", *tds))
    return element("mtable", *trs, columnalign=columnalign, **attrs)


def matrix(cells, **attrs) -> str:
    """A matrix in square brackets; ``cells`` is rows of markup (e.g. mn(...) each). The
    brackets are stretchy fences, which stretch where the browser has a maths font (an
    OpenType MATH table); the row carries class="matrix" so a style sheet can draw them
    itself instead (figures_equations.EQUATION_CSS does)."""
    return row(
        mo("[", fence="true", stretchy="true"),
        table(cells, **attrs),
        mo("]", fence="true", stretchy="true"),
        class_="matrix",
    )


def math(body: str, display: str = "block", **attrs) -> str:
    """The <math> element around body, in the MathML namespace."""
    return element("math", body, xmlns=NAMESPACE, display=display, **attrs)
