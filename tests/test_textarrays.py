"""parse_array reads numpy's printed arrays back, exactly, and refuses everything else."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from autoencoder.io.textarrays import MAX_ELEMENTS, parse_array

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False, width=64)
some_arrays = arrays(np.float64, array_shapes(min_dims=1, max_dims=3, max_side=9), elements=finite)


@settings(max_examples=60, deadline=None)
@given(some_arrays)
def test_repr_and_str_round_trip_exactly(array):
    with np.printoptions(floatmode="unique", threshold=10**6):
        for text in (repr(array), str(array)):
            back = parse_array(text)
            assert back.shape == array.shape
            np.testing.assert_array_equal(back, array)


@settings(max_examples=40, deadline=None)
@given(some_arrays)
def test_default_printing_is_read_to_its_eight_digits(array):
    back = parse_array(repr(array))
    np.testing.assert_allclose(back, array, rtol=1e-7, atol=1e-8)


NOTEBOOK_FORMS = {
    "array([[0.11790862, 1.67138181, 0.6249817 ]])": [[0.11790862, 1.67138181, 0.6249817]],
    "[[0.2888758  0.14884696 0.20725632]]": [[0.2888758, 0.14884696, 0.20725632]],
    "[[1. 2.]\n [3. 4.]]": [[1, 2], [3, 4]],
    "array([[1, 1, 0, 1, 1, 1, 0, 1]])": [[1, 1, 0, 1, 1, 1, 0, 1]],
    "  [1, 2, 3,]  ": [1, 2, 3],
    "array([1, 2], dtype=int64)": [1, 2],
    "np.float64(0.5)": 0.5,
    "0.1": 0.1,
    "[-.5, 1e-05, +2.]": [-0.5, 1e-5, 2],
}


@pytest.mark.parametrize("text", sorted(NOTEBOOK_FORMS))
def test_printed_forms(text):
    np.testing.assert_array_equal(parse_array(text), np.array(NOTEBOOK_FORMS[text]))


BAD = {
    "[1.2.3]": "not a number",
    "[1,,2]": "unexpected ','",
    "[[1, 2], [3]]": "different lengths",
    "[nan, 1]": "not a finite number",
    "[1e999]": "finite",
    "[1, 2": "ends too early",
    "array([1, 2]": "missing ')'",
    '__import__("os").system("x")': "unexpected",
    "eval([1])": "expected a printed array",
    "[1] [2]": "after the end",
    "": "no array",
    "[1, ..., 9]": "summarised",
    "[]": "empty",
    "[" * 10 + "1" + "]" * 10: "nested",
    "[" * 100_000: "nested",
    "[" + "1 " * (MAX_ELEMENTS + 1) + "]": "more than",
    "x" * 300_000: "longer than",
    "array([1, 2], dtype=)": "dtype",
}


@pytest.mark.parametrize("text", sorted(BAD), ids=lambda t: t[:20])
def test_bad_text_is_a_one_line_value_error(text):
    with pytest.raises(ValueError) as info:
        parse_array(text)
    message = str(info.value)
    assert BAD[text] in message and "\n" not in message
