// The network graph of the stepping view: one Plotly figure drawn once, then only the
// attributes that change (shapes.js), and HTML labels laid over it (labels.js).
// A position's view is a set of arrays (figures.stepview.VIEW_ARRAYS).

import { makeLabels, placeLabels, textWidth, writeTexts } from "./labels.js";
import { haloUpdate, restyleShapes, shapeUpdate, sizeUpdate } from "./shapes.js";

export function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loadPlotly.promise) {
    loadPlotly.promise = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("plotly.min.js", import.meta.url).href;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => reject(new Error("plotly.js did not load"));
      document.head.appendChild(script);
    });
  }
  return loadPlotly.promise;
}

export class Graph {
  constructor(box, payload, onClick, onHover) {
    this.box = box;
    this.plot = box.querySelector(".sv-plot");
    this.overlay = box.querySelector(".sv-labels");
    this.places = payload.places;
    this.shapes = payload.shape_starts;
    this.figure = payload.figure;
    this.view = null;
    this.labels = {};
    this.sizes = new Map(); // label kind and text -> [width, height] in px
    this.fonts = new Map(); // label kind -> its font (the sizes change with it)
    this.scale = 1;
    this.stretch = 1;
    this.ready = loadPlotly().then((Plotly) => this.draw(Plotly, onClick, onHover));
  }

  async draw(Plotly, onClick, onHover) {
    const { data, layout } = JSON.parse(JSON.stringify(this.figure)); // Plotly keeps and changes it
    // Sized by fit() from the box, not by Plotly's autosize: with autosize on, every
    // relayout measures the box again (plotAutoSize, ~14 ms a click here).
    Object.assign(layout, { autosize: false, ...this.boxSize() });
    await Plotly.newPlot(this.plot, data, layout, {
      displayModeBar: false, scrollZoom: false, responsive: false, staticPlot: false,
    });
    makeLabels(this);
    this.Plotly = Plotly; // from here on, show() draws (not while the plot is being made)
    this.plot.on("plotly_click", (e) => onClick(e.points[0] && e.points[0].customdata));
    this.plot.on("plotly_hover", (e) => onHover(e.points[0] && e.points[0].customdata, e.event));
    this.plot.on("plotly_unhover", () => onHover(null));
    this.resizer = new ResizeObserver(() => this.fit());
    this.resizer.observe(this.plot);
    this.fit();
  }

  /** Show ``view``: only the shapes and label texts that differ from the one shown. */
  show(view) {
    if (!this.Plotly) return;
    const update = shapeUpdate(this.view, view, this.shapes);
    if (Object.keys(update).length) {
      if (this.useRelayout) this.Plotly.relayout(this.plot, update); // benchmarks compare
      else restyleShapes(this.plot, update);
    }
    const texts = writeTexts(this, this.view, view);
    const key = this.box.querySelector(".sv-key");
    if (key.textContent !== view.key[0]) key.textContent = view.key[0];
    this.view = view;
    if (texts) this.place();
  }

  /** Pixel coordinates of data point (x, y) inside the plot. */
  toPixels(x, y) {
    const size = this.plot._fullLayout._size;
    const [x0, x1] = this.figure.layout.xaxis.range;
    const [y0, y1] = this.figure.layout.yaxis.range;
    return [size.l + ((x - x0) / (x1 - x0)) * size.w, size.t + (1 - (y - y0) / (y1 - y0)) * size.h];
  }

  boxSize() {
    return { width: Math.max(1, this.plot.clientWidth), height: Math.max(1, this.plot.clientHeight) };
  }

  /** Follow the box's size; size the nodes to the room there is (a phone); place labels. */
  fit() {
    if (!this.plot._fullLayout || !this.plot._fullLayout._size) return;
    const box = this.boxSize();
    if (box.width !== this.plot._fullLayout.width || box.height !== this.plot._fullLayout.height) {
      this.Plotly.relayout(this.plot, box);
    }
    const scale = this.nodeScale();
    const stretch = this.nodeStretch(scale);
    if (Math.abs(scale - this.scale) > 0.02 || Math.abs(stretch - this.stretch) > 0.02) {
      this.scale = scale;
      this.stretch = stretch;
      const { shapes } = this.figure.layout;
      const units = this.places.names.length;
      this.Plotly.relayout(this.plot, sizeUpdate(shapes, this.shapes.node, scale, units, stretch));
      this.box.style.setProperty("--sv-node-scale", scale.toFixed(3));
      this.fonts.clear();
      this.sizes.clear();
    }
    this.place();
  }

  /** How much the nodes shrink (at most 1) so that they fit the rows and columns. */
  nodeScale() {
    const size = this.plot._fullLayout._size;
    const { xaxis, yaxis, shapes } = this.figure.layout;
    const unitY = size.h / (yaxis.range[1] - yaxis.range[0]);
    const unitX = size.w / (xaxis.range[1] - xaxis.range[0]);
    const node = shapes[this.shapes.node].x1 * 2;
    const most = this.box.closest(".sv-large") ? Infinity : 1; // presentation: grow to fill
    return Math.min(most, (unitY * (most > 1 ? 0.94 : 0.88)) / node, (unitX * 0.4) / node);
  }

  /** Presentation: how much wider than high a unit is drawn, so that a value such as
   *  "-0.148" in the large type fits inside it (1: a circle). */
  nodeStretch(scale) {
    if (!this.box.closest(".sv-large")) return 1;
    const value = textWidth(getComputedStyle(this.labels.node_text[0]), "-0.000");
    const node = this.figure.layout.shapes[this.shapes.node].x1 * 2 * scale;
    return Math.max(1, (value + 10) / node);
  }

  /** Place the labels again (their texts, the box or the weights switch changed). */
  place() {
    placeLabels(this);
  }

  /** The green halo around the selected element (or none). */
  halo(place) {
    if (!this.Plotly) return;
    this.Plotly.relayout(this.plot, haloUpdate(this.shapes.halo, place, this.scale));
  }

  destroy() {
    if (this.resizer) this.resizer.disconnect();
    if (this.Plotly) this.Plotly.purge(this.plot);
  }
}
