"""Absolute positions in a session's timeline: what the stepping view sends the server.

A position is (step id, phase): the step named by its start and its place in the session
(:func:`step_id`), and the number of its phases performed. :class:`PositionsMixin` gives
:class:`autoencoder.session.session.Session` the moves between positions; each is absolute, so a
repeated, late or coalesced message changes nothing more than the last one does. Going
forward makes one undo point per phase, as Next phase does; going back takes them off, as
Undo does (and after a reload, where there are none, replays the phases).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import numpy as np

from autoencoder.core.phases import PHASES, Step, advance, start_step
from autoencoder.core.settings import quiet_numpy
from autoencoder.io.recipe import back_phases

if TYPE_CHECKING:  # for annotations only (the mixin is part of Session)
    from autoencoder.session.history import Snapshot
    from autoencoder.session.session import Session

RESTORED = "restored"  # the label of undo points brought back after a reload


class PositionsMixin:
    """Moves to absolute positions; mixed into Session (uses its history, counters,
    ``next_phase``, ``undo``, ``_unaccount`` and ``_snapshot``)."""

    @property
    def step_id(self) -> str:
        """Names the step in progress: its start and its place in the session."""
        return step_id(self.start, self.step_count - (1 if self.step.complete else 0))

    def go_to(self, done: int):
        """Show phase ``done`` (0..9) of the step in progress. Forward, one undo point per
        phase, as Next phase makes; back, those points are taken off again, as Undo does
        (and where there are none, after a reload, the phases are simply replayed)."""
        if not 0 <= done <= len(PHASES):
            raise ValueError(f"no phase {done} in a step")
        while self.step.done < done:
            before = self.step.done
            self.next_phase()
            if self.warning or self.step.done != before + 1:
                return  # blew up: next_phase left the last sane state and a warning
        while self.step.done > done:
            top = self.history[-1] if self.history else None
            if top is not None and self._same_step(top) and done <= top.done < self.step.done:
                self.undo()
                continue
            if self.step.complete:
                self._unaccount()
            self.recipe = back_phases(self.recipe, self.step.done - done)
            self.step = replay_step(self.start, done)

    def move_to(self, target: str, done: int) -> bool:
        """Go to phase ``done`` of the step named ``target``: the step in progress, the one
        after it, or one before it that Undo reaches through phases. An absolute position,
        so a repeated or late message changes nothing more. False (and no change) when
        ``target`` is none of those."""
        if target == self.step_id:
            self.go_to(done)
            return True
        if target == self.next_step_id():
            self.go_to(len(PHASES))
            if not self.step.complete:
                return True  # it blew up on the way: the last sane state and a warning
            self.next_phase()  # the next step's first phase
            self.go_to(done)
            return True
        depth = self._undo_depth(target)
        if depth is None:
            return False
        for _ in range(depth):
            self.undo()
        self.go_to(done)
        return True

    def next_step_start(self) -> tuple[Step, int]:
        """The step after this one (all its phases done first): its start, and the number
        of steps completed before it."""
        finished = replay_step(self.start, len(PHASES))
        count = self.step_count + (0 if self.step.complete else 1)
        x = self.settings.step_examples(self.example + (0 if self.step.complete else 1))
        velocity = finished.velocity
        return start_step(
            finished.params, x, velocity=velocity, **self.settings.step_settings()
        ), count

    def next_step_id(self) -> str:
        """The id the step after this one will have."""
        return step_id(*self.next_step_start())

    def previous_step(self) -> tuple[Snapshot, int] | None:
        """The step before this one, when Undo reaches it through phases only (this step
        was entered by a Next phase from its phase 9): that snapshot, and how many undos
        bring it back. None otherwise (a training run, a setting, a reset came between)."""
        for depth, snap in enumerate(reversed(self.history), start=1):
            if not snap.label.startswith("phase"):
                return None
            if not self._same_step(snap):
                return (snap, depth) if snap.done == len(PHASES) else None
        return None

    def _same_step(self, snap: Snapshot) -> bool:
        """Whether undo point ``snap`` lies in the step in progress."""
        if snap.start is self.start:
            return True
        count = snap.step_count - (1 if snap.done == len(PHASES) else 0)
        return step_id(snap.start, count) == self.step_id

    def adopt_history(self, pasts: list[Session]):
        """Undo points brought back after a reload: ``pasts`` are earlier states of this
        session, oldest first (the browser kept them); as many as the history holds are kept.
        They may come from any action, so the stepping view does not cross into them by
        itself: Undo brings each back through the server."""
        for past in pasts[-self.history.maxlen :]:
            self.history.append(past._snapshot(RESTORED))

    def _undo_depth(self, target: str) -> int | None:
        """How many undos bring back the step named ``target`` (the previous one only)."""
        prev = self.previous_step()
        if prev is None or step_id(prev[0].start, prev[0].step_count - 1) != target:
            return None
        return prev[1]


def step_id(start: Step, count: int) -> str:
    """A short name for the step that starts at ``start`` after ``count`` completed
    steps: the same start and count always give the same name."""
    digest = hashlib.blake2b(digest_size=8)
    for array in (start.x, *start.params.as_dict().values()):
        digest.update(np.ascontiguousarray(array, dtype=float).tobytes())
    if start.velocity is not None:
        for array in start.velocity.as_dict().values():
            digest.update(np.ascontiguousarray(array, dtype=float).tobytes())
    named = (start.lr, start.rule, start.activation, start.momentum, count)
    if start.loss_name != "squared":  # (added so that squared-error ids stay as they were)
        named += (start.loss_name,)
    if start.batch:  # (likewise: online ids stay as they were)
        named += ("batch",)
    digest.update(repr(named).encode())
    return digest.hexdigest()


def replay_step(start: Step, done: int) -> Step:
    """``start`` after ``done`` phases."""
    with quiet_numpy():
        return advance(start, done)


def counters_after(counters: tuple, n_steps: int) -> tuple:
    """(step count, epoch, example) after one more completed step; ``n_steps`` steps
    make an epoch (the number of patterns online, 1 in batch mode)."""
    count, epoch, example = counters
    if example + 1 >= n_steps:
        return count + 1, epoch + 1, 0
    return count + 1, epoch, example + 1


def counters_before(counters: tuple, n_steps: int) -> tuple:
    """(step count, epoch, example) before the last completed step."""
    count, epoch, example = counters
    if example == 0:
        return count - 1, epoch - 1, n_steps - 1
    return count - 1, epoch, example - 1
