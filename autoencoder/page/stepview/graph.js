// The network graph of the stepping view: one Plotly figure drawn once, then only the
// attributes that change (Plotly.relayout of shapes), and HTML labels laid over it.
// A position's view is a set of arrays (figures_stepview.VIEW_ARRAYS).

const LABEL_KINDS = ["headers", "node_name", "node_text", "bias_text", "edge_text", "weight_text"];

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

/** The relayout keys that turn view ``from`` (or nothing) into view ``to``; ``SHAPES``:
 *  where each kind of shape starts (figures_stepview.SHAPE_STARTS). */
export function shapeUpdate(from, to, SHAPES) {
  const out = {};
  const put = (name, first, key) => {
    const a = to[name];
    const b = from ? from[name] : null;
    a.forEach((value, i) => {
      if (!b || b[i] !== value) out[`shapes[${first + i}].${key}`] = value;
    });
  };
  put("edge_color", SHAPES.edge, "line.color");
  put("edge_width", SHAPES.edge, "line.width");
  put("edge_dash", SHAPES.edge, "line.dash");
  put("edge_opacity", SHAPES.edge, "opacity");
  put("node_fill", SHAPES.node, "fillcolor");
  put("node_line", SHAPES.node, "line.color");
  put("node_line_width", SHAPES.node, "line.width");
  put("bias_fill", SHAPES.bias, "fillcolor");
  put("bias_line", SHAPES.bias, "line.color");
  put("bias_line_width", SHAPES.bias, "line.width");
  return out;
}

