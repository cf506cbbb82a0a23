// The stepping view's side of its protocol with the server. The server hands over whole
// steps (the one in progress, the next, and the previous one when Undo reaches it), each
// with its ten positions prepared; a step (or static figure) the view already holds comes
// as its key only. Each move tells the server the ABSOLUTE position (step id + phase) with
// a sequence number, again every 2 s until an answer acknowledges it. The server's answer
// wins, unless newer moves are still on the way.

const HELD_MAX = 24; // prepared steps and static figures kept, the oldest go first
const RESEND_MS = 2000; // a position not acknowledged by then is sent again

/** Full views of a step's ten positions, from the changes the server sends. */
function expand(step) {
  let view = {};
  step.views = step.positions.map((p) => (view = { ...view, ...p.view }));
  return step;
}

/** Keep a prepared step (or the static figure) by its key; the oldest go first. */
function hold(view, item) {
  view.held.delete(item.key);
  view.held.set(item.key, item);
  while (view.held.size > HELD_MAX) view.held.delete(view.held.keys().next().value);
  return item;
}

/** A step of the server's data: sent whole, or held here (null if not: a new mount). */
function takeStep(view, step, missing) {
  if (!step.held) return hold(view, expand(step));
  if (!view.held.has(step.key)) missing.push(step.key);
  return view.held.has(step.key) ? hold(view, view.held.get(step.key)) : null;
}

/** The steps of the server's ``data``, each held (and its static figure); null when some
 *  the server took as held are not (a new mount): then the view asks for them again. */
export function takeSteps(view, data) {
  const missing = [];
  const steps = data.steps.map((step) => takeStep(view, step, missing));
  if (data.static.held) {
    if (!view.held.has(data.static.key)) missing.push(data.static.key);
    else hold(view, view.held.get(data.static.key)); // in use: not the next to go
  } else hold(view, data.static);
  if (missing.length) {
    // ``at`` makes every request a new value: a second new mount asking for the same keys
    // at the same seq would otherwise set an unchanged state, which reruns nothing
    view.component.setStateValue("need", { keys: missing, seq: view.seq, at: Date.now() });
    return null;
  }
  return steps;
}

/** The server's data (with its static figure) and its steps become the view's. */
export function keepSteps(view, data, steps) {
  view.data = { ...data, ...view.held.get(data.static.key) };
  view.steps = new Map(steps.map((s) => [s.id, s]));
  view.order = steps.map((s) => s.id);
}

/** Show the server's position, unless newer moves of this view are still on the way
 *  (and the position shown is among the steps at hand). */
export function adoptPosition(view, data) {
  const mine = view.at && view.steps.has(view.at.id);
  if (data.ack >= view.seq || !mine) {
    view.at = { id: data.current, phase: data.phase };
    view.seq = Math.max(view.seq, data.ack);
  }
}

/** The step ``by`` places after (1) or before (-1) step ``id`` among those at hand, or null. */
export function neighbour(view, id, by) {
  const i = view.order.indexOf(id);
  return i < 0 ? null : view.order[i + by] || null;
}

/** Tell the server the position shown, after the press is painted: sending starts
 *  Streamlit's own work on the main thread, which would otherwise come before the paint. */
export function tell(view) {
  const { id, phase } = view.at;
  const message = { step: id, phase, seq: view.seq, held: [...view.held.keys()] };
  requestAnimationFrame(() => setTimeout(() => send(view, message), 0));
}

/** Send a position; if no answer has acknowledged it after a while, send it again (it
 *  is absolute, so a second copy changes nothing once the first has arrived). */
function send(view, message, tries = 0) {
  view.component.setStateValue("position", { ...message, tries });
  clearTimeout(view.resend);
  view.resend = setTimeout(() => {
    const acked = view.data ? view.data.ack : 0;
    if (acked !== message.seq && message.seq === view.seq && view.root.isConnected) {
      send(view, message, tries + 1);
    }
  }, RESEND_MS);
}

/** Ask the server to undo past the start of the step: presses are counted, so a lost or
 *  doubled message loses or doubles none (the server applies the difference). */
export function askUndo(view) {
  view.undos += 1;
  view.component.setTriggerValue("undo", view.undos);
}

/** Select a node, weight or bias for the inspector ("" clears the selection). */
export function select(view, id) {
  view.component.setTriggerValue("select", id);
}
