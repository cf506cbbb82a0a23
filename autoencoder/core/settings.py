"""The settings a session runs with, their allowed ranges, and its state without history.

``LIMITS`` is the one place that says which learning rates, momenta, seeds and epoch
counts are allowed: the page's widgets, the URL decoder and the importer all use it.
:class:`State` is what a URL or an exported file carries: enough to rebuild the session's
step in progress bit for bit (the start-of-step parameters, and the number of phases done,
replayed). Everything that is not sane raises :class:`StateError`, naming what is wrong.
"""

import math
from dataclasses import dataclass, fields, replace

import numpy as np

from autoencoder.core.activations import ACTIVATIONS
from autoencoder.core.losses import LOSS_NAMES, check_loss
from autoencoder.core.model import MAX_ABS, NOTEBOOK_PATTERN, ONE_HOT, Params, parse_bits
from autoencoder.core.phases import MODES, PHASES, Step, advance, start_step
from autoencoder.core.rules import RULES
from autoencoder.core.training import MAX_EPOCHS

DATASETS = ("onehot", "notebook", "custom")
LIMITS = {
    "lr": (0.001, 20.0),
    "momentum": (0.0, 0.99),
    "seed": (0, 2**31 - 1),
    "epochs": (1, MAX_EPOCHS),
}
MAX_COUNT = 10**12  # step and epoch counters beyond this are not from a real session


