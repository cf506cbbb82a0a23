// The stepping view (st.components.v2): status, Undo / Next phase / Full step, the phase
// scrubber, play-the-step, the network graph and the phase panel, mounted once and updated
// in place. Streamlit calls the default export on every run with new data; the view keeps
// its own state per mount (a WeakMap keyed by the parent element, no module globals).
//
// The server hands over whole steps (the one in progress, the next, and the previous one
// when Undo reaches it), each with its ten positions prepared. Presses move between them
// here at once; each move tells the server the ABSOLUTE position (step id + phase) with a
// sequence number. The server's answer wins, unless newer moves are still on the way.

import { Graph } from "./graph.js";
import { LAYOUT } from "./layout.js";

const views = new WeakMap();


/** Full views of a step's ten positions, from the changes the server sends. */
function expand(step) {
  let view = {};
  step.views = step.positions.map((p) => (view = { ...view, ...p.view }));
  return step;
}

class StepView {
  constructor(root, component) {
    this.root = root;
    this.component = component;
    this.steps = new Map();
    this.order = [];
    this.at = null; // { id, phase } shown
    this.seq = 0; // position messages sent
    this.waiting = 0; // presses beyond the steps at hand, applied when they arrive
    this.timer = null;
    root.innerHTML = LAYOUT;
    root.stepview = this; // for the browser tests and benchmarks (no global)
    this.el = (name) => root.querySelector(name);
    this.bind();
  }

  bind() {
    this.el(".st-key-next_phase button").onclick = () => this.next();
    this.el(".st-key-prev_phase button").onclick = () => this.prev();
    this.el(".st-key-full_step button").onclick = () => this.full();
    this.el(".st-key-phase_scrubber input").oninput = (e) => this.go(this.at.id, +e.target.value);
    this.el(".st-key-play_step button").onclick = () => (this.timer ? this.stopPlay() : this.play());
    this.el(".st-key-weight_labels input").onchange = (e) => {
      this.el(".sv-graph").classList.toggle("sv-weights-on", e.target.checked);
      if (this.graph) this.graph.place();
    };
    this.onKey = (e) => this.key(e);
    window.addEventListener("keydown", this.onKey);
  }

