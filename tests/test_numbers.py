"""How numbers are written (autoencoder/io/numbers.py): the exact strings the page shows."""

import math

import numpy as np
import pytest

from autoencoder.io import numbers


@pytest.mark.parametrize(
    "value, text",
    [(0.5, "0.5000"), (-0.123456, "-0.1235"), (9999.5, "9999.5000"), (12345.6, "1.235e+04")],
)
def test_equation_numbers_have_4_decimals_until_they_are_huge(value, text):
    assert numbers.equation_number(value) == text


@pytest.mark.parametrize(
    "value, text",
    [(0.5, "0.500"), (-0.0004, "0.000"), (-0.0006, "-0.001"), (-12345.0, "-1.23e+04")],
)
def test_labels_have_3_decimals_and_never_minus_zero(value, text):
    assert numbers.label_number(value) == text


@pytest.mark.parametrize(
    "value, text",
    [(0.1, "0.10000000"), (-999999.0, "-999999.00000000"), (1234567.0, "1.23456700e+06")],
)
def test_notebook_numbers_have_8_decimals_until_they_are_huge(value, text):
    assert numbers.notebook_number(value) == text


def test_settings_losses_and_full_precision():
    assert numbers.short(0.5) == "0.5" and numbers.short(1e6) == "1e+06"
    assert numbers.loss_number(2.0) == "2.000000"
    assert float(numbers.full_precision(0.1 + 0.2)) == 0.1 + 0.2
    assert numbers.significant(1 / 3, 3) == "0.333"


def test_non_finite_numbers_are_written_as_python_writes_them():
    for write in (numbers.equation_number, numbers.label_number, numbers.notebook_number):
        assert write(math.nan) == "nan" and write(-math.inf) == "-inf"


def test_a_vector_is_printed_as_the_notebooks_row_array():
    assert numbers.printed_array(np.array([0.5, -1.0])) == "array([[ 0.5, -1. ]])"
