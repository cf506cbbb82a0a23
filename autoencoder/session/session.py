"""What one user of the page is doing: settings, the step in progress, counters, undo.

Pure Python and numpy (no Streamlit): the page keeps one :class:`Session` per browser
session and turns each click into one method call. Every action first pushes a
:class:`Snapshot` so that undo (and the timeline) can return to any earlier point; the
history is bounded (``MAX_HISTORY`` snapshots of about 3 kB each, so under 2 MB per user).

No action leaves a non-finite number, or a parameter beyond ``MAX_ABS``, on show: one that
would (a learning rate that makes the weights blow up) stops at the last sane state, sets
:attr:`Session.warning`, and stays undoable. :class:`State` (``to_state``/``from_state``)
is the session without its history: what the URL and the exported file carry.
"""

from collections import deque
from dataclasses import dataclass, field, replace

import numpy as np

from autoencoder.core.model import MAX_ABS, Params, bits_to_str, init_params
from autoencoder.core.phases import PHASE_NAMES, PHASES, Step, finish_step, next_phase, start_step
from autoencoder.core.safe_training import CHUNK_EPOCHS, joined, train_until_blow_up
from autoencoder.core.settings import (
    DATASETS,
    LIMITS,
    Settings,
    State,
    StateError,
    check_epochs,
    check_settings,
    diverged_message,
    params_are_sane,
    quiet_numpy,
    step_is_sane,
)
from autoencoder.core.training import MAX_EPOCHS
from autoencoder.io.recipe import Recipe, add_phases, add_training
from autoencoder.session.history import MAX_HISTORY, HistoryMixin, Snapshot
from autoencoder.session.positions import (
    PositionsMixin,
    counters_after,
    counters_before,
    replay_step,
    step_id,
)

__all__ = ["DATASETS", "LIMITS", "MAX_HISTORY", "Session", "Settings", "Snapshot", "State"]
__all__ += ["StateError", "replay_step", "status_line", "step_id"]


