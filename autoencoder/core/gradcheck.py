"""Gradient check: the exact rule's updates against central finite differences of E (the
squared error or the cross-entropy, :mod:`autoencoder.core.losses`)."""

import numpy as np

from autoencoder.core.losses import check_loss
from autoencoder.core.model import Params
from autoencoder.core.phases import advance_through, start_step, update_directions


def loss(params: Params, x, activation="sigmoid", loss_name="squared") -> float:
    """E = 1/2 sum((x - a_o)^2) (or the cross-entropy) for one example x (8,), or summed
    over the patterns of a batch x (P, 8): the core's forward phases, up to the error."""
    s = start_step(params, x, activation=activation, loss=loss_name)
    return advance_through(s, "error").loss


def numeric_gradient(
    params: Params, x, activation="sigmoid", eps=4e-3, loss_name="squared"
) -> np.ndarray:
    """dE/dtheta by central differences of E in float64, flat (59,) as Params.flat().

    A fourth-order central stencil D(h) = (8(E(t+h) - E(t-h)) + E(t-2h) - E(t+2h)) / 12h,
    extrapolated as (16 D(h/2) - D(h)) / 15 (Richardson), so that truncation stays below
    1e-10 while h stays large enough for E's rounding not to matter.
    """
    flat = params.flat()
    grad = np.empty_like(flat)

    def loss_at(i, delta):
        moved = flat.copy()
        moved[i] += delta
        return loss(Params.from_flat(moved), x, activation, loss_name)

    def stencil(i, h):
        near = loss_at(i, h) - loss_at(i, -h)
        far = loss_at(i, -2 * h) - loss_at(i, 2 * h)
        return (8 * near + far) / (12 * h)

    for i in range(flat.size):
        grad[i] = (16 * stencil(i, eps / 2) - stencil(i, eps)) / 15
    return grad


def rule_gradient(params: Params, x, activation="sigmoid", loss_name="squared") -> np.ndarray:
    """dE/dtheta from the exact rule's deltas (the update is -lr times this), flat (59,);
    for a batch x (P, 8), of E summed over the patterns."""
    s = start_step(params, x, rule="exact", activation=activation, loss=loss_name)
    s = advance_through(s, "hidden_delta")
    return -Params(**update_directions(s)).flat()


def relative_errors(analytic, numeric, floor=1e-5) -> np.ndarray:
    """|a - n| / max(|a|, |n|, floor * max|n|).

    Gradients more than five orders of magnitude below the largest one are compared
    against that scale instead of their own: finite differences cannot resolve them
    relatively (E is known to about 1e-16, so its differences to about 1e-14).
    """
    analytic, numeric = np.asarray(analytic), np.asarray(numeric)
    scale = max(floor * float(np.abs(numeric).max(initial=0.0)), 1e-300)
    return np.abs(analytic - numeric) / np.maximum(
        np.maximum(np.abs(analytic), np.abs(numeric)), scale
    )


def gradcheck(params: Params, x, activation="sigmoid", loss_name="squared") -> float:
    """Largest relative error between the exact rule's gradient and finite differences.
    ValueError if the loss is not exact with the activation (cross-entropy needs sigmoid)."""
    check_loss(loss_name, activation)
    x = np.asarray(x, dtype=float)
    analytic = rule_gradient(params, x, activation, loss_name)
    numeric = numeric_gradient(params, x, activation, loss_name=loss_name)
    return float(relative_errors(analytic, numeric).max())
