// Drawing the stepping view: the frame a run of the server sets (the equations' style,
// the graph, large type, the colour bar) and the position shown (status, buttons,
// scrubber, phase panel, inspector, graph). Every write is skipped when nothing changed
// (a write costs a layout).

import { fitEquations, fitGraphBox, narrowerGraph, panelTooBig, wrapArrays } from "./fit.js";
import { Graph } from "./graph.js";
import { neighbour, select } from "./protocol.js";
import { hover } from "./tip.js";

/** Change an element's text only when it differs. */
export function setText(view, selector, text) {
  const el = view.el(selector);
  if (el.textContent !== text) el.textContent = text;
}

/** The phase a position shows ("hidden_z", ..., "ready"), from its status line. */
export function phaseName(position) {
  return position.status.split("Phase: ")[1];
}

/** What the server's data sets around the positions: the equations' style, the graph
 *  (drawn anew for a new static figure: presentation mode, theme), the type size, the
 *  controls shown, the colour bar and the hint under the graph. */
export function drawFrame(view) {
  const data = view.data;
  equationStyle(view, data.equation_css);
  if (view.graph && view.graph.key !== data.static.key) dropGraph(view);
  if (!view.graph) newGraph(view);
  const root = view.el(".sv-root");
  root.classList.toggle("sv-large", !!data.large); // with a new static figure, so a new graph
  root.classList.toggle("sv-no-controls", !data.controls);
  colourBar(view, data.colour_bar.stops);
  fitGraphBox(view);
  setText(view, ".sv-hint", data.custom
    ? "Click an input node to flip its bit."
    : "Click a node or an edge for its numbers.");
}

/** The MathML's own style rules (figures.math_parts), added once. */
function equationStyle(view, css) {
  if (view.root.querySelector("style.sv-equations")) return;
  const style = document.createElement("style");
  style.className = "sv-equations";
  style.textContent = css;
  view.root.appendChild(style);
}

function dropGraph(view) {
  view.graph.destroy();
  view.el(".sv-labels").replaceChildren();
  view.graph = null;
  view.haloShown = undefined;
}

function newGraph(view) {
  const pick = (id) => { if (id) select(view, id); };
  const graph = new Graph(view.el(".sv-graph"), view.data, pick, (id, ev) => hover(view, id, ev));
  graph.key = view.data.static.key;
  view.graph = graph;
  delete view.root.dataset.graph;
  graph.ready.then(() => {
    if (view.graph !== graph) return; // replaced meanwhile
    view.root.dataset.graph = "ready"; // drawn: tests and benchmarks wait for this
    render(view);
  });
}

/** The weight colour bar: ``stops`` = [[t, colour], ...] with t from 0 to 1. */
function colourBar(view, stops) {
  const gradient = `linear-gradient(90deg, ${stops.map(([t, c]) => `${c} ${t * 100}%`).join(", ")})`;
  const bar = view.el(".sv-bar-colours");
  if (bar.dataset.gradient !== gradient) {
    bar.style.background = gradient;
    bar.dataset.gradient = gradient;
  }
}

/** Show the position ``view.at``, if its step is at hand. */
export function render(view) {
  const step = view.steps.get(view.at.id);
  const position = step && step.positions[view.at.phase];
  if (!position) return; // not at hand (it blew up): the server answers
  drawStatus(view, position);
  const panelDrawn = drawPanel(view, position);
  const inspectorDrawn = drawInspector(view, position);
  const marks = view.root.dataset; // what the tests and benchmarks read
  marks.seq = view.seq; // moves sent; data-ack: the last the server applied
  marks.ack = view.data.ack;
  marks.step = view.at.id;
  marks.phase = view.at.phase;
  drawGraph(view, step);
  if (panelDrawn) schedulePanel(view, position);
  if (inspectorDrawn) fitEquations(view.el(".sv-inspector"));
}

