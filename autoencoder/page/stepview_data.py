"""What the stepping view is handed: the whole training step, every position prepared.

A pure function of the session (no Streamlit): :func:`view_payload` gives the step in
progress, the one after it (so crossing into it is drawn at once) and, when Undo reaches
it through phases, the one before, each with its ten positions (ready + nine phases):
the attributes that change on the graph, the status line, and the phase panel as HTML with
MathML equations (:mod:`.stepview_text`). The browser moves between positions without asking the server and tells
it the absolute position it shows (``Session.move_to``).

Every text here is built from numbers and fixed words and escaped; no user text is in it.
A batch step's graph shows one of its patterns on the nodes: ``look["pattern"]``.
"""

import functools
import hashlib

from autoencoder.core.model import bits_to_str
from autoencoder.core.phases import PHASES, Step
from autoencoder.core.settings import StateError, step_is_sane
from autoencoder.figures.equations import EQUATION_CSS
from autoencoder.figures.layout import weight_scale
from autoencoder.figures.stepview import (
    SHAPE_STARTS,
    base_figure,
    element_names,
    halo_place,
    label_places,
    position_view,
    view_changes,
)
from autoencoder.session import transfer
from autoencoder.session.positions import counters_after, counters_before, replay_step, step_id
from autoencoder.session.session import Session, status_line

from .stepview_text import caption, inspector_html, panel_html

N_POSITIONS = len(PHASES) + 1
ID_CHARS = set("0123456789abcdef")
MAX_HELD = 32


def step_data(
    start: Step, counters: tuple, settings, look: dict, plain: dict | None = None
) -> dict:
    """One step's positions (ready + nine phases). ``counters``: (step count, epoch,
    example) at its start; ``look``: ``theme``, ``large``, ``selected`` (an element id or
    None) and optionally ``upto`` (prepare only the first ``upto`` positions). Positions stop before the first that blows up (non-finite, or beyond MAX_ABS):
    the view leaves those to the server, which refuses them with a warning. ``plain``: this
    step's data without a selection, if already at hand (a selection adds only the
    inspector and the halo to it)."""
    if plain is None:
        plain = _plain_step(start, counters, settings, {**look, "selected": None})
    if not look["selected"]:
        return plain
    pattern, step, positions = shown_pattern(look), start, []
    for done, position in enumerate(plain["positions"]):
        step = replay_step(step, 1) if done else step
        inspector = inspector_html(step, look["selected"], settings.rule, pattern)
        positions.append({**position, "inspector": inspector})
    return {
        **plain,
        "key": step_key(start, counters, settings, look),
        "positions": positions,
        "halo": halo_place(look["selected"], look["large"]),
    }


def _plain_step(start: Step, counters: tuple, settings, look: dict) -> dict:
    """:func:`step_data` with nothing selected."""
    patterns = settings.patterns()
    after = counters_after(counters, settings.steps_per_epoch())
    next_bits = bits_to_str(settings.step_examples(after[2]))
    pattern = shown_pattern(look)
    positions, before, step = [], None, start
    for done in range(look.get("upto") or N_POSITIONS):
        if done:
            step = replay_step(step, 1)
        if not step_is_sane(step):
            break
        view = position_view(step, look["theme"], look["large"], pattern)
        count, epoch, _ = after if step.complete else counters
        positions.append(
            {
                "view": view_changes(before, view),
                "status": status_line(epoch, count, step.phase),
                "caption": caption(step, counters[2], patterns, next_bits, settings, pattern),
                "panel": panel_html(step, next_bits),
                "next_label": f"Next phase: {step.next_name or 'hidden_z of the next step'}",
            }
        )
        before = view
    return {
        "id": step_id(start, counters[0]),
        "key": step_key(start, counters, settings, look),
        "positions": positions,
        "halo": halo_place(None, look["large"]),
    }


def step_key(start: Step, counters: tuple, settings, look: dict) -> str:
    """Names a step's prepared data by all it depends on: the step, its counters, the
    settings and the look (the browser holds prepared steps by this key)."""
    depends = repr((step_id(start, counters[0]), counters, settings, look_key(look)))
    return hashlib.blake2b(depends.encode(), digest_size=8).hexdigest()


@functools.lru_cache(maxsize=2)
def static_part(large: bool) -> dict:
    """What the graph is drawn from once; it depends on the size only. Built once per
    size for the process (read only: the payload is serialised, never changed)."""
    return {
        "key": f"static-{int(bool(large))}",
        "figure": base_figure(large),
        "shape_starts": SHAPE_STARTS,
        "places": label_places(),
        "names": element_names(),
        "equation_css": EQUATION_CSS,
    }


