"""What one user of the page is doing: settings, the step in progress, counters, undo.

Pure Python and numpy (no Streamlit): the page keeps one :class:`Session` per browser
session and turns each click into one method call. Every action first pushes a
:class:`Snapshot` so that undo (and the timeline) can return to any earlier point; the
history is bounded (``MAX_HISTORY`` snapshots of about 3 kB each, so under 2 MB per user).
"""

from collections import deque
from dataclasses import dataclass, field, replace

import numpy as np

from .model import NOTEBOOK_PATTERN, ONE_HOT, Params, bits_to_str, init_params, parse_bits
from .phases import PHASE_NAMES, PHASES, Step, next_phase, start_step
from .training import train

MAX_HISTORY = 500
DATASETS = ("onehot", "notebook", "custom")


@dataclass(frozen=True)
class Settings:
    lr: float = 2.0
    seed: int = 0
    rule: str = "exact"
    activation: str = "sigmoid"
    dataset: str = "onehot"  # the 8 one-hot patterns cycled, the notebook's, or "custom"
    pattern: str = "11011101"  # the custom pattern, set by clicking input nodes
    momentum: float = 0.0

    def patterns(self) -> np.ndarray:
        """The training set, (P, 8)."""
        if self.dataset == "onehot":
            return ONE_HOT
        if self.dataset == "notebook":
            return NOTEBOOK_PATTERN[None, :]
        return parse_bits(self.pattern)[None, :]

    def step_settings(self) -> dict:
        return {
            "lr": self.lr,
            "rule": self.rule,
            "activation": self.activation,
            "momentum": self.momentum,
        }


@dataclass(frozen=True)
class Snapshot:
    """Everything undo needs: the step in progress and the counters."""

    start: Step  # the step in progress before its first phase
    done: int  # phases of it performed
    step_count: int  # completed updates
    epoch: int  # completed epochs
    example: int  # index of the example in the training set
    epoch_loss: float  # sum of E over the steps of the current epoch so far
    n_losses: int  # length of the loss curve
    settings: Settings
    label: str = ""


