"""The checker on printouts a newcomer wrote to test it (tests of one finding each; the
expected verdicts from finite differences of each printout's own code, in their notes)."""

from autoencoder.check.checker import check_text

# precision=3 for the arrays, the loss J printed whole (so the text's decimals are 16): no
# hidden derivative (Welch's delta2 = delta3 @ W2.T), W -= lr dJdW with lr 0.4, not stated.
WELCH_NO_HIDDEN_DERIVATIVE = """\
X [[0 1 0 0 1 1 0 1]]
W1 [[ 1.551  0.079  0.174]
 [-0.072 -2.004  0.145]
 [-1.501  0.211 -0.558]
 [ 1.085 -0.186  0.015]
 [-1.076  0.642 -0.18 ]
 [ 0.62   0.811  0.778]
 [-0.237 -1.892 -1.172]
 [ 0.836  1.009  1.293]]
W2 [[-0.549 -0.982  0.915  0.873  0.022 -0.004 -1.349 -0.208]
 [ 1.327 -0.916 -0.47  -0.149 -0.325 -1.806 -0.5   -0.565]
 [-0.314 -0.397  0.006 -0.997  1.691 -0.316  1.465  1.464]]
z2 [[0.309 0.458 2.035]]
a2 [[0.577 0.613 0.884]]
z3 [[ 0.218 -1.478  0.245 -0.47   1.309 -1.388  0.212  0.828]]
yHat [[0.554 0.186 0.561 0.385 0.787 0.2   0.553 0.696]]
J 1.2581632497429047
delta3 [[ 0.137 -0.123  0.138  0.091 -0.036 -0.128  0.137 -0.064]]
delta2 [[0.08  0.426 0.002]]
dJdW2 [[ 0.079 -0.071  0.08   0.052 -0.021 -0.074  0.079 -0.037]
 [ 0.084 -0.075  0.085  0.056 -0.022 -0.078  0.084 -0.039]
 [ 0.121 -0.109  0.122  0.081 -0.031 -0.113  0.121 -0.057]]
dJdW1 [[0.    0.    0.   ]
 [0.08  0.426 0.002]
 [0.    0.    0.   ]
 [0.    0.    0.   ]
 [0.08  0.426 0.002]
 [0.08  0.426 0.002]
 [0.    0.    0.   ]
 [0.08  0.426 0.002]]
W1 [[ 1.551  0.079  0.174]
 [-0.104 -2.175  0.144]
 [-1.501  0.211 -0.558]
 [ 1.085 -0.186  0.015]
 [-1.108  0.472 -0.181]
 [ 0.588  0.64   0.777]
 [-0.237 -1.892 -1.172]
 [ 0.804  0.839  1.292]]
W2 [[-0.581 -0.953  0.883  0.852  0.03   0.025 -1.381 -0.193]
 [ 1.293 -0.886 -0.504 -0.172 -0.317 -1.774 -0.534 -0.549]
 [-0.363 -0.353 -0.043 -1.029  1.704 -0.271  1.417  1.486]]
"""


def test_the_lr_is_inferred_from_updates_printed_to_3_decimals_in_a_text_with_more():
    report = check_text(WELCH_NO_HIDDEN_DERIVATIVE)
    assert report["settings"]["lr"] == 0.4
    assert report["first_mismatch"] == "hidden_delta"
    assert report["phases"]["update_output"]["status"] == "match"
    assert report["phases"]["update_hidden"]["status"] == "match"


def test_a_labelled_single_number_is_read_the_loss_and_the_learning_rate():
    from autoencoder.check.named_reading import read_by_names

    for text, lr, loss in (
        ("lr 0.2\nx [[0 1 1 0 1 0 0 1]]\nloss 1.5095\n", 0.2, 1.5095),
        ("x: [[0 1 1 0 1 0 0 1]]\nbce loss: 6.12\nlr: 0.5\n", 0.5, 6.12),
        ("eta 0.3\nx [[0 1 1 0 1 0 0 1]]\ntotal cost: np.float64(0.25)\n", 0.3, 0.25),
    ):
        values = read_by_names(text).values
        assert values["lr"] == lr
        assert values["loss_value"] == loss