/** An SVG shape path styled as Plotly styles it (colour, width, dash, fill, opacity). */
function styleShape(el, shape) {
  const { color, width, dash } = shape.line;
  el.style.stroke = color;
  el.style.strokeWidth = `${width}px`;
  const gap = 3 * Math.max(width, 3); // Plotly's "dash": 3 line widths, at least 9 px
  el.style.strokeDasharray = dash === "dash" ? `${gap}px, ${gap}px` : "";
  el.style.opacity = shape.opacity === undefined ? 1 : shape.opacity;
  if (shape.fillcolor && shape.type !== "line") el.style.fill = shape.fillcolor;
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
    this.makeLabels();
    this.Plotly = Plotly; // from here on, show() draws (not while the plot is being made)
    this.plot.on("plotly_click", (e) => onClick(e.points[0] && e.points[0].customdata));
    this.plot.on("plotly_hover", (e) => onHover(e.points[0] && e.points[0].customdata, e.event));
    this.plot.on("plotly_unhover", () => onHover(null));
    this.resizer = new ResizeObserver(() => this.fit());
    this.resizer.observe(this.plot);
    this.fit();
  }

  makeLabels() {
    const add = (kind) => {
      const el = document.createElement("span");
      el.className = `sv-label sv-${kind.replace("_", "-")}`;
      this.overlay.appendChild(el);
      return el;
    };
    for (const kind of LABEL_KINDS) {
      const count = { node_name: this.places.names, weight_text: this.places.edge_text }[kind]
        || this.places[kind];
      this.labels[kind] = Array.from({ length: count.length }, () => add(kind));

    }
    this.places.names.forEach((name, n) => { this.labels.node_name[n].textContent = name; });
  }

  /** Show ``view``: only the shapes and label texts that differ from the one shown. */
  show(view) {
    if (!this.Plotly) return;
    const update = shapeUpdate(this.view, view, this.shapes);
    if (Object.keys(update).length) {
      if (this.useRelayout) this.Plotly.relayout(this.plot, update); // benchmarks compare
      else this.restyleShapes(update);
    }
    let texts = false;
    for (const kind of ["headers", "node_text", "bias_text", "edge_text", "weight_text"]) {
      const old = this.view ? this.view[kind] : [];
      view[kind].forEach((text, n) => {
        if (old[n] !== text) { this.labels[kind][n].textContent = text; texts = true; }
      });
    }
    this.box.querySelector(".sv-key").textContent = view.key[0];
    this.view = view;
    if (texts) this.place();
  }

  /** Apply shape style changes (``shapeUpdate`` keys). Plotly.relayout costs 2-20 ms a
   *  call here whatever changed (a changed line width re-runs its calc step), so the
   *  SVG paths Plotly drew get the new style directly, and the same values go into the
   *  figure's layout, so that any later Plotly redraw (a resize) draws the same. */
  restyleShapes(update) {
    const shapes = this.plot.layout.shapes;
    const touched = new Set();
    for (const [key, value] of Object.entries(update)) {
      const [, index, path] = key.match(/^shapes\[(\d+)\]\.(.+)$/);
      const shape = shapes[+index];
      if (path.startsWith("line.")) shape.line[path.slice(5)] = value;
      else shape[path] = value;
      touched.add(+index);
    }
    const drawn = this.drawnShapes();
    for (const index of touched) {
      const el = drawn.get(index);
      if (el) styleShape(el, shapes[index]);
    }
    const full = this.plot._fullLayout.shapes;
    for (const index of touched) Object.assign(full[index].line, shapes[index].line);
  }

  /** The SVG path of each drawn shape, by its index (Plotly's data-index). */
  drawnShapes() {
    const found = new Map();
    this.plot.querySelectorAll(".shapelayer path[data-index]").forEach((el) => {
      found.set(+el.getAttribute("data-index"), el);
    });
    return found;
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
    const size = this.plot._fullLayout._size;
    const unitY = size.h / (this.figure.layout.yaxis.range[1] - this.figure.layout.yaxis.range[0]);
    const unitX = size.w / (this.figure.layout.xaxis.range[1] - this.figure.layout.xaxis.range[0]);
    const shapes = this.figure.layout.shapes;
    const node = shapes[this.shapes.node].x1 * 2;
    const scale = Math.min(1, (unitY * 0.88) / node, (unitX * 0.4) / node);
    if (Math.abs(scale - this.scale) > 0.02) {
      this.scale = scale;
      const update = {};
      for (let i = this.shapes.node; i < shapes.length; i++) {
        const half = shapes[i].x1 * scale;
        Object.assign(update, { [`shapes[${i}].x0`]: -half, [`shapes[${i}].x1`]: half,
          [`shapes[${i}].y0`]: -half, [`shapes[${i}].y1`]: half });
      }
      this.Plotly.relayout(this.plot, update);
      this.box.style.setProperty("--sv-node-scale", scale.toFixed(3));
      this.fonts.clear();
      this.sizes.clear();
    }
    this.place();
  }

  /** Put every label where it is readable: node values inside the nodes, names beside
   *  them, other labels where they collide with nothing placed before; else hidden. */
  place() {
    if (!this.plot._fullLayout) return;
    const shapes = this.figure.layout.shapes;
    const taken = [];
    const rectAt = (cx, cy, w, h) => ({ l: cx - w / 2, r: cx + w / 2, t: cy - h / 2, b: cy + h / 2 });
    const GAP = 3; // px kept free between any two texts
    const overlaps = (a) => taken.some((b) =>
      a.l < b.r + GAP && b.l < a.r + GAP && a.t < b.b + 1 && b.t < a.b + 1);
    const put = (el, rect) => {
      el.style.transform = `translate(${rect.l.toFixed(1)}px, ${rect.t.toFixed(1)}px)`;
      el.style.visibility = "visible";
      taken.push(rect);
    };
    const hide = (el) => { el.style.visibility = "hidden"; };
    // A label's size from its font and text on a canvas: no forced layout of the page.
    const measure = (el) => {
      const key = `${el.className}|${el.textContent}`;
      if (!this.sizes.has(key)) this.sizes.set(key, this.textSize(el));
      return this.sizes.get(key);
    };
    // nodes and biases are obstacles; their values sit inside (nodes) or beside (biases)
    this.places.node_text.forEach(([x, y], n) => {
      const [cx, cy] = this.toPixels(x, y);
      const half = shapes[this.shapes.node + n].x1 * this.scale;
      taken.push(rectAt(cx, cy, half * 2, half * 2));
      const el = this.labels.node_text[n];
      const [w, h] = measure(el);
      el.style.transform = `translate(${(cx - w / 2).toFixed(1)}px, ${(cy - h / 2).toFixed(1)}px)`;
    });
    this.places.bias_text.forEach(([x, y], n) => {
      const [cx, cy] = this.toPixels(x, y);
      const half = shapes[this.shapes.bias + n].x1 * this.scale;
      taken.push(rectAt(cx, cy, half * 2, half * 2));
    });
    const besides = (el, cx, cy, gap, sides) => {
      const [w, h] = measure(el);
      const spots = { left: [cx - gap - w / 2, cy], right: [cx + gap + w / 2, cy],
        top: [cx, cy - gap - h / 2], bottom: [cx, cy + gap + h / 2] };
      for (const side of sides) {
        const rect = rectAt(spots[side][0], spots[side][1], w, h);
        if (!overlaps(rect)) return put(el, rect);
      }
      return hide(el);
    };
    this.places.headers.forEach(([x], n) => {
      const el = this.labels.headers[n];
      const [w, h] = measure(el);
      const [cx] = this.toPixels(x, 0);
      const left = Math.max(0, Math.min(cx - w / 2, this.plot._fullLayout.width - w));
      if (!el.textContent) return hide(el);
      for (const top of [2, 4 + h]) { // a second row when the first is taken
        const rect = { l: left, r: left + w, t: top, b: top + h };
        if (!overlaps(rect)) return put(el, rect);
      }
      return hide(el);
    });
    this.places.node_name.forEach(([x, y], n) => {
      const [cx, cy] = this.toPixels(x, y);
      const gap = shapes[this.shapes.node + n].x1 * this.scale + 3;
      const first = this.places.sides[n];
      const order = [first, ...["left", "right", "top", "bottom"].filter((s) => s !== first)];
      besides(this.labels.node_name[n], cx, cy, gap, order);
    });
    this.places.bias_text.forEach(([x, y], n) => {
      const el = this.labels.bias_text[n];
      const [cx, cy] = this.toPixels(x, y);
      besides(el, cx, cy, shapes[this.shapes.bias + n].x1 * this.scale + 3, ["right", "bottom", "top", "left"]);
    });
    const showWeights = this.box.classList.contains("sv-weights-on");
    for (const kind of ["edge_text", "weight_text"]) {
      const on = kind === "edge_text" || showWeights;
      this.labels[kind].forEach((el, n) => {
        if (!on || !el.textContent) return hide(el);
        const [x0, y0, x1, y1] = this.places.edge_line[n];
        const [w, h] = measure(el);
        for (const t of [this.places.edge_text[n][0] - x0, 0.3, 0.7, 0.2, 0.8, 0.5]) {
          const [cx, cy] = this.toPixels(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
          const rect = rectAt(cx, cy, w, h);
          if (!overlaps(rect)) return put(el, rect);
        }
        return hide(el);
      });
    }
  }

  /** The labels' fonts changed (presentation mode): measure and place them again. */
  fontsChanged() {
    this.fonts.clear();
    this.sizes.clear();
    this.place();
  }

  /** [width, height] in px of a label's text, as the browser will draw it. */
  textSize(el) {
    let font = this.fonts.get(el.className);
    if (!font) {
      const style = getComputedStyle(el);
      const pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      font = { font: style.font, pad, height: parseFloat(style.fontSize) * 1.15 };
      this.fonts.set(el.className, font);
    }
    const context = (this.canvas ||= document.createElement("canvas")).getContext("2d");
    context.font = font.font;
    return [context.measureText(el.textContent).width + font.pad, font.height];
  }

  /** The green halo around the selected element (or none). */
  halo(place) {
    if (!this.Plotly) return;
    const i = this.shapes.halo;
    const half = place ? (place.size / 2) * this.scale : 0;
    this.Plotly.relayout(this.plot, place
      ? { [`shapes[${i}].visible`]: true, [`shapes[${i}].xanchor`]: place.x,
          [`shapes[${i}].yanchor`]: place.y, [`shapes[${i}].x0`]: -half, [`shapes[${i}].x1`]: half,
          [`shapes[${i}].y0`]: -half, [`shapes[${i}].y1`]: half }
      : { [`shapes[${i}].visible`]: false });
  }

  destroy() {
    if (this.resizer) this.resizer.disconnect();
    if (this.Plotly) this.Plotly.purge(this.plot);
  }
}
