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
import { download, graphPng, graphSvg, zip } from "./export.js";
import { LAYOUT } from "./layout.js";
import { keepHistory, writeUrl } from "./storage.js";

const views = new WeakMap(); // parent element -> its view
// Streamlit can mount the view a second time before it removes the first (seen when a
// fragment rerun and a full run overlap): only the newest may live, or two views would
// both take the keys and both send positions.
const live = new Set();


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
    this.held = new Map(); // prepared steps and the static figure by key, newest last
    this.order = [];
    this.at = null; // { id, phase } shown
    this.seq = 0; // position messages sent
    this.waiting = 0; // presses beyond the steps at hand, applied when they arrive
    this.waitingBack = 0; // ← presses to make once the server has caught up
    this.undos = 0; // undo presses sent to the server (it applies the difference)
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
    this.el(".st-key-clear_selected button").onclick = () => this.component.setTriggerValue("select", "");
    this.el(".st-key-play_step button").onclick = () => (this.timer ? this.stopPlay() : this.play());
    this.el(".st-key-weight_labels input").onchange = (e) => {
      this.el(".sv-graph").classList.toggle("sv-weights-on", e.target.checked);
      if (this.graph) this.graph.place();
    };
    this.el(".st-key-graph_png button").onclick = async () =>
      download(await graphPng(this.graph), `network-${this.phaseName()}.png`);
    this.el(".st-key-graph_svg button").onclick = async () => download(
      new Blob([await graphSvg(this.graph)], { type: "image/svg+xml" }), `network-${this.phaseName()}.svg`);
    this.el(".st-key-slides_zip button").onclick = () => this.slides();
    this.onKey = (e) => this.key(e);
    window.addEventListener("keydown", this.onKey);
  }

  key(e) {
    if (!this.root.isConnected) return this.destroy(); // drawn anew elsewhere: let that one
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

  /** New data from the server. Steps (and the static figure) the view already holds
   *  come as their key only; if one is missing (a new mount), ask for all again. */
  receive(data) {
    const missing = [];
    const steps = data.steps.map((s) => {
      if (!s.held) return this.hold(expand(s));
      if (!this.held.has(s.key)) missing.push(s.key);
      return this.held.has(s.key) ? this.hold(this.held.get(s.key)) : null;
    });
    if (data.static.held) {
      if (!this.held.has(data.static.key)) missing.push(data.static.key);
      else this.hold(this.held.get(data.static.key)); // in use: not the next to go
    } else this.hold(data.static);
    if (missing.length) {
      this.component.setStateValue("need", { keys: missing, seq: this.seq });
      return;
    }
    this.data = { ...data, ...this.held.get(data.static.key) };
    this.steps = new Map(steps.map((s) => [s.id, s]));
    this.order = steps.map((s) => s.id);
    writeUrl(data.url);
    keepHistory(this, data);
    const mine = this.at && this.steps.has(this.at.id);
    if (data.ack >= this.seq || !mine) {
      this.at = { id: data.current, phase: data.phase };
      this.seq = Math.max(this.seq, data.ack);
    }
    data = this.data;
    if (!this.root.querySelector("style.sv-equations")) {
      const style = document.createElement("style");
      style.className = "sv-equations";
      style.textContent = data.equation_css; // the MathML's own rules (figures.math_parts)
      this.root.appendChild(style);
    }
    if (this.graph && this.graph.key !== data.static.key) { // presentation mode, theme
      this.graph.destroy();
      this.el(".sv-labels").replaceChildren();
      this.graph = null;
      this.haloShown = undefined;
    }
    if (!this.graph) {
      this.graph = new Graph(this.el(".sv-graph"), data, (id) => this.pick(id), (id, ev) => this.hover(id, ev));
      this.graph.key = data.static.key;
      delete this.root.dataset.graph;
      const graph = this.graph;
      graph.ready.then(() => {
        if (this.graph !== graph) return; // replaced meanwhile
        this.root.dataset.graph = "ready"; // drawn: tests and benchmarks wait for this
        this.render();
      });
    }
    const root = this.el(".sv-root");
    if (root.classList.contains("sv-large") !== !!data.large) {
      root.classList.toggle("sv-large", !!data.large);
      if (this.graph) this.graph.fontsChanged();
    }
    this.el(".sv-root").classList.toggle("sv-no-controls", !data.controls);
    const gradient = `linear-gradient(90deg, ${data.colour_bar.stops
      .map(([t, c]) => `${c} ${t * 100}%`).join(", ")})`;
    const bar = this.el(".sv-bar-colours");
    if (bar.dataset.gradient !== gradient) {
      bar.style.background = gradient;
      bar.dataset.gradient = gradient;
    }
    this.setText(".sv-hint", data.custom
      ? "Click an input node to flip its bit."
      : "Click a node or an edge for its numbers.");
    this.render();
    while (this.waiting > 0 && this.canAdvance()) { this.waiting--; this.next(); }
    while (this.waitingBack > 0 && data.ack >= this.seq) { this.waitingBack--; this.prev(); }
  }

  /** Change an element's text only when it differs (a write costs a layout). */
  setText(selector, text) {
    const el = this.el(selector);
    if (el.textContent !== text) el.textContent = text;
  }

  /** Keep a prepared step (or the static figure) by its key; the oldest go first. */
  hold(item) {
    this.held.delete(item.key);
    this.held.set(item.key, item);
    while (this.held.size > 24) this.held.delete(this.held.keys().next().value);
    return item;
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
    if (id !== this.data.current) { // the server is not there yet: press again when it is
      this.waitingBack += 1;
      return;
    }
    this.undos += 1; // past the step's start: the server's undo, counted (none lost)
    this.component.setTriggerValue("undo", this.undos);
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
    this.render();
    // Tell the server after the press is painted: sending starts Streamlit's own work on
    // the main thread, which would otherwise come before the paint.
    const message = { step: id, phase, seq: this.seq, held: [...this.held.keys()] };
    requestAnimationFrame(() => setTimeout(() => this.send(message), 0));
  }

  /** Send a position; if no answer has acknowledged it after a while, send it again (it
   *  is absolute, so a second copy changes nothing once the first has arrived). */
  send(message, tries = 0) {
    this.component.setStateValue("position", { ...message, tries });
    clearTimeout(this.resend);
    this.resend = setTimeout(() => {
      const acked = this.data ? this.data.ack : 0;
      if (acked !== message.seq && message.seq === this.seq && this.root.isConnected) {
        this.send(message, tries + 1);
      }
    }, 2000);
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
    if (this.at.phase < 9) this.timer = setInterval(tick, pace);
  }

  stopPlay() {
    clearInterval(this.timer);
    this.timer = null;
    this.el(".st-key-play_step button").textContent = "Play the step";
    this.el(".st-key-play_step").classList.remove("sv-playing");
  }

  phaseName(step = this.steps.get(this.at.id), phase = this.at.phase) {
    return step.positions[phase].status.split("Phase: ")[1];
  }

  /** The nine phases of the step shown, one PNG each (01-hidden_z.png ...), in a zip. */
  async slides() {
    const step = this.steps.get(this.at.id);
    const files = [];
    for (let phase = 1; phase < step.views.length; phase++) {
      this.graph.show(step.views[phase]);
      const blob = await graphPng(this.graph);
      const name = `${String(phase).padStart(2, "0")}-${this.phaseName(step, phase)}.png`;
      files.push({ name, bytes: new Uint8Array(await blob.arrayBuffer()) });
    }
    this.graph.show(step.views[this.at.phase]);
    download(zip(files), "step-phases.zip");
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
    const position = step && step.positions[this.at.phase];
    if (!position) return; // not at hand (it blew up): the server answers
    this.setText(".st-key-status strong", position.status);
    this.setText(".sv-caption-line", position.caption);
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
    this.setText(".sv-scrub-name", position.status.split("Phase: ")[1]);
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
    if (this.destroyed) return;
    this.destroyed = true;
    live.delete(this);
    clearTimeout(this.resend);
    window.removeEventListener("keydown", this.onKey);
    this.stopPlay();
    if (this.graph) this.graph.destroy();
    this.root.remove(); // the view's own element (Streamlit's parent stays)
  }
}

export default function (component) {
  const { parentElement, data } = component;
  let view = views.get(parentElement);
  if (!view || view.destroyed) {
    for (const other of live) other.destroy(); // an older mount still in the page
    const root = document.createElement("div");
    root.className = "sv-mount";
    parentElement.appendChild(root);
    view = new StepView(root, component);
    views.set(parentElement, view);
    live.add(view);
  }
  view.component = component; // the latest setters
  view.receive(data);
  return () => { view.destroy(); views.delete(parentElement); };
}


