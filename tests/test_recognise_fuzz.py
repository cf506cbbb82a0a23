"""The recogniser on anything: arbitrary text, arbitrary arrays under arbitrary names, and
real printouts cut, repeated and altered, give a report or a one-line ValueError; never
another exception, never a numpy warning. (How long it takes is measured, not asserted:
the work is bounded by MAX_ITEMS arrays read by value.)"""

import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from printouts import STYLES, student_arrays

from autoencoder.check.checker import check_text
from autoencoder.check.name_families import ALL_NAMES
from autoencoder.check.recognise import MAX_ITEMS
from autoencoder.core.phases import PHASE_NAMES

TOKENS = [
    "[",
    "]",
    "[[",
    "]]",
    "(",
    ")",
    "array(",
    ",",
    " ",
    "\n",
    "\n\n",
    "0",
    "1",
    "0.5",
    "-1.25",
    "1e3",
    "1e309",
    "nan",
    "...",
    ":",
    " = ",
    "+= ",
    "In [3]:",
    "Out[3]: ",
    "print(",
    "np.dot(",
    "expit(",
    " + 1",
    "#",
    '"',
    *sorted(ALL_NAMES)[:40],
]
SHAPES = [(8, 3), (3,), (1, 3), (3, 8), (8,), (1, 8), (8, 1), (3, 1), (4, 3), (2,), (1,)]
# the layouts the recogniser tries: folded biases, batches, (out, in)
SHAPES += [(9, 3), (3, 9), (4, 8), (8, 4), (9,), (4,), (8, 8), (2, 8), (8, 2)]
NAMES = sorted(ALL_NAMES) + ["foo", "hidden weights", "Out", "x1"]
NAMES += ["W0", "b0", "a_0", "z3", "a3", "theta1", "self.W1", "net['W2']", "params[0]['bias']"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_or_refuse(text: str):
    """The report, or None after a ValueError with a one-line message; warnings fail."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            report = check_text(text)
        except ValueError as exc:
            message = str(exc)
            assert message and "\n" not in message, message
            return None
    assert set(report["phases"]) == set(PHASE_NAMES)
    return report


@FUZZ
@given(st.text(max_size=3000))
def test_arbitrary_text(text):
    check_or_refuse(text)


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=400).map("".join))
def test_text_made_of_the_pieces_printouts_are_made_of(text):
    check_or_refuse(text)


numbers = st.one_of(
    st.floats(-1e7, 1e7, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, 1.0]),
)


@st.composite
def printed_arrays(draw):
    """1 to 30 arrays of the network's shapes (and others), each bare, after a name, or in
    an assignment, printed as numpy prints them."""
    lines = []
    for _ in range(draw(st.integers(1, 30))):
        shape = draw(st.sampled_from(SHAPES))
        size = int(np.prod(shape))
        array = np.array(draw(st.lists(numbers, min_size=size, max_size=size))).reshape(shape)
        if draw(st.booleans()):
            array = np.round(array, draw(st.integers(0, 8)))
        text = draw(st.sampled_from([str, repr]))(array)
        form = draw(st.sampled_from(["bare", "label", "colon", "assign", "dict"]))
        name = draw(st.sampled_from(NAMES))
        lines.append(
            {
                "bare": text,
                "label": f"{name} {text}",
                "colon": f"{name}:\n{text}",
                "assign": f"{name} = {text}",
                "dict": "{" + f"'{name}': {repr(array)}" + "}",
            }[form]
        )
    return "\n".join(lines)


@FUZZ
@given(printed_arrays())
def test_arbitrary_arrays_under_arbitrary_names(text):
    check_or_refuse(text)


@FUZZ
@given(
    style=st.sampled_from(sorted(STYLES)),
    seed=st.integers(0, 50),
    lr=st.floats(0.001, 20),
    cuts=st.lists(st.integers(0, 40), max_size=6),
    scale=st.floats(-1e6, 1e6, allow_nan=False),
)
def test_real_printouts_cut_repeated_and_altered(style, seed, lr, cuts, scale):
    blocks = STYLES[style](student_arrays(seed=seed, lr=lr)).split("\n")
    for cut in cuts:  # drop a line, repeat one, or scale the numbers in one
        i = cut % len(blocks)
        if cut % 3 == 0:
            del blocks[i]
        elif cut % 3 == 1:
            blocks.insert(i, blocks[i])
        else:
            blocks[i] = blocks[i].replace("0.", f"{scale:.3g}", 1)
    check_or_refuse("\n".join(blocks))


def test_the_arrays_read_by_value_are_bounded():
    arrays = student_arrays()
    rng = np.random.default_rng(0)
    noise = "\n".join(str(rng.normal(size=3)) for _ in range(3 * MAX_ITEMS))
    report = check_or_refuse(STYLES["bare"](arrays) + "\n" + noise)
    assert f"only the first {MAX_ITEMS} were read" in report["notes"][0]
    assert len(report["labels"]) == MAX_ITEMS
    assert set(s["status"] for s in report["phases"].values()) == {"match"}