class StateError(ValueError):
    """A setting, URL or state file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Settings:
    lr: float = 2.0
    seed: int = 0
    rule: str = "exact"
    activation: str = "sigmoid"
    dataset: str = "onehot"  # the 8 one-hot patterns cycled, the notebook's, or "custom"
    pattern: str = "11011101"  # the custom pattern, set by clicking input nodes
    momentum: float = 0.0
    loss: str = "squared"  # or "cross-entropy" (sigmoid outputs only), autoencoder.core.losses
    mode: str = "online"  # one example per step, or "batch": the whole set, one step an epoch

    def patterns(self) -> np.ndarray:
        """The training set, (P, 8)."""
        if self.dataset == "onehot":
            return ONE_HOT
        if self.dataset == "notebook":
            return NOTEBOOK_PATTERN[None, :]
        return parse_bits(self.pattern)[None, :]

    def steps_per_epoch(self) -> int:
        """Training steps in one epoch: one per pattern online, one in batch mode."""
        return 1 if self.mode == "batch" else len(self.patterns())

    def step_examples(self, example: int) -> np.ndarray:
        """What the step numbered ``example`` in its epoch trains on: that pattern (8,)
        online, the whole set (P, 8) in batch mode."""
        patterns = self.patterns()
        return patterns if self.mode == "batch" else patterns[example % len(patterns)]

    def step_settings(self) -> dict:
        return {
            "lr": self.lr,
            "rule": self.rule,
            "activation": self.activation,
            "momentum": self.momentum,
            "loss": self.loss,
            "mode": self.mode,
        }


SETTING_NAMES = tuple(f.name for f in fields(Settings))  # lr, seed, rule, ..., loss, mode
FLOAT_SETTINGS = tuple(f.name for f in fields(Settings) if f.type is float)  # lr, momentum


def _number_in(name: str, value, integer: bool = False):
    """``value`` as a float (or int) within ``LIMITS[name]``; StateError otherwise."""
    low, high = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise StateError(f"{name}: {value!r} is not a number")
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an int too large for a float
        finite = False
    if not finite:
        raise StateError(f"{name}: {str(value)[:40]} is not a finite number")
    if integer:
        if value != int(value):
            raise StateError(f"{name}: {value!r} is not a whole number")
        value = int(value)
    else:
        value = float(value)
    if not low <= value <= high:
        raise StateError(f"{name}: {value:g} is outside the allowed range {low:g} to {high:g}")
    return value


def check_settings(settings: Settings) -> Settings:
    """The same settings with lr and momentum as floats and seed as an int, if every
    value is allowed; StateError naming the first that is not."""
    known_names = (("rule", RULES), ("activation", ACTIVATIONS), ("dataset", DATASETS))
    for name, known in (*known_names, ("loss", LOSS_NAMES), ("mode", MODES)):
        value = getattr(settings, name)
        if not isinstance(value, str) or value not in known:
            raise StateError(f"{name}: unknown {value!r} (choose from {', '.join(known)})")
    try:
        check_loss(settings.loss, settings.activation)
    except ValueError as exc:
        raise StateError(f"loss: {exc}") from None
    pattern = settings.pattern
    if not isinstance(pattern, str) or len(pattern) != 8 or set(pattern) - {"0", "1"}:
        raise StateError(f"pattern: expected 8 bits of 0 and 1, got {pattern!r}")
    return replace(
        settings,
        lr=_number_in("lr", settings.lr),
        momentum=_number_in("momentum", settings.momentum),
        seed=_number_in("seed", settings.seed, integer=True),
    )


def check_epochs(epochs) -> int:
    return _number_in("epochs", epochs, integer=True)


# --- sanity of numbers ------------------------------------------------------------------


def quiet_numpy():
    """Context: overflow and invalid operations give inf/nan silently (we check after)."""
    return np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")


def params_are_sane(params: Params | None) -> bool:
    """Finite and no larger than ``MAX_ABS`` in size (None, no velocity, is sane)."""
    if params is None:
        return True
    flat = params.flat()
    return bool(np.isfinite(flat).all() and np.abs(flat).max() <= MAX_ABS)


def step_is_sane(step) -> bool:
    """Every number of a Step is finite, and its parameters and velocity are sane."""
    arrays = [step.hidden_z, step.hidden_a, step.output_z, step.output_a, step.error]
    arrays += [step.output_delta, step.hidden_delta]
    finite = all(a is None or np.isfinite(a).all() for a in arrays)
    finite = finite and (step.loss is None or math.isfinite(step.loss))
    return bool(finite and params_are_sane(step.params) and params_are_sane(step.velocity))


def diverged_message(lr: float, where: str) -> str:
    return (
        f"The learning rate {lr:g} made the weights blow up {where}; stopped at the last "
        "finite state. Lower the learning rate, or undo."
    )


# --- the state without history ---------------------------------------------------------


@dataclass(frozen=True, eq=False)
class State:
    """A session without its history. ``params``/``velocity`` are those at the start of the
    step in progress; ``done`` phases of it have been performed (0..9). ``losses`` are the
    summed E of the last ``len(losses)`` completed epochs (the last one is epoch ``epoch``)."""

    settings: Settings
    params: Params
    velocity: Params | None
    done: int
    step_count: int
    epoch: int
    example: int
    epoch_loss: float
    losses: tuple = ()

    def key(self) -> tuple:
        """Bit-exact identity: equal keys mean the same state to the last bit."""
        return (
            self.settings,
            self.params.flat().tobytes(),
            None if self.velocity is None else self.velocity.flat().tobytes(),
            (self.done, self.step_count, self.epoch, self.example),
            np.float64(self.epoch_loss).tobytes(),
            np.array(self.losses, dtype=float).tobytes(),
        )

    def example_x(self) -> np.ndarray:
        """The example of the step in progress (the whole set in batch mode). A complete
        step (done 9) has already moved ``example`` on to the next one."""
        index = self.example - 1 if self.done == len(PHASES) else self.example
        return self.settings.step_examples(index)

    def checked(self) -> "State":
        """This state with normalised settings, if every part is sane; StateError naming
        the first part that is not. (Whether its phases replay sanely is checked by
        :meth:`shown`.)"""
        settings = check_settings(self.settings)
        if not params_are_sane(self.params):
            raise StateError(f"parameters: not all finite and within {MAX_ABS:g}")
        if self.velocity is not None and not params_are_sane(self.velocity):
            raise StateError(f"velocity: not all finite and within {MAX_ABS:g}")
        counters = {"done": self.done, "step": self.step_count, "epoch": self.epoch}
        counters["example"] = self.example
        for name, value in counters.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise StateError(f"{name}: expected a whole number from 0, got {value!r}")
            if value > MAX_COUNT:
                raise StateError(f"{name}: {value} is too large")
        if self.done > len(PHASES):
            raise StateError(f"done: {self.done} is more than the {len(PHASES)} phases")
        if self.example >= settings.steps_per_epoch():
            where = (
                "in batch mode (one step an epoch)" if settings.mode == "batch" else "in the set"
            )
            raise StateError(f"example: there is no example {self.example} {where}")
        for name, values in (("epoch_loss", [self.epoch_loss]), ("losses", self.losses)):
            array = np.array(values, dtype=float)
            if not (np.isfinite(array).all() and (array >= 0).all() and (array <= MAX_ABS).all()):
                raise StateError(f"{name}: expected finite numbers from 0 to {MAX_ABS:g}")
        return replace(self, settings=settings, losses=tuple(float(v) for v in self.losses))

    def shown(self) -> tuple["State", Step, Step]:
        """(this state checked, the step's start, the step as shown: ``done`` phases
        replayed from the start); StateError if a part is not sane or the phases done so
        far blow up."""
        state = self.checked()
        start = start_step(
            state.params,
            state.example_x(),
            velocity=state.velocity,
            **state.settings.step_settings(),
        )
        with quiet_numpy():
            step = advance(start, state.done)
        if not step_is_sane(step):
            raise StateError("parameters: the phases done so far blow up to non-finite numbers")
        return state, start, step
