"""The equations as MathML (figures.equations, figures.inspector_equations, figures.math_parts,
mathml): well-formed MathML in its namespace, the same numbers as the LaTeX the page shows
today, escaped text."""

import ast
import pathlib
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from autoencoder.core import mathml as m
from autoencoder.core.activations import ACTIVATIONS
from autoencoder.core.model import Params, init_params
from autoencoder.core.phases import PHASE_NAMES, next_phase, start_step
from autoencoder.core.rules import RULES
from autoencoder.figures.equations import EQUATION_CSS, phase_equation_html
from autoencoder.figures.ids import ALL_IDS
from autoencoder.figures.inspector import element_details
from autoencoder.figures.inspector_equations import element_equations_html
from autoencoder.page.phase_text import phase_latex

NS = "{http://www.w3.org/1998/Math/MathML}"
ROOT = pathlib.Path(__file__).parents[1] / "autoencoder"


def maths(html: str) -> list[ET.Element]:
    """Every <math> block of html, parsed (each must be well-formed XML on its own)."""
    blocks = re.findall(r"<math\b.*?</math>", html, flags=re.S)
    assert blocks and "".join(blocks) == html, "nothing but <math> blocks"
    return [ET.fromstring(b) for b in blocks]


def signed_numbers(text: str) -> list[str]:
    """The decimals of a LaTeX or MathML string in order, each with its sign and an opening
    parenthesis before it ('(- 0.5' and '<mo>(</mo><mo>−</mo><mn>0.5</mn>' both give
    '(-0.5')."""
    text = re.sub(r"<[^>]+>", " ", text).replace(m.MINUS, "-")
    found = re.findall(r"(?:\(\s*)?(?:-\s*)?\d+\.\d+(?:e[+-]\d+)?", text)
    return [re.sub(r"\s", "", n) for n in found]


def random_step(seed, rule, activation, momentum=0.0, x=None):
    rng = np.random.default_rng(seed)
    p = init_params(seed).as_dict()
    p = Params(**{k: v * 2.0 - 0.5 for k, v in p.items()})  # negatives everywhere
    x = rng.integers(0, 2, 8) if x is None else x
    velocity = Params(**{k: rng.normal(0, 0.01, v.shape) for k, v in p.as_dict().items()})
    return start_step(
        p,
        x,
        lr=0.3,
        rule=rule,
        activation=activation,
        momentum=momentum,
        velocity=velocity if momentum else None,
    )


def positions(step):
    """The ten positions of a step: ready and after each of the nine phases."""
    out = [step]
    while not out[-1].complete:
        out.append(next_phase(out[-1]))
    return out


CASES = [(rule, act, mom) for rule in RULES for act in ACTIVATIONS for mom in (0.0, 0.9)]


@pytest.mark.parametrize("rule,activation,momentum", CASES)
def test_every_phase_is_mathml_with_the_latex_numbers(rule, activation, momentum):
    for seed in (1, 2):
        for s in positions(random_step(seed, rule, activation, momentum)):
            html = phase_equation_html(s)
            for root in maths(html):
                assert root.tag == NS + "math" and root.get("display") == "block"
                assert "ae-eq" in root.get("class").split()
            numbers = signed_numbers(html)
            assert numbers == signed_numbers(phase_latex(s)), s.phase
            assert numbers or s.phase == "ready"


def test_fractional_and_empty_inputs_keep_the_latex_numbers():
    for x in ([0.5, 1, 0, -1, 0, 0, 2, 1], [0] * 8):
        for s in positions(random_step(3, "exact", "tanh", x=np.array(x, float))):
            html = phase_equation_html(s)
            maths(html)
            assert signed_numbers(html) == signed_numbers(phase_latex(s)), s.phase


def test_hidden_z_shows_each_value_with_four_decimals():
    s = positions(random_step(4, "exact", "sigmoid"))[1]
    assert s.phase == "hidden_z"
    html = phase_equation_html(s)
    for v in s.hidden_z:
        assert f"<mn>{v:.4f}</mn>".replace("-", m.MINUS) in html
    assert "-" not in re.sub(r"<[^>]+>", "", html), "minus signs are U+2212"


def test_the_rules_formulas_differ_where_the_rules_do():
    s = positions(random_step(5, "notebook", "shifted-sigmoid"))
    exact = positions(random_step(5, "exact", "shifted-sigmoid"))
    assert RULES["notebook"].hidden_mathml in phase_equation_html(s[7])
    assert RULES["exact"].hidden_mathml in phase_equation_html(exact[7])
    assert RULES["exact"].hidden_mathml != RULES["notebook"].hidden_mathml
    assert "slope at the activation" in phase_equation_html(s[6])
    for rule in RULES.values():
        for formula in (rule.output_mathml, rule.hidden_mathml):
            ET.fromstring(m.math(formula))


def test_every_activation_has_a_mathml_formula_in_u():
    for act in ACTIVATIONS.values():
        assert m.mi("u") in act.mathml, act.name
        ET.fromstring(m.math(act.mathml))


