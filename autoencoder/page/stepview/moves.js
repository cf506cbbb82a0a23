// Moves between the positions of the steps at hand (phase 0 = ready, 1-9 the phases): each
// shows its position at once and tells the server. Presses beyond the steps at hand wait
// until the server has sent them.

import { render } from "./draw.js";
import { askUndo, neighbour, tell } from "./protocol.js";

/** Show (id, phase) now and tell the server. */
export function go(view, id, phase) {
  view.at = { id, phase };
  view.seq += 1;
  render(view);
  tell(view);
}

function canAdvance(view) {
  return view.at.phase < 9 || neighbour(view, view.at.id, 1) !== null;
}

export function next(view) {
  const { id, phase } = view.at;
  if (phase < 9) return go(view, id, phase + 1);
  const after = neighbour(view, id, 1);
  if (after) return go(view, after, 1);
  view.waiting++;
}

export function prev(view) {
  const { id, phase } = view.at;
  const before = neighbour(view, id, -1);
  if (phase >= 2 || (phase === 1 && !before)) return go(view, id, phase - 1);
  if (before) return go(view, before, 9);
  if (id !== view.data.current) {
    view.waitingBack += 1; // the server is not there yet: press again when it is
    return;
  }
  askUndo(view); // past the step's start
}

export function full(view) {
  const { id, phase } = view.at;
  if (phase < 9) return go(view, id, 9);
  const after = neighbour(view, id, 1);
  if (after) return go(view, after, 9);
  view.waiting += 9;
}

/** Make the presses that waited for the server, now that it has answered. */
export function catchUp(view) {
  while (view.waiting > 0 && canAdvance(view)) {
    view.waiting--;
    next(view);
  }
  while (view.waitingBack > 0 && view.data.ack >= view.seq) {
    view.waitingBack--;
    prev(view);
  }
}