@dataclass
class Session:
    settings: Settings = field(default_factory=Settings)
    start: Step | None = None
    step: Step | None = None
    step_count: int = 0
    epoch: int = 0
    example: int = 0
    epoch_loss: float = 0.0
    losses: list = field(default_factory=list)  # summed E of each completed epoch
    history: deque = field(default_factory=lambda: deque(maxlen=MAX_HISTORY))

    def __post_init__(self):
        if self.step is None:
            self._begin_step(init_params(self.settings.seed), velocity=None)

    # --- reading -------------------------------------------------------------------
    @property
    def patterns(self) -> np.ndarray:
        return self.settings.patterns()

    @property
    def phase(self) -> str:
        return self.step.phase

    @property
    def params(self) -> Params:
        return self.step.params

    def status_text(self) -> str:
        return f"Epoch {self.epoch} · Step {self.step_count} · Phase: {self.phase}"

    # --- undo ----------------------------------------------------------------------
    def _snapshot(self, label: str) -> Snapshot:
        return Snapshot(
            self.start,
            self.step.done,
            self.step_count,
            self.epoch,
            self.example,
            self.epoch_loss,
            len(self.losses),
            self.settings,
            label,
        )

    def _push(self, label: str):
        self.history.append(self._snapshot(label))

    def _restore(self, snap: Snapshot):
        self.settings, self.start = snap.settings, snap.start
        self.step_count, self.epoch, self.example = snap.step_count, snap.epoch, snap.example
        self.epoch_loss = snap.epoch_loss
        del self.losses[snap.n_losses :]
        step = snap.start
        for _ in range(snap.done):
            step = next_phase(step)
        self.step = step

    def undo(self) -> bool:
        """Go back one action (a phase, a step, a training run, a setting). False if none."""
        if not self.history:
            return False
        self._restore(self.history.pop())
        return True

    prev_phase = undo

    def jump_to(self, index: int):
        """Return to the point before history[index] (the timeline); later points are dropped."""
        if not 0 <= index < len(self.history):
            raise IndexError(f"no point {index} in the timeline")
        snap = self.history[index]
        for _ in range(len(self.history) - index):
            self.history.pop()
        self._restore(snap)

    # --- stepping --------------------------------------------------------------------
    def _begin_step(self, params: Params, velocity):
        x = self.patterns[self.example % len(self.patterns)]
        self.start = start_step(params, x, velocity=velocity, **self.settings.step_settings())
        self.step = self.start

    def _account(self):
        """Count the step that has just completed; ``example`` moves to the next one."""
        self.step_count += 1
        self.epoch_loss += self.step.loss
        self.example += 1
        if self.example >= len(self.patterns):
            self.example = 0
            self.epoch += 1
            self.losses.append(self.epoch_loss)
            self.epoch_loss = 0.0

    def _finish(self):
        """Perform the remaining phases of the step in progress; a complete step starts
        the next one first. Afterwards the step is complete and counted."""
        if self.step.complete:
            self._begin_step(self.step.params, self.step.velocity)
        while not self.step.complete:
            self.step = next_phase(self.step)
        self._account()

    def next_phase(self):
        """Perform exactly one phase; after the ninth, the next click starts the next step."""
        self._push(f"phase {self.step.next_name or PHASE_NAMES[0]}")
        if self.step.complete:
            self._begin_step(self.step.params, self.step.velocity)
        self.step = next_phase(self.step)
        if self.step.complete:
            self._account()

    def full_step(self):
        """Finish the current training step (or, when it is complete, do the next one)."""
        self._push("full step")
        self._finish()

    def train(self, epochs: int = 1, until_learned: bool = False):
        """Train whole epochs online. A step or epoch in progress is first finished step by
        step, and counts as the first of the ``epochs``."""
        self._push(f"train {'until learned' if until_learned else epochs}")
        if self.step.done and not self.step.complete:
            self._finish()
        if self.example:
            while self.example:
                self._finish()
            epochs = epochs if until_learned else epochs - 1
        result = train(
            self.step.params,
            self.patterns,
            epochs=None if until_learned else max(epochs, 0),
            until_learned=until_learned,
            mode="online",
            velocity_list=None if self.step.velocity is None else [self.step.velocity],
            **self.settings.step_settings(),
        )
        self.losses.extend(result.loss_history[:, 0].tolist())
        self.step_count += result.epochs_run * len(self.patterns)
        self.epoch += result.epochs_run
        self._begin_step(result.params[0], result.velocity[0])
        return result

    # --- settings --------------------------------------------------------------------
    def reset(self):
        """A fresh network from the seed; counters and the loss curve start again."""
        self._push("reset")
        self._fresh_network()

    def _fresh_network(self):
        self.step_count = self.epoch = self.example = 0
        self.epoch_loss = 0.0
        self.losses.clear()
        self._begin_step(init_params(self.settings.seed), velocity=None)

    def update_settings(self, **changes):
        """Apply new settings. A new seed gives a fresh network (as reset); any other
        change starts the current step over, from its first phase, with the new settings.
        Invalid values raise ValueError and change nothing."""
        new = replace(self.settings, **changes)
        if new == self.settings:
            return
        if new.dataset not in DATASETS:
            raise ValueError(f"unknown training set {new.dataset!r}")
        new.patterns()  # validates a custom pattern
        start_step(init_params(0), np.zeros(8), **new.step_settings())  # validates names
        self._push("settings")
        old, self.settings = self.settings, new
        if new.seed != old.seed:
            self._fresh_network()
            return
        if new.dataset != old.dataset:
            self.example = 0
        self._begin_step(self.start.params, self.start.velocity)

    def toggle_input_bit(self, index: int):
        """Flip one bit of the custom pattern (clicking an input node) and train on it."""
        bits = list(self.settings.pattern)
        bits[index] = "1" if bits[index] == "0" else "0"
        self.update_settings(dataset="custom", pattern="".join(bits))

    @property
    def example_bits(self) -> str:
        return bits_to_str(self.step.x)

    @property
    def n_phases(self) -> int:
        return len(PHASES)


def replay(params: Params, x, settings: Settings, done: int) -> Step:
    """The Step after ``done`` phases from a start (used when restoring from a URL)."""
    step = start_step(params, x, **settings.step_settings())
    for _ in range(done):
        step = next_phase(step)
    return step