def shown_pattern(look: dict) -> int:
    """The pattern of a batch step the graph shows on its nodes (0-based; 0 if unset)."""
    pattern = look.get("pattern")
    return pattern if type(pattern) is int and pattern >= 0 else 0


def look_key(look: dict) -> str:
    """A short name for what a step's prepared data depends on beyond the step."""
    key = f"{look['theme'] or '-'}.{int(bool(look['large']))}.{look['selected'] or '-'}"
    key += f".u{look['upto']}" if look.get("upto") else ""
    return key + (f".p{shown_pattern(look)}" if look.get("pattern") else "")


def current_counters(s: Session) -> tuple:
    """(step count, epoch, example) at the start of the step in progress."""
    now = (s.step_count, s.epoch, s.example)
    return counters_before(now, s.steps_per_epoch) if s.step.complete else now


def step_list(s: Session) -> list[tuple[Step, tuple, object]]:
    """(start, counters, settings) of the previous (when reachable), current and next step."""
    counters = current_counters(s)
    steps = []
    prev = s.previous_step()
    if prev is not None:
        snap = prev[0]
        counts = (snap.step_count, snap.epoch, snap.example)
        steps.append(
            (snap.start, counters_before(counts, snap.settings.steps_per_epoch()), snap.settings)
        )
    steps.append((s.start, counters, s.settings))
    following, _ = s.next_step_start()
    steps.append((following, counters_after(counters, s.steps_per_epoch), s.settings))
    return steps


def view_payload(s: Session, steps: list[dict], ack: int, look: dict) -> dict:
    """What the component is handed: the steps (from :func:`step_data`), which one is in
    progress and at which phase, and ``ack``, the number of the last position message the
    server has applied (the browser keeps its own view while newer ones are on the way)."""
    return {
        "steps": steps,
        "static": static_part(bool(look["large"])),
        "colour_bar": {"stops": weight_scale(look["theme"])},
        "current": s.step_id,
        "phase": s.step.done,
        "ack": ack,
        "can_undo": bool(s.history),
        "history_len": len(s.history),
        "large": look["large"],
        "selected": look["selected"],
        "custom": s.settings.dataset == "custom",
    }


def without_held(payload: dict, held: set[str]) -> dict:
    """``payload`` with the prepared steps (and the static figure) the browser already
    holds named by their key instead of sent again: a click then costs a few hundred
    bytes instead of a few hundred kB. The browser asks again (``need``) if it lacks one."""
    steps = [
        {"id": s["id"], "key": s["key"], "held": True} if s["key"] in held else s
        for s in payload["steps"]
    ]
    static = payload["static"]
    if static["key"] in held:
        static = {"key": static["key"], "held": True}
    return {**payload, "steps": steps, "static": static}


# --- what the browser sends (checked like any other input) ------------------------------


def read_held(value) -> set[str]:
    """The keys of the prepared steps the browser says it holds (checked; at most
    ``MAX_HELD`` of them); an empty set for anything else."""
    if not isinstance(value, list) or len(value) > MAX_HELD:
        return set()
    return {k for k in value if isinstance(k, str) and len(k) <= 64 and k.isascii()}


def read_position(value) -> tuple[str, int, int] | None:
    """(step id, phase, message number) from what the browser sent, or None if it is not
    one (anything a browser sends is checked like any other input)."""
    if not isinstance(value, dict):
        return None
    step, phase, seq = value.get("step"), value.get("phase"), value.get("seq")
    if not (isinstance(step, str) and len(step) == 16 and set(step) <= ID_CHARS):
        return None
    if type(phase) is not int or not 0 <= phase <= 9 or type(seq) is not int or seq < 0:
        return None
    return step, phase, seq


MAX_RESTORED = 100  # undo points the browser may bring back after a reload
MAX_RESTORED_CHARS = 400_000


def read_pasts(value) -> list[Session] | None:
    """The earlier states a reloaded tab brings back (a list of URL queries, oldest first;
    a None value is a parameter the URL does not have), each decoded and checked as any
    link is; None if any one is not usable."""
    if not isinstance(value, list) or not 0 < len(value) <= MAX_RESTORED:
        return None
    queries = []
    for query in value:
        if not isinstance(query, dict):
            return None
        query = {k: v for k, v in query.items() if v is not None}
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in query.items()):
            return None
        queries.append(query)
    if sum(len(k) + len(v) for q in queries for k, v in q.items()) > MAX_RESTORED_CHARS:
        return None
    try:
        return [transfer.session_from_query(q) for q in queries]
    except StateError:
        return None
