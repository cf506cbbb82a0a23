// The stepping view (st.components.v2): status, Undo / Next phase / Full step, the phase
// scrubber, play-the-step, the network graph and the phase panel, mounted once and updated
// in place. Streamlit calls the default export on every run with new data; the view keeps
// its own state per mount (a WeakMap keyed by the parent element, no module globals).
//
// Its parts: protocol.js (the steps at hand and the positions sent to the server),
// moves.js (next, undo, full step), draw.js (what is shown), controls.js (buttons, keys,
// play-the-step, pictures), graph.js (the network graph), storage.js (URL and history).

import { bind, stopPlay } from "./controls.js";
import { drawFrame, refit, render } from "./draw.js";
import { wrapArrays } from "./fit.js";
import { LAYOUT } from "./layout.js";
import { catchUp } from "./moves.js";
import { adoptPosition, keepSteps, takeSteps } from "./protocol.js";
import { keepHistory, writeUrl } from "./storage.js";

const views = new WeakMap(); // parent element -> its view
// Streamlit can mount the view a second time before it removes the first (seen when a
// fragment rerun and a full run overlap): only the newest may live, or two views would
// both take the keys and both send positions.
const live = new Set();

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
    bind(this);
    this.watchSize();
  }

  /** Fit again when the screen or the side column changes size (F11, zoom, a rotated
   *  phone); an opened printout is wrapped when it opens. */
  watchSize() {
    let width = 0;
    this.sizes = new ResizeObserver(() => {
      const now = this.el(".sv-side").clientWidth;
      if (now !== width) refit(this);
      width = now;
    });
    this.sizes.observe(this.el(".sv-side"));
    this.onResize = () => refit(this);
    window.addEventListener("resize", this.onResize);
    this.root.addEventListener("toggle", () => wrapArrays(this.root), true);
  }

  /** New data from the server. Steps (and the static figure) the view already holds
   *  come as their key only; if one is missing (a new mount), ask for all again. */
  receive(data) {
    const steps = takeSteps(this, data);
    if (!steps) return;
    keepSteps(this, data, steps);
    writeUrl(data.url);
    keepHistory(this, data);
    adoptPosition(this, data);
    drawFrame(this);
    render(this);
    catchUp(this);
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    live.delete(this);
    clearTimeout(this.resend);
    window.removeEventListener("keydown", this.onKey);
    window.removeEventListener("resize", this.onResize);
    this.sizes.disconnect();
    stopPlay(this);
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