@dataclass
class Session(HistoryMixin, PositionsMixin):
    settings: Settings = field(default_factory=Settings)
    start: Step | None = None
    step: Step | None = None
    step_count: int = 0
    epoch: int = 0
    example: int = 0
    epoch_loss: float = 0.0
    losses: list = field(default_factory=list)  # summed E of the last len(losses) epochs
    history: deque = field(default_factory=lambda: deque(maxlen=MAX_HISTORY))
    warning: str | None = None  # set by an action that stopped because numbers blew up
    recipe: Recipe | None = None  # how it got here from the seed, if only by stepping

    def __post_init__(self):
        if self.step is None:
            self._begin_step(init_params(self.settings.seed), velocity=None)
            self.recipe = Recipe()

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
        return status_line(self.epoch, self.step_count, self.phase)

    # --- state without history (URL, export) ------------------------------------------
    def to_state(self, max_losses: int | None = None) -> State:
        """This session without history; ``max_losses`` keeps only the last epochs' losses."""
        losses = self.losses if max_losses is None else self.losses[-max_losses:]
        if max_losses == 0:
            losses = []
        return State(
            self.settings,
            self.start.params,
            self.start.velocity if self.settings.momentum > 0 else None,
            self.step.done,
            self.step_count,
            self.epoch,
            self.example,
            self.epoch_loss,
            tuple(losses),
        )

    @classmethod
    def from_state(cls, state: State) -> "Session":
        """A new session showing exactly ``state`` (its phases replayed from the start
        parameters), with an empty history. StateError naming what is wrong otherwise."""
        state, start, step = state.shown()
        session = cls(settings=state.settings, step=step)
        session._apply(state, start, step)
        return session

    def _apply(self, state: State, start: Step, step: Step):
        self.settings, self.start, self.step = state.settings, start, step
        self.step_count, self.epoch, self.example = state.step_count, state.epoch, state.example
        self.epoch_loss = float(state.epoch_loss)
        self.losses = list(state.losses)

    def load_state(self, state: State, label: str = "import"):
        """Show ``state`` (as one undoable action). StateError, and no change, if it is bad."""
        shown = state.shown()
        self._push(label)
        self._apply(*shown)
        self.recipe = None

    def load_params(self, params: Params, label: str = "import"):
        """Load ``params`` with the current settings, at phase ready, counters reset, as
        one undoable action. StateError, and no change, if they are not sane."""
        if not isinstance(params, Params) or not params_are_sane(params):
            raise StateError(f"parameters: not all finite and within {MAX_ABS:g}")
        self._push(label)
        self._new_losses()
        self._begin_step(params.copy(), velocity=None)
        self.recipe = None

    # --- stepping --------------------------------------------------------------------
    @property
    def steps_per_epoch(self) -> int:
        return self.settings.steps_per_epoch()

    def _begin_step(self, params: Params, velocity):
        x = self.settings.step_examples(self.example)
        self.start = start_step(params, x, velocity=velocity, **self.settings.step_settings())
        self.step = self.start

    def _account(self):
        """Count the step that has just completed; ``example`` moves to the next one."""
        self.epoch_loss += self.step.loss
        epoch = self.epoch
        self.step_count, self.epoch, self.example = counters_after(
            (self.step_count, self.epoch, self.example), self.steps_per_epoch
        )
        if self.epoch != epoch:  # the epoch is complete: its summed loss joins the curve
            self.losses.append(self.epoch_loss)
            self.epoch_loss = 0.0

    def _unaccount(self):
        """Take back :meth:`_account` (the step in progress is complete and counted)."""
        epoch = self.epoch
        self.step_count, self.epoch, self.example = counters_before(
            (self.step_count, self.epoch, self.example), self.steps_per_epoch
        )
        if self.epoch != epoch:  # back into the epoch before: its loss so far again
            self.epoch_loss = self.losses.pop() if self.losses else self.step.loss
        self.epoch_loss -= self.step.loss

    def _finish(self) -> bool:
        """Perform the remaining phases of the step in progress; a complete step starts
        the next one first. Afterwards the step is complete and counted. If a phase blows
        up, nothing changes and the result is False."""
        before = (self.start, self.step)
        if self.step.complete:
            self._begin_step(self.step.params, self.step.velocity)
        with quiet_numpy():
            step = finish_step(self.step)
        if not step_is_sane(step):
            self.start, self.step = before
            return False
        self.step = step
        self._account()
        return True

    def next_phase(self):
        """Perform exactly one phase; after the ninth, the next click starts the next step."""
        self._push(f"phase {self.step.next_name or PHASE_NAMES[0]}")
        if self.step.complete:
            self._begin_step(self.step.params, self.step.velocity)
        with quiet_numpy():
            step = next_phase(self.step)
        if not step_is_sane(step):
            self._refuse(f"in phase {step.phase} of step {self.step_count + 1}")
            return
        self.step = step
        self.recipe = add_phases(self.recipe, 1)
        if self.step.complete:
            self._account()

    def full_step(self):
        """Finish the current training step (or, when it is complete, do the next one)."""
        self._push("full step")
        phases = len(PHASES) - (0 if self.step.complete else self.step.done)
        if not self._finish():
            self._refuse(f"in step {self.step_count + 1}")
            return
        self.recipe = add_phases(self.recipe, phases)

    def train(self, epochs: int = 1, until_learned: bool = False, progress=None):
        """Train whole epochs (online, or in batch mode one step an epoch). A step or epoch
        in progress is first finished step by step, and counts as the first of the ``epochs``. Returns the trainer's result, or
        None if the numbers blew up: training then stops at the last sane epoch (or step)
        and :attr:`warning` says so. StateError if ``epochs`` is outside ``LIMITS``.
        ``progress(epochs_done)``, if given, is called about 20 times along the way."""
        epochs = asked = epochs if until_learned else check_epochs(epochs)
        self._push(f"train {'until learned' if until_learned else epochs}")
        in_epoch = bool(self.example) or (self.step.done and not self.step.complete)
        if self.step.done and not self.step.complete:
            if not self._finish():
                return self._stop_training(f"in step {self.step_count + 1}")
        while self.example:
            if not self._finish():
                return self._stop_training(f"in step {self.step_count + 1}")
        if in_epoch and not until_learned:  # (a one-step epoch counts too: batch, P = 1)
            epochs -= 1
        runs, blew_up = train_until_blow_up(
            self.step.params,
            self.step.velocity,
            self.patterns,
            epochs=epochs,
            until_learned=until_learned,
            chunk=self._chunk(epochs, until_learned, progress),
            progress=progress,
            **self.settings.step_settings(),
        )
        for run in runs:
            self._take(run)
        if blew_up:
            return self._stop_training(f"in epoch {self.epoch + 1}")
        self.recipe = add_training(self.recipe, None if until_learned else asked)
        return joined(runs)

    @staticmethod
    def _chunk(epochs: int, until_learned: bool, progress) -> int:
        """Epochs per trainer call: ~20 calls when someone watches the progress."""
        if progress is None:
            return CHUNK_EPOCHS
        total = MAX_EPOCHS if until_learned else epochs
        return max(1, min(CHUNK_EPOCHS, total // 20))

    def _take(self, result):
        self.losses.extend(result.loss_history[:, 0].tolist())
        self.step_count += result.epochs_run * self.steps_per_epoch
        self.epoch += result.epochs_run
        self._begin_step(result.params[0], result.velocity[0])

    def _stop_training(self, where: str):
        if self.step_count == self.history[-1].step_count:  # nothing was done: no undo point
            self.history.pop()
        self.warning = diverged_message(self.settings.lr, where)
        self.recipe = None  # stopped part way: not a replayable Train click
        if self.step.complete:  # show the last sane state at phase ready
            self._begin_step(self.step.params, self.step.velocity)
        return None

    # --- settings --------------------------------------------------------------------
    def reset(self):
        """A fresh network from the seed; counters and the loss curve start again."""
        self._push("reset")
        self._fresh_network()

    def _new_losses(self):
        self.step_count = self.epoch = self.example = 0
        self.epoch_loss = 0.0
        self.losses = []  # a new list: snapshots keep the old one for undo

    def _fresh_network(self):
        self._new_losses()
        self._begin_step(init_params(self.settings.seed), velocity=None)
        self.recipe = Recipe()

    def update_settings(self, **changes):
        """Apply new settings. A new seed gives a fresh network (as reset); any other
        change starts the current step over, from its first phase, with the new settings.
        Values outside ``LIMITS`` or unknown names raise StateError (a ValueError) and
        change nothing."""
        new = check_settings(replace(self.settings, **changes))
        if new == self.settings:
            return
        self._push("settings")
        old, self.settings = self.settings, new
        if new.seed != old.seed:
            self._fresh_network()
            return
        if new.dataset != old.dataset:
            self.example = 0
        if new.mode != old.mode:  # a new kind of step: its epoch starts afresh
            self.example, self.epoch_loss = 0, 0.0
        self._begin_step(self.start.params, self.start.velocity)
        # still the seed's network if no step was completed: named by the new settings
        fresh = self.recipe is not None and self.step_count == 0 and self.epoch == 0
        self.recipe = Recipe(checked=self.recipe.checked) if fresh else None

    def toggle_input_bit(self, index: int):
        """Flip one bit of the custom pattern (clicking an input node) and train on it."""
        bits = list(self.settings.pattern)
        bits[index] = "1" if bits[index] == "0" else "0"
        self.update_settings(dataset="custom", pattern="".join(bits))

    @property
    def example_bits(self) -> str:
        return bits_to_str(self.step.x)


def status_line(epoch: int, step_count: int, phase: str) -> str:
    """'Epoch E · Step S · Phase: NAME', as the status panel shows it (docs/design.md)."""
    return f"Epoch {epoch} · Step {step_count} · Phase: {phase}"