/** The status and caption lines, the buttons and the scrubber. */
function drawStatus(view, position) {
  setText(view, ".st-key-status strong", position.status);
  setText(view, ".sv-caption-line", position.caption);
  const [next, name] = position.next_label.split(": ");
  const button = view.el(".st-key-next_phase button");
  if (button.dataset.name !== name) {
    button.innerHTML = `${next}<span class="sv-next-name">: ${name}</span> ▸`;
    button.dataset.name = name;
  }
  const atStart = view.at.phase === 0 && !neighbour(view, view.at.id, -1);
  view.el(".st-key-prev_phase button").disabled = atStart && !view.data.can_undo;
  const scrub = view.el(".st-key-phase_scrubber input");
  if (+scrub.value !== view.at.phase) scrub.value = view.at.phase;
  setText(view, ".sv-scrub-name", phaseName(position));
}

/** Whether the phase panel is to be drawn anew (a new position, or a refit). */
function drawPanel(view, position) {
  const panel = view.el(".st-key-phase_detail .sv-panel");
  const at = `${view.at.id}:${view.at.phase}`;
  if (panel.dataset.at === at && !view.refitting) return false;
  if (panel.dataset.at !== at) view.graphShare = undefined; // a new phase: the usual split
  panel.dataset.at = at;
  return true;
}

/** The new panel is laid out and fitted off the press's path: after the status and the
 *  graph are painted, in a hidden stage of the panel's size, then shown in one swap (the
 *  old panel stays until then). A refit (a resize) does it at once. */
function schedulePanel(view, position) {
  const token = (view.panelToken = {});
  const run = () => { if (view.panelToken === token && !view.destroyed) fitPanel(view, position); };
  if (view.refitting) run();
  else requestAnimationFrame(() => setTimeout(run, 0));
}

function fillPanel(view, stage, position) {
  const open = view.el(".st-key-phase_detail .sv-panel details[open]") !== null;
  stage.innerHTML = position.panel;
  if (open) stage.querySelector("details").open = true;
  wrapArrays(stage);
}

/** The panel's equations fitted to its width; in presentation, the graph gives the panel
 *  some of its width while an equation still reaches below the screen. */
function fitPanel(view, position) {
  const panel = view.el(".st-key-phase_detail .sv-panel");
  const stage = view.el(".st-key-phase_detail .sv-stage");
  stage.printWidth = panel.printWidth;
  fillPanel(view, stage, position);
  fitEquations(stage);
  while (panelTooBig(view, stage) && narrowerGraph(view)) {
    stage.printWidth = 0; // narrower or wider now: measured again
    fillPanel(view, stage, position);
    fitEquations(stage);
  }
  panel.printWidth = stage.printWidth;
  panel.replaceChildren(...stage.childNodes);
}

/** The selected element's numbers, or nothing when none is selected; true if drawn anew. */
function drawInspector(view, position) {
  const inspector = view.el(".st-key-selected_element");
  inspector.hidden = !position.inspector;
  const at = `${view.data.selected}:${view.at.id}:${view.at.phase}`;
  if (!position.inspector || inspector.dataset.at === at) return false;
  view.el(".sv-inspector").innerHTML = position.inspector;
  inspector.dataset.at = at;
  wrapArrays(inspector);
  return true;
}

/** The graph at the position (once it is drawn), and the halo of the step's selection. */
function drawGraph(view, step) {
  if (!view.graph || !view.graph.Plotly) return;
  view.graph.show(step.views[view.at.phase]);
  const halo = JSON.stringify(step.halo);
  if (halo !== view.haloShown) {
    view.graph.halo(step.halo);
    view.haloShown = halo;
  }
}

/** The screen or the side column changed size: fit the graph and the panel again. */
export function refit(view) {
  fitGraphBox(view);
  view.root.querySelectorAll(".sv-panel, .sv-inspector, .sv-stage").forEach((box) => { box.printWidth = 0; });
  view.el(".st-key-selected_element").dataset.at = "";
  view.refitting = true;
  if (view.at) render(view);
  view.refitting = false;
}