def test_momentum_shows_the_velocity_form():
    plain = positions(random_step(6, "exact", "sigmoid"))[8]
    moving = positions(random_step(6, "exact", "sigmoid", momentum=0.9))[8]
    assert "<mi>v</mi>" in phase_equation_html(moving)
    assert "<mi>v</mi>" not in phase_equation_html(plain)
    assert "<mi>η</mi>" in phase_equation_html(plain)


@pytest.mark.parametrize("rule,activation,momentum", CASES[::3] + [CASES[-1]])
def test_inspector_equations_match_element_details(rule, activation, momentum):
    for s in positions(random_step(7, rule, activation, momentum)):
        ids = (
            sorted(ALL_IDS)
            if s.phase in ("ready", "error", "update_hidden")
            else ["x2", "h1", "h3", "o4", "W1[1,2]", "W2[2,7]", "b1[0]", "b2[5]"]
        )
        for element in ids:
            latex = element_details(s, element)["equations"]
            html = element_equations_html(s, element)
            assert len(html) == len(latex), (s.phase, element)
            for block, tex in zip(html, latex):
                (root,) = maths(block)
                assert root.tag == NS + "math"
                assert signed_numbers(block) == signed_numbers(tex), (s.phase, element, tex)


def test_inspector_rejects_unknown_elements():
    with pytest.raises(ValueError):
        element_equations_html(random_step(8, "exact", "sigmoid"), "W3[0,0]")


def test_builder_escapes_text_and_writes_a_real_minus():
    assert m.mtext("a < b & c") == "<mtext>a &lt; b &amp; c</mtext>"
    assert m.mi("<script>") == "<mi>&lt;script&gt;</mi>"
    assert m.mn(-0.25) == f"<mn>{m.MINUS}0.25</mn>" and m.mo("-") == f"<mo>{m.MINUS}</mo>"
    assert m.mtext(" x ") == "<mtext>\u00a0x\u00a0</mtext>"
    assert (
        m.element("mrow", title='"q" & <t>')
        == '<mrow title="&quot;q&quot; &amp; &lt;t&gt;"></mrow>'
    )
    root = ET.fromstring(m.math(m.row(m.mtext("1 < 2 & 3 > 2"), m.mi("&"))))
    assert root.tag == NS + "math"
    assert "".join(root.itertext()) == "1 < 2 & 3 > 2&"


def test_builder_shapes():
    t = ET.fromstring(m.math(m.table([[m.mi("a"), m.mi("b")]], "right left")))
    tds = t.findall(f".//{NS}mtd")
    assert [td.get("style").split(";")[0] for td in tds] == ["text-align:right", "text-align:left"]
    grid = ET.fromstring(m.math(m.matrix([[m.mn(1), m.mn(2)], [m.mn(3), m.mn(4)]])))
    fences = [mo.text for mo in grid.iter(NS + "mo")]
    assert fences == ["[", "]"] and len(grid.findall(f".//{NS}mtr")) == 2
    frac = ET.fromstring(m.math(m.frac(m.mn(1), m.mn(2), small=True)))
    assert frac.find(NS + "mfrac").get("displaystyle") == "false"
    script = ET.fromstring(m.math(m.subsup(m.mi("z"), m.mn(1), m.mi("h"))))
    assert [c.text for c in script.find(NS + "msubsup")] == ["z", "1", "h"]


def test_css_styles_the_classes_the_markup_uses():
    html = "".join(phase_equation_html(s) for s in positions(random_step(9, "exact", "sigmoid")))
    for cls in ("ae-eq", "ae-rows", "ae-aligned", "matrix"):
        assert f'class="{cls}' in html or f' {cls}"' in html, cls
        assert f".{cls}" in EQUATION_CSS, cls
    assert "overflow-x: auto" in EQUATION_CSS and "max-width: 100%" in EQUATION_CSS


def test_equation_modules_import_neither_streamlit_nor_plotly():
    for name in (
        "core/mathml.py",
        "figures/math_parts.py",
        "figures/equations.py",
        "figures/inspector_equations.py",
    ):
        for node in ast.walk(ast.parse((ROOT / name).read_text())):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                assert not any(n.split(".")[0] in ("streamlit", "plotly") for n in names)
                assert not any("page" in n.split(".") for n in names), name


def test_ready_and_phase_names_cover_all_ten_positions():
    steps = positions(random_step(10, "exact", "sigmoid"))
    assert [s.phase for s in steps] == ["ready", *PHASE_NAMES]
    assert "<mi>t</mi>" in phase_equation_html(steps[0])


def test_the_output_slope_is_written_for_the_activation_in_use():
    """f'(z) from the value a: a(1 - a) for the logistic sigmoids, 1 - a^2 for tanh."""
    from autoencoder.page.phase_text import phase_latex
    from autoencoder.session.session import Session, Settings

    for activation, latex in (("tanh", "1-(a^o_k)^2"), ("sigmoid", "a^o_k(1-a^o_k)")):
        s = Session(Settings(activation=activation))
        s.go_to(6)
        assert latex in phase_latex(s.step)
        assert ("<msup>" in phase_equation_html(s.step).split("</math>")[0]) == (
            activation == "tanh"
        )
