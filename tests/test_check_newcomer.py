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


# The gradients printed, not the updated parameters (lr never applied in the printout).
GRADIENTS_ONLY = """\
x [[0 1 0 1 0 1 1 0]]
W1 [[-0.05196425 -0.11119605  1.0417968 ]
 [-1.25673929  0.74538768 -1.71105376]
 [-0.20586438 -0.23457129  1.12814404]
 [-0.01262595 -0.61320029  1.3736885 ]
 [ 1.61099198 -0.68922827  0.69192371]
 [-0.4481156   0.16234247  0.25722913]
 [-1.27545586  0.06400443 -1.06185662]
 [-0.98936839 -0.45772323 -1.98418161]]
b1 [[-1.47644212  0.23180296  0.64415927]]
W2 [[ 0.8521227  -0.46401872  0.6971766   1.56788218  1.17855621 -1.38395687
  -1.7473338   0.40272379]
 [ 1.2444828  -0.02383635  0.95256771  0.24496394  0.22409714  0.2966812
   0.22075339 -0.42330083]
 [ 1.84561511  0.92011457 -0.55791623 -0.28522504 -1.04126664  0.48036943
  -1.4273776  -0.33326642]]
b2 [[ 0.74730849  0.56022963  0.57370894 -1.18088052  0.76465008 -0.13438498
   1.32463768 -0.27642765]]
z1 [[-4.46937883  0.59033726 -0.49783347]]
a1 [[0.01132471 0.64344252 0.37804995]]
z2 [[ 2.25544638  0.88748669  0.98360663 -1.1133338   0.52853973  0.22244304
   0.90727172 -0.67022802]]
a2 [[0.90511929 0.70837124 0.72782326 0.24724989 0.62914246 0.55538258
  0.71244155 0.33844578]]
delta2 [[ 0.07773016 -0.06024508  0.14417929 -0.14009988  0.14679292 -0.10979061
  -0.05891169  0.07577809]]
delta1 [[ 0.00485315  0.03588933 -0.02332661]]
dW2 [[ 0.00088027 -0.00068226  0.00163279 -0.00158659  0.00166239 -0.00124335
  -0.00066716  0.00085816]
 [ 0.05001489 -0.03876425  0.09277108 -0.09014622  0.09445281 -0.07064395
  -0.03790629  0.04875885]
 [ 0.02938588 -0.02277565  0.05450697 -0.05296475  0.05549506 -0.04150633
  -0.02227156  0.0286479 ]]
db2 [[ 0.07773016 -0.06024508  0.14417929 -0.14009988  0.14679292 -0.10979061
  -0.05891169  0.07577809]]
dW1 [[ 0.          0.          0.        ]
 [ 0.00485315  0.03588933 -0.02332661]
 [ 0.          0.          0.        ]
 [ 0.00485315  0.03588933 -0.02332661]
 [ 0.          0.          0.        ]
 [ 0.00485315  0.03588933 -0.02332661]
 [ 0.00485315  0.03588933 -0.02332661]
 [ 0.          0.          0.        ]]
db1 [[ 0.00485315  0.03588933 -0.02332661]]
"""


def test_gradients_are_not_taken_for_the_updated_parameters():
    report = check_text(GRADIENTS_ONLY)
    assert report["first_mismatch"] is None
    assert report["phases"]["update_output"]["status"] == "missing"
    assert report["phases"]["update_hidden"]["status"] == "missing"
    assert report["summary"]["verdict"] == "incomplete"


def test_gradient_names():
    from autoencoder.check.name_families import is_gradient_name

    for name in ("dW", "dW2", "db1", "grad_W2", "dJdW2", "dL_dW1", "W2_grad", "delta_w"):
        assert is_gradient_name(name), name
    for name in ("W2", "b1", "w_ih", "wout", "delta1", "d_h", "dz2", "weights", None):
        assert not is_gradient_name(name), name