  key(e) {
    const t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || !this.data || !this.data.controls) return;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
      if (!(t.type === "range" || t.type === "checkbox")) return;
    }
    const action = { ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev",
      s: "full", S: "full" }[e.key];
    if (this.timer) this.stopPlay();
    if (!action) return;
    e.preventDefault();
    this[action]();
  }

  /** New data from the server. */
  receive(data) {
    this.data = data;
    this.steps = new Map(data.steps.map((s) => [s.id, expand(s)]));
    this.order = data.steps.map((s) => s.id);
    const mine = this.at && this.steps.has(this.at.id);
    if (data.ack >= this.seq || !mine) {
      this.at = { id: data.current, phase: data.phase };
      this.seq = Math.max(this.seq, data.ack);
    }
    if (!this.root.querySelector("style.sv-equations")) {
      const style = document.createElement("style");
      style.className = "sv-equations";
      style.textContent = data.equation_css; // the MathML's own rules (figures_math)
      this.root.appendChild(style);
    }
    if (!this.graph) {
      this.graph = new Graph(this.el(".sv-graph"), data, (id) => this.pick(id), (id, ev) => this.hover(id, ev));
      this.graph.ready.then(() => this.render());
    }
    this.el(".sv-root").classList.toggle("sv-large", !!data.large);
    this.el(".sv-root").classList.toggle("sv-no-controls", !data.controls);
    this.el(".sv-bar-colours").style.background = `linear-gradient(90deg, ${data.colour_bar.stops
      .map(([t, c]) => `${c} ${t * 100}%`).join(", ")})`;
    this.el(".sv-hint").textContent = data.custom
      ? "Click an input node to flip its bit."
      : "Click a node or an edge for its numbers.";
    this.render();
    while (this.waiting > 0 && this.canAdvance()) { this.waiting--; this.next(); }
  }

  neighbour(id, by) {
    const i = this.order.indexOf(id);
    return i < 0 ? null : this.order[i + by] || null;
  }

  canAdvance() {
    return this.at.phase < 9 || this.neighbour(this.at.id, 1) !== null;
  }

  next() {
    const { id, phase } = this.at;
    if (phase < 9) return this.go(id, phase + 1);
    const after = this.neighbour(id, 1);
    if (after) return this.go(after, 1);
    this.waiting++;
  }

  prev() {
    const { id, phase } = this.at;
    const before = this.neighbour(id, -1);
    if (phase >= 2 || (phase === 1 && !before)) return this.go(id, phase - 1);
    if (before) return this.go(before, 9);
    this.component.setTriggerValue("undo", this.seq); // past the step's start: the server's undo
  }

  full() {
    const { id, phase } = this.at;
    if (phase < 9) return this.go(id, 9);
    const after = this.neighbour(id, 1);
    if (after) return this.go(after, 9);
    this.waiting += 9;
  }

  /** Show (id, phase) now and tell the server. */
  go(id, phase) {
    this.at = { id, phase };
    this.seq += 1;
    this.component.setStateValue("position", { step: id, phase, seq: this.seq });
    this.render();
  }

  play() {
    const pace = +this.el(".st-key-play_step select").value * 1000;
    this.el(".st-key-play_step button").textContent = "Stop";
    this.el(".st-key-play_step").classList.add("sv-playing");
    const tick = () => {
      if (this.at.phase >= 9) return this.stopPlay();
      this.next();
      if (this.at.phase >= 9) this.stopPlay();
    };
    tick();
    if (this.at.phase < 9 || this.timer === null) this.timer = setInterval(tick, pace);
    if (this.at.phase >= 9) this.stopPlay();
  }

  stopPlay() {
    clearInterval(this.timer);
    this.timer = null;
    this.el(".st-key-play_step button").textContent = "Play the step";
    this.el(".st-key-play_step").classList.remove("sv-playing");
  }

  pick(id) {
    if (id) this.component.setTriggerValue("select", id);
  }

  hover(id, ev) {
    const tip = this.el(".sv-tip");
    if (!id || !this.graph || !this.graph.view) { tip.hidden = true; return; }
    tip.textContent = this.describe(id);
    tip.hidden = false;
    const box = this.el(".sv-graph").getBoundingClientRect();
    tip.style.left = `${Math.min(ev.clientX - box.left + 12, box.width - 180)}px`;
    tip.style.top = `${ev.clientY - box.top + 12}px`;
  }

  describe(id) {
    const view = this.graph.view;
    const names = this.data.names;
    const nodes = this.data.places.names;
    if (nodes.includes(id)) {
      const value = view.node_text[nodes.indexOf(id)];
      return value ? `${id} = ${value}` : `${id}: not computed yet`;
    }
    const edge = this.data.figure.data[0].customdata.indexOf(id);
    if (edge >= 0) {
      const update = view.edge_text[edge] ? ` · a·δ = ${view.edge_text[edge]}` : "";
      return `${id}  ${names[id]}: w = ${view.weight_text[edge]}${update}`;
    }
    const bias = this.data.figure.data[1].customdata.indexOf(id);
    return `${id}  ${names[id]}: b = ${view.bias_text[bias]}`;
  }

  render() {
    const step = this.steps.get(this.at.id);
    if (!step) return;
    const position = step.positions[this.at.phase];
    const set = (name, text) => { const e = this.el(name); if (e.textContent !== text) e.textContent = text; };
    set(".st-key-status strong", position.status);
    set(".sv-caption-line", position.caption);
    const [next, name] = position.next_label.split(": ");
    const button = this.el(".st-key-next_phase button");
    if (button.dataset.name !== name) {
      button.innerHTML = `${next}<span class="sv-next-name">: ${name}</span> ▸`;
      button.dataset.name = name;
    }
    const atStart = this.at.phase === 0 && !this.neighbour(this.at.id, -1);
    this.el(".st-key-prev_phase button").disabled = atStart && !this.data.can_undo;
    const scrub = this.el(".st-key-phase_scrubber input");
    if (+scrub.value !== this.at.phase) scrub.value = this.at.phase;
    this.el(".sv-scrub-name").textContent = position.status.split("Phase: ")[1];
    const panel = this.el(".st-key-phase_detail .sv-panel");
    if (panel.dataset.at !== `${this.at.id}:${this.at.phase}`) {
      const open = panel.querySelector("details[open]") !== null;
      panel.innerHTML = position.panel;
      if (open) panel.querySelector("details").open = true;
      panel.dataset.at = `${this.at.id}:${this.at.phase}`;
    }
    const inspector = this.el(".st-key-selected_element");
    inspector.hidden = !position.inspector;
    if (position.inspector && inspector.dataset.at !== `${this.data.selected}:${this.at.id}:${this.at.phase}`) {
      this.el(".sv-inspector").innerHTML = position.inspector;
      inspector.dataset.at = `${this.data.selected}:${this.at.id}:${this.at.phase}`;
    }
    this.root.dataset.seq = this.seq; // moves sent; data-ack: the last the server applied
    this.root.dataset.ack = this.data.ack;
    this.root.dataset.step = this.at.id;
    this.root.dataset.phase = this.at.phase;
    if (this.graph && this.graph.Plotly) {
      this.graph.show(step.views[this.at.phase]);
      const halo = JSON.stringify(step.halo);
      if (halo !== this.haloShown) { this.graph.halo(step.halo); this.haloShown = halo; }
    }
  }

  destroy() {
    window.removeEventListener("keydown", this.onKey);
    this.stopPlay();
    if (this.graph) this.graph.destroy();
  }
}

export default function (component) {
  const { parentElement, data } = component;
  let view = views.get(parentElement);
  if (!view) {
    const root = document.createElement("div");
    root.className = "sv-mount";
    parentElement.appendChild(root);
    view = new StepView(root, component);
    views.set(parentElement, view);
  }
  view.component = component; // the latest setters
  view.receive(data);
  return () => { view.destroy(); views.delete(parentElement); };
}


