// The stepping view's controls: its buttons, the keys (→ PgDn next, ← PgUp undo, S full
// step), play-the-step, the weight labels and the slides (slide.js).

import { download, zip } from "./export.js";
import { slidePng, slideSvg } from "./slide.js";
import { phaseName } from "./draw.js";
import { full, go, next, prev } from "./moves.js";
import { select } from "./protocol.js";

const KEY_MOVES = { ArrowRight: next, PageDown: next, ArrowLeft: prev, PageUp: prev, s: full, S: full };

/** Connect the buttons, the scrubber, the checkbox and the keys to the view. */
export function bind(view) {
  const click = (key, act) => { view.el(`.st-key-${key} button`).onclick = act; };
  click("next_phase", () => next(view));
  click("prev_phase", () => prev(view));
  click("full_step", () => full(view));
  view.el(".st-key-phase_scrubber input").oninput = (e) => go(view, view.at.id, +e.target.value);
  click("clear_selected", () => select(view, ""));
  click("play_step", () => (view.timer ? stopPlay(view) : play(view)));
  view.el(".st-key-weight_labels input").onchange = (e) => {
    view.el(".sv-graph").classList.toggle("sv-weights-on", e.target.checked);
    if (view.graph) view.graph.place();
  };
  const shown = () => view.steps.get(view.at.id).positions[view.at.phase];
  const png = (scale, suffix) => async () => download(
    await slidePng(await slideSvg(view, shown()), scale), `network-${shownName(view)}${suffix}.png`);
  click("graph_png", png(1, ""));
  click("graph_png2", png(2, "@2x"));
  click("graph_svg", async () => download(
    new Blob([await slideSvg(view, shown())], { type: "image/svg+xml" }), `network-${shownName(view)}.svg`));
  click("slides_zip", () => slides(view));
  view.onKey = (e) => key(view, e);
  window.addEventListener("keydown", view.onKey);
}

/** A key press: a move, unless it is typed into a field (a range or checkbox has none);
 *  any key stops play-the-step. */
function key(view, e) {
  if (!view.root.isConnected) return view.destroy(); // drawn anew elsewhere: let that one
  const t = e.target;
  if (e.ctrlKey || e.metaKey || e.altKey || !view.data || !view.data.controls) return;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
    if (!(t.type === "range" || t.type === "checkbox")) return;
  }
  const move = KEY_MOVES[e.key];
  if (view.timer) stopPlay(view);
  if (!move) return;
  e.preventDefault();
  move(view);
}

/** Walk the phases of the step to its end, one each chosen pace. */
function play(view) {
  const pace = +view.el(".st-key-play_step select").value * 1000;
  view.el(".st-key-play_step button").textContent = "Stop";
  view.el(".st-key-play_step").classList.add("sv-playing");
  const tick = () => {
    if (view.at.phase >= 9) return stopPlay(view);
    next(view);
    if (view.at.phase >= 9) stopPlay(view);
  };
  tick();
  if (view.at.phase < 9) view.timer = setInterval(tick, pace);
}

export function stopPlay(view) {
  clearInterval(view.timer);
  view.timer = null;
  view.el(".st-key-play_step button").textContent = "Play the step";
  view.el(".st-key-play_step").classList.remove("sv-playing");
}

function shownName(view) {
  return phaseName(view.steps.get(view.at.id).positions[view.at.phase]);
}

/** The nine phases of the step shown, one PNG each (01-hidden_z.png ...), in a zip. */
async function slides(view) {
  const step = view.steps.get(view.at.id);
  const files = [];
  for (let phase = 1; phase < step.views.length; phase++) {
    view.graph.show(step.views[phase]);
    const blob = await slidePng(await slideSvg(view, step.positions[phase]));
    const name = `${String(phase).padStart(2, "0")}-${phaseName(step.positions[phase])}.png`;
    files.push({ name, bytes: new Uint8Array(await blob.arrayBuffer()) });
  }
  view.graph.show(step.views[view.at.phase]);
  download(zip(files), "step-phases.zip");
}
