"""Undo: every action of a :class:`~autoencoder.session.session.Session` first pushes a
:class:`Snapshot`, so that undo (and the timeline) can return to any earlier point. The
history is bounded (``MAX_HISTORY`` snapshots of about 3 kB each, under 2 MB per user).
"""

from dataclasses import dataclass

from autoencoder.core.phases import Step
from autoencoder.core.settings import Settings, diverged_message
from autoencoder.io.recipe import Recipe
from autoencoder.session.positions import replay_step

MAX_HISTORY = 500


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
    losses: list | None = None  # the loss list then (a reset or load starts a new one)
    recipe: Recipe | None = None  # how the state then was reached from the seed (session/recipe.py)


class HistoryMixin:
    """Undo, mixed into Session (uses its step, counters, settings, losses and history)."""

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
            self.losses,
            self.recipe,
        )

    def _push(self, label: str):
        self.warning = None
        self.history.append(self._snapshot(label))

    def _restore(self, snap: Snapshot):
        self.settings, self.start = snap.settings, snap.start
        self.step_count, self.epoch, self.example = snap.step_count, snap.epoch, snap.example
        self.epoch_loss = snap.epoch_loss
        if snap.losses is not None:
            self.losses = snap.losses
        del self.losses[snap.n_losses :]
        self.step = replay_step(snap.start, snap.done)
        self.recipe = snap.recipe

    def undo(self) -> bool:
        """Go back one action (a phase, a step, a training run, a setting). False if none."""
        self.warning = None
        if not self.history:
            return False
        self._restore(self.history.pop())
        return True

    def jump_to(self, index: int):
        """Return to the point before history[index] (the timeline); later points are dropped."""
        if not 0 <= index < len(self.history):
            raise IndexError(f"no point {index} in the timeline")
        snap = self.history[index]
        for _ in range(len(self.history) - index):
            self.history.pop()
        self.warning = None
        self._restore(snap)

    def _refuse(self, where: str):
        """Undo the action just begun (its snapshot is the last) and say why."""
        self._restore(self.history.pop())
        self.warning = diverged_message(self.settings.lr, where)
